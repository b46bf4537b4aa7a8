"""Tier 0, screening: check-ins (on one's own, by a counselor, by invitation), results and the
offer that follows, screening rounds, and the counselors' outreach list."""

from django.urls import include, path

from sebaya.screening import views

org_patterns = [
    path("check-in/", views.screening_home, name="screening_home"),
    path("check-in/<slug:code>/", views.screening_fill, name="screening_fill"),
    path("results/<uuid:administration>/", views.administration_result, name="administration_result"),
    path("people/<uuid:person>/screening/", views.person_results, name="person_results"),
    path(
        "people/<uuid:person>/screening/<slug:code>/",
        views.person_administer,
        name="person_administer",
    ),
    path("check-in/invitations/<uuid:invitation>/", views.invitation_fill, name="invitation_fill"),
    path("results/<uuid:administration>/offer/", views.offer_answer, name="offer_answer"),
    path("screening/rounds/", views.round_list, name="round_list"),
    path("screening/rounds/new/", views.round_new, name="round_new"),
    path("screening/rounds/<uuid:screening_round>/", views.round_detail, name="round_detail"),
    path(
        "screening/rounds/<uuid:screening_round>/cancel/",
        views.round_cancel,
        name="round_cancel",
    ),
    # The paths keep their first word ("follow-up"): counselors have them bookmarked.
    path("screening/follow-up/", views.outreach_queue, name="outreach_queue"),
    path(
        "screening/follow-up/<uuid:administration>/done/",
        views.outreach_done,
        name="outreach_done",
    ),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
