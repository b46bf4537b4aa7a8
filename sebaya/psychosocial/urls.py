from django.urls import include, path

from sebaya.psychosocial import views

INCIDENT = "kejadian/<uuid:incident>/"

org_patterns = [
    path("kejadian/", views.incident_list, name="incident_list"),
    path("kejadian/baru/", views.incident_new, name="incident_new"),
    path(INCIDENT, views.incident_detail, name="incident_detail"),
    path(INCIDENT + "ubah/", views.incident_edit, name="incident_edit"),
    path(INCIDENT + "warga/baru/", views.affected_register, name="affected_register"),
    path(INCIDENT + "warga/<uuid:affected>/", views.affected_detail, name="affected_detail"),
    path(INCIDENT + "warga/<uuid:affected>/pfa/", views.contact_new, name="contact_new"),
    path(INCIDENT + "warga/<uuid:affected>/kebutuhan/", views.need_new, name="need_new"),
    path(INCIDENT + "kebutuhan/", views.need_list, name="need_list"),
    path(INCIDENT + "kebutuhan/<uuid:need>/", views.need_edit, name="need_edit"),
    path("warga/<uuid:affected>/", views.affected_person, name="affected_person"),
    path(INCIDENT + "mitra/", views.response_partners, name="response_partners"),
    path("kejadian/undangan/<uuid:member>/", views.response_answer, name="response_answer"),
    path(INCIDENT + "kemungkinan-sama/", views.duplicate_review, name="duplicate_review"),
    path(INCIDENT + "kemungkinan-sama/gabung/", views.duplicate_merge, name="duplicate_merge"),
    path(INCIDENT + "kemungkinan-sama/bukan-sama/", views.duplicate_not_same, name="duplicate_not_same"),
    path(INCIDENT + "tindak-lanjut/", views.incident_follow_ups, name="incident_follow_ups"),
    path(INCIDENT + "tindak-lanjut/<uuid:follow_up>/", views.incident_follow_up, name="incident_follow_up"),
    path(INCIDENT + "laporan/", views.incident_report, name="incident_report"),
    path(INCIDENT + "laporan/4w.csv", views.incident_report_csv, name="incident_report_csv"),
    path(INCIDENT + "laporan/4w.xlsx", views.incident_report_xlsx, name="incident_report_xlsx"),
    path(INCIDENT + "laporan/situasi.pdf", views.incident_report_pdf, name="incident_report_pdf"),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
