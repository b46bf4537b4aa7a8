"""Privacy: consent records on a person's page, the consent and retention settings, and a
person's own data (UU 27/2022): the person's copy, and an admin's copy for a guardian."""

from django.urls import include, path

from sebaya.privacy import consent_views, export_views

org_patterns = [
    path("people/<uuid:person>/consents/new/", consent_views.consent_new, name="consent_new"),
    path("consents/<uuid:consent>/withdraw/", consent_views.consent_withdraw, name="consent_withdraw"),
    path("settings/privacy/", consent_views.privacy_settings, name="privacy_settings"),
    path("my-data/", export_views.my_data, name="my_data"),
    path("my-data/progress/", export_views.my_data_progress, name="my_data_progress"),
    path("my-data/<uuid:export>.<slug:kind>", export_views.my_data_download, name="my_data_download"),
    path("my-data/<uuid:export>/delete/", export_views.my_data_delete, name="my_data_delete"),
    path("people/<uuid:person>/export/", export_views.person_export, name="person_export"),
    path(
        "people/<uuid:person>/export/progress/",
        export_views.person_export_progress,
        name="person_export_progress",
    ),
    path(
        "people/<uuid:person>/export/<uuid:export>.<slug:kind>",
        export_views.person_export_download,
        name="person_export_download",
    ),
    path(
        "people/<uuid:person>/export/<uuid:export>/delete/",
        export_views.person_export_delete,
        name="person_export_delete",
    ),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
