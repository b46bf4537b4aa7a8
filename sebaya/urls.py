"""Every URL of Sebaya. Each pattern must have an entry in tests/test_access_matrix.py."""

from django.urls import include, path

from sebaya.accounts import views as account_views
from sebaya.audit import views as audit_views
from sebaya.core import security_txt
from sebaya.core import views as core_views
from sebaya.counseling import views as counseling_views
from sebaya.organizations import views as organization_views
from sebaya.people import views as people_views
from sebaya.privacy import consent_views, export_views
from sebaya.programs import recruitment_views, supervision_views
from sebaya.programs import views as program_views
from sebaya.roster import views as roster_views
from sebaya.safety import feedback_views
from sebaya.safety import views as safety_views
from sebaya.screening import views as screening_views
from sebaya.support import typing_views
from sebaya.support import views as support_views

org_patterns = [
    path("", core_views.org_home, name="org_home"),
    path("settings/", organization_views.org_settings, name="org_settings"),
    path("people/", people_views.people_list, name="people_list"),
    path("people/add/", people_views.person_add, name="person_add"),
    path("people/<uuid:person>/", people_views.person_detail, name="person_detail"),
    path("people/<uuid:person>/edit/", people_views.person_edit, name="person_edit"),
    path("people/<uuid:person>/roles/", people_views.person_roles, name="person_roles"),
    path("people/<uuid:person>/account/", account_views.person_account, name="person_account"),
    path(
        "people/<uuid:person>/reset-two-step/",
        account_views.person_two_step_reset,
        name="person_two_step_reset",
    ),
    path(
        "people/<uuid:person>/password-link/",
        account_views.person_password_link,
        name="person_password_link",
    ),
    path(
        "account-changes/<uuid:credential_request>/decide/",
        account_views.credential_request_decide,
        name="credential_request_decide",
    ),
    path(
        "account-changes/<uuid:credential_request>/withdraw/",
        account_views.credential_request_withdraw,
        name="credential_request_withdraw",
    ),
    path("roster/", roster_views.roster_upload, name="roster_upload"),
    path("roster/<uuid:roster_import>/", roster_views.roster_preview, name="roster_preview"),
    path("roster/<uuid:roster_import>/confirm/", roster_views.roster_confirm, name="roster_confirm"),
    path("roster/<uuid:roster_import>/discard/", roster_views.roster_discard, name="roster_discard"),
    path("audit/", audit_views.audit_list, name="audit_list"),
    path("people/<uuid:person>/raise-alert/", safety_views.raise_alert, name="raise_alert"),
    path("alerts/", safety_views.alert_queue, name="alert_queue"),
    path("alerts/<uuid:alert>/", safety_views.alert_detail, name="alert_detail"),
    path("alerts/<uuid:alert>/acknowledge/", safety_views.alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<uuid:alert>/act/", safety_views.alert_act, name="alert_act"),
    path("on-call/", safety_views.on_call_rota, name="on_call_rota"),
    path("risk-feedback/", feedback_views.risk_feedback, name="risk_feedback"),
    path(
        "screening/follow-up/words/<uuid:flag>/done/",
        feedback_views.text_flag_done,
        name="text_flag_done",
    ),
    path("check-in/", screening_views.screening_home, name="screening_home"),
    path("check-in/<slug:code>/", screening_views.screening_fill, name="screening_fill"),
    path(
        "results/<uuid:administration>/", screening_views.administration_result, name="administration_result"
    ),
    path("people/<uuid:person>/screening/", screening_views.person_results, name="person_results"),
    path(
        "people/<uuid:person>/screening/<slug:code>/",
        screening_views.person_administer,
        name="person_administer",
    ),
    path("check-in/invitations/<uuid:invitation>/", screening_views.invitation_fill, name="invitation_fill"),
    path("results/<uuid:administration>/offer/", screening_views.offer_answer, name="offer_answer"),
    path("screening/rounds/", screening_views.round_list, name="round_list"),
    path("screening/rounds/new/", screening_views.round_new, name="round_new"),
    path("screening/rounds/<uuid:screening_round>/", screening_views.round_detail, name="round_detail"),
    path(
        "screening/rounds/<uuid:screening_round>/cancel/",
        screening_views.round_cancel,
        name="round_cancel",
    ),
    path("screening/follow-up/", screening_views.follow_up_queue, name="follow_up_queue"),
    path(
        "screening/follow-up/<uuid:administration>/done/",
        screening_views.follow_up_done,
        name="follow_up_done",
    ),
    # Tier 1: help requests, triage, matching, accompaniment, the roster and supervision
    path("help/", support_views.help_home, name="help_home"),
    path("help/new/", support_views.help_new, name="help_new"),
    path("help/typing-check/", typing_views.typing_check, name="typing_check"),
    path("help/<uuid:help_request>/", support_views.help_request_detail, name="help_request_detail"),
    path("help/<uuid:help_request>/reply/", support_views.help_request_reply, name="help_request_reply"),
    path(
        "help/<uuid:help_request>/withdraw/",
        support_views.help_request_withdraw,
        name="help_request_withdraw",
    ),
    path("help/<uuid:help_request>/triage/", support_views.help_request_triage, name="help_request_triage"),
    path("help/<uuid:help_request>/take/", support_views.help_request_take, name="help_request_take"),
    path(
        "help/<uuid:help_request>/contact/", support_views.help_request_contact, name="help_request_contact"
    ),
    path("help/<uuid:help_request>/close/", support_views.help_request_close, name="help_request_close"),
    path(
        "help/<uuid:help_request>/step-down/",
        support_views.help_request_step_down,
        name="help_request_step_down",
    ),
    path("help/<uuid:help_request>/match/", support_views.help_request_match, name="help_request_match"),
    path("triage/", support_views.triage_queue, name="triage_queue"),
    path("accompany/", support_views.relationship_list, name="relationship_list"),
    path("accompany/<uuid:relationship>/", support_views.relationship_detail, name="relationship_detail"),
    path(
        "accompany/<uuid:relationship>/messages/",
        support_views.relationship_thread,
        name="relationship_thread",
    ),
    path(
        "accompany/<uuid:relationship>/messages/<int:message>/report/",
        support_views.message_report,
        name="message_report",
    ),
    path("accompany/<uuid:relationship>/sessions/", support_views.session_log, name="session_log"),
    path(
        "accompany/<uuid:relationship>/step-up/",
        support_views.relationship_step_up,
        name="relationship_step_up",
    ),
    path("accompany/<uuid:relationship>/close/", support_views.relationship_close, name="relationship_close"),
    path("accompany/<uuid:relationship>/pause/", support_views.relationship_pause, name="relationship_pause"),
    path(
        "accompany/<uuid:relationship>/feedback/",
        support_views.relationship_feedback,
        name="relationship_feedback",
    ),
    path(
        "accompany/<uuid:relationship>/reassign/",
        support_views.relationship_reassign,
        name="relationship_reassign",
    ),
    path(
        "accompany/<uuid:relationship>/supervision-note/",
        support_views.relationship_supervision_note,
        name="relationship_supervision_note",
    ),
    path("supporters/", support_views.supporter_list, name="supporter_list"),
    path("supporters/<uuid:person>/", support_views.supporter_edit, name="supporter_edit"),
    path("supervision/", support_views.supervision, name="supervision"),
    path("buddies/", support_views.buddy_home, name="buddy_home"),
    path("buddies/<uuid:batch>/", support_views.buddy_batch, name="buddy_batch"),
    # Tier 2: the case book (buku kasus)
    path("cases/", counseling_views.case_list, name="case_list"),
    path("people/<uuid:person>/case/new/", counseling_views.case_new, name="case_new"),
    path("help/<uuid:help_request>/case/", counseling_views.case_from_request, name="case_from_request"),
    path(
        "screening/follow-up/<uuid:administration>/case/",
        counseling_views.case_from_screening,
        name="case_from_screening",
    ),
    path("cases/<uuid:case>/", counseling_views.case_detail, name="case_detail"),
    path("cases/<uuid:case>/edit/", counseling_views.case_edit, name="case_edit"),
    path("cases/<uuid:case>/status/", counseling_views.case_status, name="case_status"),
    path("cases/<uuid:case>/close/", counseling_views.case_close, name="case_close"),
    path("cases/<uuid:case>/reopen/", counseling_views.case_reopen, name="case_reopen"),
    path("cases/<uuid:case>/sessions/new/", counseling_views.session_new, name="session_new"),
    path("cases/<uuid:case>/sessions/<uuid:session>/", counseling_views.session_edit, name="session_edit"),
    path("cases/<uuid:case>/break-glass/", counseling_views.case_break_glass, name="case_break_glass"),
    path("cases/<uuid:case>/step-down/", counseling_views.case_step_down, name="case_step_down"),
    path("cases/<uuid:case>/measure/<slug:code>/", counseling_views.case_measure, name="case_measure"),
    path("cases/<uuid:case>/follow-ups/", counseling_views.follow_up_add, name="follow_up_add"),
    path("follow-ups/", counseling_views.follow_up_list, name="follow_up_list"),
    # The peer supporter training program
    path("training/", program_views.training_home, name="training_home"),
    path("training/modules/<slug:code>/", program_views.module_detail, name="module_detail"),
    path("training/modules/<slug:code>/quiz/", program_views.quiz_start, name="quiz_start"),
    path("training/quiz/<uuid:attempt>/", program_views.quiz_attempt, name="quiz_attempt"),
    path(
        "training/certificates/<uuid:certification>.pdf",
        program_views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("program/curriculum/", program_views.curriculum, name="curriculum"),
    path("program/curriculum/install/", program_views.curriculum_install, name="curriculum_install"),
    path("program/curriculum/<uuid:module>/", program_views.module_edit, name="module_edit"),
    path("program/trainees/", program_views.trainees, name="trainees"),
    path("program/trainees/<uuid:person>/", program_views.trainee_detail, name="trainee_detail"),
    path("program/trainees/<uuid:person>/practice/", program_views.trainee_practice, name="trainee_practice"),
    path("program/trainees/<uuid:person>/certify/", program_views.trainee_certify, name="trainee_certify"),
    path(
        "program/trainees/<uuid:person>/evaluation/",
        supervision_views.supporter_evaluation,
        name="supporter_evaluation",
    ),
    # Recruitment and selection
    path("program/join/", recruitment_views.join_home, name="join_home"),
    path("program/join/<uuid:recruitment_round>/apply/", recruitment_views.apply, name="apply"),
    path(
        "program/nominations/<uuid:nomination>/answer/",
        recruitment_views.nomination_answer,
        name="nomination_answer",
    ),
    path(
        "program/applications/<uuid:application>/withdraw/",
        recruitment_views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "program/applications/<uuid:application>/",
        recruitment_views.application_detail,
        name="application_detail",
    ),
    path("program/recruitment/", recruitment_views.recruitment_list, name="recruitment_list"),
    path(
        "program/recruitment/<uuid:recruitment_round>/",
        recruitment_views.recruitment_round,
        name="recruitment_round",
    ),
    path(
        "program/recruitment/<uuid:recruitment_round>/nominate/",
        recruitment_views.nominate,
        name="nominate",
    ),
    path(
        "program/recruitment/<uuid:recruitment_round>/publish/",
        recruitment_views.publish,
        name="recruitment_publish",
    ),
    path("program/rubric/", recruitment_views.rubric, name="rubric"),
    # Live sessions, supervision, the supporter's own page, the program view
    path("program/live/", supervision_views.live_sessions, name="live_sessions"),
    path("program/live/<uuid:session>/", supervision_views.live_session, name="live_session"),
    path("program/supervision/", supervision_views.supervision_sessions, name="supervision_sessions"),
    path("program/supervision/plan/", supervision_views.supervision_plan, name="supervision_plan"),
    path(
        "program/supervision/<uuid:session>/",
        supervision_views.supervision_session,
        name="supervision_session",
    ),
    path(
        "program/supervision/<uuid:session>/record/",
        supervision_views.supervision_record,
        name="supervision_record",
    ),
    path(
        "program/supervision/<uuid:session>/attendance/",
        supervision_views.supervision_attendance,
        name="supervision_attendance",
    ),
    path("program/overview/", supervision_views.program_overview, name="program_overview"),
    path("training/me/", supervision_views.supporter_me, name="supporter_me"),
    path("training/me/pause/", supervision_views.supporter_pause, name="supporter_pause"),
    path("jurnal/", counseling_views.journal, name="journal"),
    path("jurnal/report/", counseling_views.journal_report, name="journal_report"),
    path("partners/", counseling_views.partner_list, name="partner_list"),
    path("partners/new/", counseling_views.partner_new, name="partner_new"),
    path("partners/<uuid:partner>/", counseling_views.partner_edit, name="partner_edit"),
    path("cases/<uuid:case>/refer/", counseling_views.referral_new, name="referral_new"),
    path("cases/<uuid:case>/visits/new/", counseling_views.visit_edit, name="visit_new"),
    path("cases/<uuid:case>/visits/<uuid:visit>/", counseling_views.visit_edit, name="visit_edit"),
    path(
        "cases/<uuid:case>/visits/<uuid:visit>/berita-acara.pdf", counseling_views.visit_pdf, name="visit_pdf"
    ),
    path("cases/<uuid:case>/conferences/new/", counseling_views.conference_edit, name="conference_new"),
    path(
        "cases/<uuid:case>/conferences/<uuid:conference>/",
        counseling_views.conference_edit,
        name="conference_edit",
    ),
    path(
        "cases/<uuid:case>/conferences/<uuid:conference>/notulen.pdf",
        counseling_views.conference_pdf,
        name="conference_pdf",
    ),
    path("referrals/", counseling_views.referral_list, name="referral_list"),
    path("referrals/<uuid:referral>/", counseling_views.referral_detail, name="referral_detail"),
    path("referrals/<uuid:referral>/update/", counseling_views.referral_update, name="referral_update"),
    path("referrals/<uuid:referral>/letter.pdf", counseling_views.referral_letter, name="referral_letter"),
    path("follow-ups/<uuid:follow_up>/done/", counseling_views.follow_up_done, name="follow_up_done_case"),
    # Privacy: consent records on a person's page, and the consent and retention settings.
    path("people/<uuid:person>/consents/new/", consent_views.consent_new, name="consent_new"),
    path("consents/<uuid:consent>/withdraw/", consent_views.consent_withdraw, name="consent_withdraw"),
    path("settings/privacy/", consent_views.privacy_settings, name="privacy_settings"),
    # A person's own data (UU 27/2022): the person's copy, and an admin's copy for a guardian
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

# Asking for help without signing in: a follow-up code and PIN lead back to the request.
ask_patterns = [
    path("", support_views.ask_public, name="ask_public"),
    path("follow-up/", support_views.ask_follow_up, name="ask_follow_up"),
    path("r/<str:code>/", support_views.ask_status, name="ask_status"),
    path("r/<str:code>/withdraw/", support_views.ask_withdraw, name="ask_withdraw"),
    path("r/<str:code>/messages/", support_views.ask_thread, name="ask_thread"),
    path("typing-check/", typing_views.ask_typing_check, name="ask_typing_check"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("bantuan/", core_views.crisis, name="crisis"),
    path("language/", core_views.set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    path("security/", security_txt.security_policy, name="security_policy"),
    path("switch/", core_views.switch, name="switch"),
    path("account/", account_views.account, name="account"),
    path("account/sign-out-everywhere/", account_views.sign_out_everywhere, name="sign_out_everywhere"),
    path("account/confirm/<str:token>/", account_views.hold_confirm, name="hold_confirm"),
    # Before allauth's own pattern of the same name, so that it answers first.
    path("accounts/email/", account_views.email_kept_by_admin, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("o/<slug:org>/", include(org_patterns)),
    path("ask/<slug:org>/", include(ask_patterns)),
    path("n/<slug:network>/", core_views.network_home, name="network_home"),
]
