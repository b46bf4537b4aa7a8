"""Importing a roster of people from a spreadsheet: upload, preview, confirm or discard."""

from django.urls import include, path

from sebaya.roster import views

org_patterns = [
    path("roster/", views.roster_upload, name="roster_upload"),
    path("roster/<uuid:roster_import>/", views.roster_preview, name="roster_preview"),
    path("roster/<uuid:roster_import>/confirm/", views.roster_confirm, name="roster_confirm"),
    path("roster/<uuid:roster_import>/discard/", views.roster_discard, name="roster_discard"),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
