from django.urls import path

from sebaya.help import views

urlpatterns = [
    path("panduan/", views.guide_index, name="guide_index"),
    path("panduan/img/<str:name>", views.guide_image, name="guide_image"),
    path("panduan/<slug:role>/", views.guide, name="guide"),
    path("panduan/<slug:role>.pdf", views.guide_pdf, name="guide_pdf"),
]
