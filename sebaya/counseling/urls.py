"""Tier 2, counseling: the case book (buku kasus) with sessions, measures and follow-ups, the
partner directory and referrals, home visits and case conferences, and the jurnal BK."""

from django.urls import include, path

from sebaya.counseling import views

org_patterns = [
    # The case book: cases, sessions with confidential notes, measures, follow-ups
    path("cases/", views.case_list, name="case_list"),
    path("people/<uuid:person>/case/new/", views.case_new, name="case_new"),
    path("help/<uuid:help_request>/case/", views.case_from_request, name="case_from_request"),
    path(
        "screening/follow-up/<uuid:administration>/case/",
        views.case_from_screening,
        name="case_from_screening",
    ),
    path("cases/<uuid:case>/", views.case_detail, name="case_detail"),
    path("cases/<uuid:case>/timeline/", views.case_timeline, name="case_timeline"),
    path("cases/<uuid:case>/edit/", views.case_edit, name="case_edit"),
    path("cases/<uuid:case>/status/", views.case_status, name="case_status"),
    path("cases/<uuid:case>/close/", views.case_close, name="case_close"),
    path("cases/<uuid:case>/reopen/", views.case_reopen, name="case_reopen"),
    path("cases/<uuid:case>/sessions/new/", views.session_new, name="session_new"),
    path("cases/<uuid:case>/sessions/<uuid:session>/", views.session_edit, name="session_edit"),
    path("cases/<uuid:case>/break-glass/", views.case_break_glass, name="case_break_glass"),
    path("cases/<uuid:case>/step-down/", views.case_step_down, name="case_step_down"),
    path("cases/<uuid:case>/measure/<slug:code>/", views.case_measure, name="case_measure"),
    path("cases/<uuid:case>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("follow-ups/<uuid:follow_up>/done/", views.follow_up_done, name="follow_up_done"),
    # The counselor's journal (jurnal BK) and its reports
    path("jurnal/", views.journal, name="journal"),
    path("jurnal/report/", views.journal_report, name="journal_report"),
    # Partners and referrals to them
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/new/", views.partner_new, name="partner_new"),
    path("partners/<uuid:partner>/", views.partner_edit, name="partner_edit"),
    path("cases/<uuid:case>/refer/", views.referral_new, name="referral_new"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<uuid:referral>/", views.referral_detail, name="referral_detail"),
    path("referrals/<uuid:referral>/update/", views.referral_update, name="referral_update"),
    path("referrals/<uuid:referral>/letter.pdf", views.referral_letter, name="referral_letter"),
    # Home visits and case conferences, with their PDFs
    path("cases/<uuid:case>/visits/new/", views.visit_edit, name="visit_new"),
    path("cases/<uuid:case>/visits/<uuid:visit>/", views.visit_edit, name="visit_edit"),
    path("cases/<uuid:case>/visits/<uuid:visit>/berita-acara.pdf", views.visit_pdf, name="visit_pdf"),
    path("cases/<uuid:case>/conferences/new/", views.conference_edit, name="conference_new"),
    path("cases/<uuid:case>/conferences/rows/<slug:kind>/", views.conference_row, name="conference_row"),
    path(
        "cases/<uuid:case>/conferences/<uuid:conference>/",
        views.conference_edit,
        name="conference_edit",
    ),
    path(
        "cases/<uuid:case>/conferences/<uuid:conference>/notulen.pdf",
        views.conference_pdf,
        name="conference_pdf",
    ),
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
