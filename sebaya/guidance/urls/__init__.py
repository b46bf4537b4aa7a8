"""Tier 0 and the BK program cycle, one URL module per use case (each under /o/<org>/)."""

from django.urls import include, path

org_patterns = [
    # Needs assessment: the questionnaires and their results by class, grade and bidang
    path("", include("sebaya.guidance.urls.needs")),
    # The BK program: annual and semester programs, service plans (RPL), progress, documents
    path("", include("sebaya.guidance.urls.program")),
    # Activities: classroom and group guidance, groups, workshops; registration and attendance
    path("", include("sebaya.guidance.urls.activities")),
    # Awareness campaigns, and the calendar with its iCalendar feed
    path("", include("sebaya.guidance.urls.campaigns")),
    path("", include("sebaya.guidance.urls.calendar")),
]

urlpatterns = [
    path("o/<slug:org>/", include(org_patterns)),
    # The iCalendar feed: its secret address is the key, so it lives outside /o/<org>/.
    path("", include("sebaya.guidance.urls.calendar_feed")),
]
