"""Activities: classroom and group guidance, group counseling, support and discussion groups,
workshops; registration, meetings, attendance (a list or a QR code), materials, feedback."""

from django.urls import path

from sebaya.guidance.views import activities as views
from sebaya.guidance.views import attendance

A = "kegiatan/<uuid:activity>/"
urlpatterns = [
    path("kegiatan/", views.activity_list, name="activity_list"),
    path("kegiatan/baru/", views.activity_new, name="activity_new"),
    # The address in a meeting's QR code: opened by a participant's phone camera.
    path("kegiatan/hadir/<str:code>/", attendance.activity_attend, name="activity_attend"),
    path(A, views.activity_detail, name="activity_detail"),
    path(A + "ubah/", views.activity_edit, name="activity_edit"),
    path(A + "daftar/", views.activity_register, name="activity_register"),
    path(A + "mundur/", views.activity_withdraw, name="activity_withdraw"),
    path(A + "peserta/", views.activity_enrol, name="activity_enrol"),
    path(A + "pertemuan/baru/", views.meeting_new, name="meeting_new"),
    path(A + "pertemuan/<uuid:meeting>/", attendance.meeting_detail, name="meeting_detail"),
    path(A + "pertemuan/<uuid:meeting>/qr/", attendance.meeting_qr, name="meeting_qr"),
    path(A + "materi/", views.material_upload, name="material_upload"),
    path(A + "materi/<uuid:material>/", views.material_download, name="material_download"),
    path(A + "umpan-balik/", views.activity_feedback, name="activity_feedback"),
    path(A + "evaluasi/", views.activity_evaluate, name="activity_evaluate"),
    path(A + "peduli/<uuid:person>/", views.activity_concern, name="activity_concern"),
]
