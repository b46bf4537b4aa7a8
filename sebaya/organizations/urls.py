"""An organization's settings."""

from django.urls import include, path

from sebaya.organizations import views

org_patterns = [
    path("settings/", views.org_settings, name="org_settings"),
    path("settings/letterhead/", views.letterhead_edit, name="letterhead_edit"),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
