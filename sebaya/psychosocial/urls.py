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
    path(INCIDENT + "tindak-lanjut/", views.incident_follow_ups, name="incident_follow_ups"),
    path(INCIDENT + "tindak-lanjut/<uuid:follow_up>/", views.incident_follow_up, name="incident_follow_up"),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
