"""Needs assessment pages: the needs found, and the organization's own needs questionnaires."""

from django.urls import path

from sebaya.guidance.views import needs as views

urlpatterns = [
    path("guidance/needs/", views.needs_results_page, name="needs_results"),
    path("guidance/needs/questionnaires/", views.needs_questionnaires, name="needs_questionnaires"),
    path("guidance/needs/questionnaires/copy/<slug:code>/", views.needs_copy, name="needs_copy"),
    path("guidance/needs/questionnaires/<slug:code>/", views.needs_edit, name="needs_edit"),
]
