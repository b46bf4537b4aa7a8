"""The BK program: annual programs and their items, the program semester, service plans (RPL),
progress and the printed documents (under /o/<org>/bk-program/)."""

from django.urls import path

from sebaya.guidance.views import program as views
from sebaya.guidance.views import program_plans as plans

urlpatterns = [
    path("bk-program/", views.program_list, name="bk_program_list"),
    path("bk-program/new/", views.program_new, name="bk_program_new"),
    path("bk-program/<uuid:program>/", views.program_detail, name="bk_program_detail"),
    path("bk-program/<uuid:program>/edit/", views.program_edit, name="bk_program_edit"),
    path("bk-program/<uuid:program>/approve/", views.program_approve, name="bk_program_approve"),
    path("bk-program/<uuid:program>/items/new/", views.item_edit, name="bk_item_new"),
    path("bk-program/<uuid:program>/items/<uuid:item>/", views.item_edit, name="bk_item_edit"),
    path("bk-program/<uuid:program>/items/<uuid:item>/remove/", views.item_remove, name="bk_item_remove"),
    path("bk-program/<uuid:program>/from-needs/", views.program_from_needs, name="bk_program_from_needs"),
    path("bk-program/<uuid:program>/semester/", views.semester, name="bk_semester"),
    path(
        "bk-program/<uuid:program>/semester/<uuid:placement>/remove/",
        views.placement_remove,
        name="bk_placement_remove",
    ),
    path("bk-program/<uuid:program>/progress/", views.progress, name="bk_progress"),
    path("bk-program/<uuid:program>/program.pdf", plans.program_pdf, name="bk_program_pdf"),
    path("bk-program/<uuid:program>/program.xlsx", plans.program_xlsx, name="bk_program_xlsx"),
    path("bk-program/rpl/", plans.plan_list, name="bk_plan_list"),
    path("bk-program/rpl/new/", plans.plan_edit, name="bk_plan_new"),
    path("bk-program/rpl/<uuid:plan>/", plans.plan_edit, name="bk_plan_edit"),
    path("bk-program/rpl/<uuid:plan>/rpl.pdf", plans.plan_pdf, name="bk_plan_pdf"),
]
