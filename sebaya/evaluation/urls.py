"""Evaluation pages: the organization's dashboard under /o/<org>/evaluasi/, the network's under
/n/<network>/evaluasi/."""

from django.urls import include, path

from sebaya.evaluation import records_views, report_views, views

org_patterns: list = [
    path("evaluasi/", views.dashboard, name="evaluation_dashboard"),
    path("evaluasi/hitung-ulang/", views.dashboard_refresh, name="evaluation_refresh"),
    path("evaluasi/tabel/<slug:key>.<str:kind>", views.table_export, name="evaluation_table_export"),
    path("evaluasi/laporan.pdf", report_views.evaluation_report_pdf, name="evaluation_report_pdf"),
]
network_patterns: list = [
    path("evaluasi/", views.network_dashboard, name="network_evaluation"),
    path("evaluasi/hitung-ulang/", views.network_refresh, name="network_evaluation_refresh"),
    path("evaluasi/tabel.<str:kind>", views.network_table_export, name="network_evaluation_export"),
]

# The de-identified record-level export (organization admins).
org_patterns += [
    path("evaluasi/data-rekaman/", records_views.records_export, name="records_export"),
    path(
        "evaluasi/data-rekaman/progres/",
        records_views.records_export_progress,
        name="records_export_progress",
    ),
    path(
        "evaluasi/data-rekaman/<uuid:export>/unduh/",
        records_views.records_export_download,
        name="records_export_download",
    ),
    path(
        "evaluasi/data-rekaman/<uuid:export>/hapus/",
        records_views.records_export_delete,
        name="records_export_delete",
    ),
]

urlpatterns = [
    path("o/<slug:org>/", include(org_patterns)),
    path("n/<slug:network>/", include(network_patterns)),
]
