"""Tier 3, the safety net: raising an alert, the alert queue and an alert's handling, the on-call
rota, and the counselors' feedback on the risk detector."""

from django.urls import include, path

from sebaya.safety import feedback_views, views

org_patterns = [
    path("people/<uuid:person>/raise-alert/", views.raise_alert, name="raise_alert"),
    path("alerts/", views.alert_queue, name="alert_queue"),
    path("alerts/<uuid:alert>/", views.alert_detail, name="alert_detail"),
    path("alerts/<uuid:alert>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<uuid:alert>/act/", views.alert_act, name="alert_act"),
    path("on-call/", views.on_call_rota, name="on_call_rota"),
    # Was the risk detector right? And the worrying words found in a person's writing, handled.
    # (On the outreach list; the path keeps its first word, "follow-up", like the list's own.)
    path("risk-feedback/", feedback_views.risk_feedback, name="risk_feedback"),
    path(
        "screening/follow-up/words/<uuid:flag>/done/",
        feedback_views.text_flag_done,
        name="text_flag_done",
    ),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
