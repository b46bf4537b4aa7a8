"""Writes for tier 1: asking for help, triage, matching, accompaniment, stepping up and down.

Every function runs in one transaction, records its audit event, and scans arriving words with
`safety.services.text_check` in that same transaction, so a risky message and its alert are kept
together or not at all.

One module per use case (as the views in `sebaya.support.views`): `requests` (asking for help),
`triage_matching`, `accompaniment`, `roster` (supporters) and `buddy_batches`. This package
re-exports their public names, so callers write `services.help_request_submit(...)`.
"""

from sebaya.support.services._shared import NotAllowedNow
from sebaya.support.services.accompaniment import (
    feedback_give,
    message_report,
    message_send,
    peer_session_log,
    relationship_close,
    relationship_reassign,
    relationship_set_status,
    step_up,
    supervision_note_add,
    supervision_notes_readable,
    thread_mark_read,
)
from sebaya.support.services.buddy_batches import (
    buddy_batch_confirm,
    buddy_batch_discard,
    buddy_batch_propose,
    buddy_inputs,
    buddy_pair_edit,
    default_intake_grade,
)
from sebaya.support.services.requests import (
    CODE_ALPHABET,
    anonymous_request_find,
    check_band_label,
    first_contact_record,
    help_request_submit,
    new_request_code,
    normalize_code,
    request_reply,
    request_withdraw,
)
from sebaya.support.services.roster import supporter_conflict_set, supporter_pause_set, supporter_profile_save
from sebaya.support.services.triage_matching import (
    help_request_for_step_down,
    need_for,
    proposals_for,
    relationship_start,
    request_close,
    request_take,
    step_down,
    supporter_candidates,
    triage_decide,
    triage_queue,
    with_open_alerts,
)

__all__ = [
    "CODE_ALPHABET",
    "NotAllowedNow",
    "anonymous_request_find",
    "buddy_batch_confirm",
    "buddy_batch_discard",
    "buddy_batch_propose",
    "buddy_inputs",
    "buddy_pair_edit",
    "check_band_label",
    "default_intake_grade",
    "feedback_give",
    "first_contact_record",
    "help_request_for_step_down",
    "help_request_submit",
    "message_report",
    "message_send",
    "need_for",
    "new_request_code",
    "normalize_code",
    "peer_session_log",
    "proposals_for",
    "relationship_close",
    "relationship_reassign",
    "relationship_set_status",
    "relationship_start",
    "request_close",
    "request_reply",
    "request_take",
    "request_withdraw",
    "step_down",
    "step_up",
    "supervision_note_add",
    "supervision_notes_readable",
    "supporter_candidates",
    "supporter_conflict_set",
    "supporter_pause_set",
    "supporter_profile_save",
    "thread_mark_read",
    "triage_decide",
    "triage_queue",
    "with_open_alerts",
]
