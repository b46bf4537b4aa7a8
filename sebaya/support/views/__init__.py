"""Pages for tier 1: asking for help (signed in or anonymously), triage, matching, accompaniment,
the peer supporter roster and supervision, and the buddy system. Access is decided in
`sebaya.access`.

The pages are split by use case:

- `ask`: asking anonymously on the public pages: the form, coming back with the request code and PIN, the
  request's status, withdrawing, the thread with a peer supporter;
- `help_requests`: a signed-in person's help page, a new request, a request's page, replying and
  withdrawing;
- `triage_matching`: a counselor's handling of a request: triage, taking it, first contact,
  closing, stepping down, matching with a peer supporter, the triage queue;
- `accompaniment`: support relationships: their page and thread, reporting a message, sessions,
  stepping up, pausing, closing, feedback, reassigning, supervision notes;
- `roster`: the peer supporter roster, a supporter's profile and conflicts, the supervision page;
- `buddies`: the buddy system's batches;
- `_shared`: the few private helpers more than one of them uses.

Every view (and public constant) is re-exported here, so `sebaya.support.views.<name>` still
works for the URLs and the tests.
"""

from __future__ import annotations

from sebaya.support.views.accompaniment import (
    message_report,
    relationship_close,
    relationship_detail,
    relationship_feedback,
    relationship_list,
    relationship_pause,
    relationship_reassign,
    relationship_step_up,
    relationship_supervision_note,
    relationship_thread,
    session_log,
)
from sebaya.support.views.ask import (
    ANONYMOUS_PER_HOUR,
    CODE_FAILURES,
    CODE_WINDOW,
    ask_public,
    ask_return,
    ask_status,
    ask_thread,
    ask_withdraw,
)
from sebaya.support.views.buddies import (
    BUDDY_REFUSALS,
    buddy_batch,
    buddy_batch_confirm,
    buddy_batch_discard,
    buddy_home,
    buddy_pair_edit,
)
from sebaya.support.views.help_requests import (
    help_home,
    help_new,
    help_request_detail,
    help_request_reply,
    help_request_withdraw,
)
from sebaya.support.views.roster import (
    supervision,
    supporter_conflict_add,
    supporter_conflict_remove,
    supporter_edit,
    supporter_list,
)
from sebaya.support.views.triage_matching import (
    help_request_close,
    help_request_contact,
    help_request_match,
    help_request_step_down,
    help_request_take,
    help_request_triage,
    triage_queue,
)

__all__ = [
    "ANONYMOUS_PER_HOUR",
    "BUDDY_REFUSALS",
    "CODE_FAILURES",
    "CODE_WINDOW",
    "ask_return",
    "ask_public",
    "ask_status",
    "ask_thread",
    "ask_withdraw",
    "buddy_batch",
    "buddy_batch_confirm",
    "buddy_batch_discard",
    "buddy_home",
    "buddy_pair_edit",
    "help_home",
    "help_new",
    "help_request_close",
    "help_request_contact",
    "help_request_detail",
    "help_request_match",
    "help_request_reply",
    "help_request_step_down",
    "help_request_take",
    "help_request_triage",
    "help_request_withdraw",
    "message_report",
    "relationship_close",
    "relationship_detail",
    "relationship_feedback",
    "relationship_list",
    "relationship_pause",
    "relationship_reassign",
    "relationship_step_up",
    "relationship_supervision_note",
    "relationship_thread",
    "session_log",
    "supervision",
    "supporter_conflict_add",
    "supporter_conflict_remove",
    "supporter_edit",
    "supporter_list",
    "triage_queue",
]
