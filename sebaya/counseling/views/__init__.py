"""The case book (buku kasus): cases, sessions with confidential notes, and the person's timeline.
Counselors only; access is decided in `sebaya.access` (CASE_ACTIONS).

The views are split by use case:

- `cases`: the case list, opening a case (for a person, from a help request or a screening
  result), the case page, editing, status, closing and reopening, break the glass, step down;
- `sessions`: counseling sessions and their confidential notes (new, edit);
- `measures_follow_ups`: the case's charts, measures (an instrument given within the case) and
  follow-ups (add, done, the counselor's list);
- `referrals`: the partner directory, referrals, their updates and the referral letter PDF;
- `visits_conferences`: home visits and case conferences, and their PDFs;
- `person_timeline`: the person's timeline a page at a time ("Show earlier" on the case page);
- `counselor_journal`: the jurnal BK and its reports (HTML, PDF, XLSX);
- `_shared`: the helpers they share (`_case`, `_back`).

Every view is re-exported here, so `sebaya.counseling.urls` uses `views.<name>`.
"""

from sebaya.counseling.views.cases import (
    case_break_glass,
    case_close,
    case_detail,
    case_edit,
    case_from_request,
    case_from_screening,
    case_list,
    case_new,
    case_reopen,
    case_status,
    case_step_down,
)
from sebaya.counseling.views.counselor_journal import journal, journal_report
from sebaya.counseling.views.measures_follow_ups import (
    case_charts,
    case_measure,
    follow_up_add,
    follow_up_done,
    follow_up_list,
)
from sebaya.counseling.views.person_timeline import case_timeline
from sebaya.counseling.views.referrals import (
    partner_edit,
    partner_list,
    partner_new,
    referral_detail,
    referral_letter,
    referral_list,
    referral_new,
    referral_update,
)
from sebaya.counseling.views.sessions import session_edit, session_new
from sebaya.counseling.views.visits_conferences import (
    conference_edit,
    conference_pdf,
    conference_row,
    visit_edit,
    visit_pdf,
)

__all__ = [
    "case_break_glass",
    "case_charts",
    "case_close",
    "case_detail",
    "case_edit",
    "case_from_request",
    "case_from_screening",
    "case_list",
    "case_measure",
    "case_new",
    "case_reopen",
    "case_status",
    "case_step_down",
    "case_timeline",
    "conference_edit",
    "conference_pdf",
    "conference_row",
    "follow_up_add",
    "follow_up_done",
    "follow_up_list",
    "journal",
    "journal_report",
    "partner_edit",
    "partner_list",
    "partner_new",
    "referral_detail",
    "referral_letter",
    "referral_list",
    "referral_new",
    "referral_update",
    "session_edit",
    "session_new",
    "visit_edit",
    "visit_pdf",
]
