"""Writes for counseling cases. Every function is one transaction with its audit event.

Edits of a case or a session name the version they were made on; `EditConflict` refuses an edit
made on an old version, so two counselors never silently overwrite each other.

One module per use case (as the views in `sebaya.counseling.views`): `cases`, `sessions`
(confidential notes, break the glass), `measures_follow_ups`, `referrals` (and partners),
`visits_conferences` and `counselor_journal`. This package re-exports their public names, so
callers write `services.case_open(...)`; it also passes on `EditConflict` and the note
encryption helpers, which the case views use through it.
"""

from sebaya.counseling.services._shared import NotAllowedNow
from sebaya.counseling.services.cases import (
    CASE_FIELDS,
    case_close,
    case_from_help_request,
    case_from_screening,
    case_open,
    case_reopen,
    case_set_status,
    case_update,
)
from sebaya.counseling.services.counselor_journal import journal_entry_add
from sebaya.counseling.services.measures_follow_ups import (
    case_measure_record,
    follow_up_add,
    follow_up_done,
    follow_ups_remind,
)
from sebaya.counseling.services.referrals import (
    REFERRAL_NEXT,
    STALLED_AFTER,
    partner_save,
    referral_create,
    referral_shared,
    referral_update,
    referrals_remind,
    visible_partners,
)
from sebaya.counseling.services.sessions import (
    BREAK_GLASS_MINUTES,
    SESSION_FIELDS,
    break_glass,
    session_record,
    session_update,
)
from sebaya.counseling.services.visits_conferences import (
    CONFERENCE_FIELDS,
    VISIT_FIELDS,
    conference_save,
    visit_save,
)
from sebaya.kernel.crypto import NoteUnreadable, note_decrypt, note_encrypt
from sebaya.kernel.versioning import EditConflict

__all__ = [
    "BREAK_GLASS_MINUTES",
    "CASE_FIELDS",
    "CONFERENCE_FIELDS",
    "REFERRAL_NEXT",
    "SESSION_FIELDS",
    "STALLED_AFTER",
    "VISIT_FIELDS",
    "EditConflict",
    "NoteUnreadable",
    "NotAllowedNow",
    "break_glass",
    "case_close",
    "case_from_help_request",
    "case_from_screening",
    "case_measure_record",
    "case_open",
    "case_reopen",
    "case_set_status",
    "case_update",
    "conference_save",
    "follow_up_add",
    "follow_up_done",
    "follow_ups_remind",
    "journal_entry_add",
    "note_decrypt",
    "note_encrypt",
    "partner_save",
    "referral_create",
    "referral_shared",
    "referral_update",
    "referrals_remind",
    "session_record",
    "session_update",
    "visible_partners",
    "visit_save",
]
