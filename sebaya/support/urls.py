"""Tier 1, peer support: help requests (signed in, or anonymously with a code and PIN), triage,
matching, accompaniment, the peer supporter roster and supervision, and the buddy system."""

from django.urls import include, path

from sebaya.support import typing_views, views

org_patterns = [
    # Help requests, triage and matching
    path("help/", views.help_home, name="help_home"),
    path("help/new/", views.help_new, name="help_new"),
    path("help/typing-check/", typing_views.typing_check, name="typing_check"),
    path("help/<uuid:help_request>/", views.help_request_detail, name="help_request_detail"),
    path("help/<uuid:help_request>/reply/", views.help_request_reply, name="help_request_reply"),
    path(
        "help/<uuid:help_request>/withdraw/",
        views.help_request_withdraw,
        name="help_request_withdraw",
    ),
    path("help/<uuid:help_request>/triage/", views.help_request_triage, name="help_request_triage"),
    path("help/<uuid:help_request>/take/", views.help_request_take, name="help_request_take"),
    path("help/<uuid:help_request>/contact/", views.help_request_contact, name="help_request_contact"),
    path("help/<uuid:help_request>/close/", views.help_request_close, name="help_request_close"),
    path(
        "help/<uuid:help_request>/step-down/",
        views.help_request_step_down,
        name="help_request_step_down",
    ),
    path("help/<uuid:help_request>/match/", views.help_request_match, name="help_request_match"),
    path("triage/", views.triage_queue, name="triage_queue"),
    # Accompaniment: a support relationship between a member and a peer supporter
    path("accompany/", views.relationship_list, name="relationship_list"),
    path("accompany/<uuid:relationship>/", views.relationship_detail, name="relationship_detail"),
    path(
        "accompany/<uuid:relationship>/messages/",
        views.relationship_thread,
        name="relationship_thread",
    ),
    path(
        "accompany/<uuid:relationship>/messages/<int:message>/report/",
        views.message_report,
        name="message_report",
    ),
    path("accompany/<uuid:relationship>/sessions/", views.session_log, name="session_log"),
    path(
        "accompany/<uuid:relationship>/step-up/",
        views.relationship_step_up,
        name="relationship_step_up",
    ),
    path("accompany/<uuid:relationship>/close/", views.relationship_close, name="relationship_close"),
    path("accompany/<uuid:relationship>/pause/", views.relationship_pause, name="relationship_pause"),
    path(
        "accompany/<uuid:relationship>/feedback/",
        views.relationship_feedback,
        name="relationship_feedback",
    ),
    path(
        "accompany/<uuid:relationship>/reassign/",
        views.relationship_reassign,
        name="relationship_reassign",
    ),
    path(
        "accompany/<uuid:relationship>/supervision-note/",
        views.relationship_supervision_note,
        name="relationship_supervision_note",
    ),
    # The roster of peer supporters (each declared conflict is its own write) and supervision
    path("supporters/", views.supporter_list, name="supporter_list"),
    path("supporters/<uuid:person>/", views.supporter_edit, name="supporter_edit"),
    path(
        "supporters/<uuid:person>/conflicts/add/",
        views.supporter_conflict_add,
        name="supporter_conflict_add",
    ),
    path(
        "supporters/<uuid:person>/conflicts/remove/",
        views.supporter_conflict_remove,
        name="supporter_conflict_remove",
    ),
    path("supervision/", views.supervision, name="supervision"),
    # The buddy system: a batch of proposed pairs, edited pair by pair, then confirmed or discarded
    path("buddies/", views.buddy_home, name="buddy_home"),
    path("buddies/<uuid:batch>/", views.buddy_batch, name="buddy_batch"),
    path("buddies/<uuid:batch>/pairs/", views.buddy_pair_edit, name="buddy_pair_edit"),
    path("buddies/<uuid:batch>/confirm/", views.buddy_batch_confirm, name="buddy_batch_confirm"),
    path("buddies/<uuid:batch>/discard/", views.buddy_batch_discard, name="buddy_batch_discard"),
]

# Asking for help without signing in: a request code and PIN lead back to the request.
ask_patterns = [
    path("", views.ask_public, name="ask_public"),
    # The path keeps its first word ("follow-up"): people have it bookmarked and written down.
    path("follow-up/", views.ask_return, name="ask_return"),
    path("r/<str:code>/", views.ask_status, name="ask_status"),
    path("r/<str:code>/withdraw/", views.ask_withdraw, name="ask_withdraw"),
    path("r/<str:code>/messages/", views.ask_thread, name="ask_thread"),
    path("typing-check/", typing_views.ask_typing_check, name="ask_typing_check"),
]

urlpatterns = [
    path("o/<slug:org>/", include(org_patterns)),
    path("ask/<slug:org>/", include(ask_patterns)),
]
