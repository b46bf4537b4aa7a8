"""The peer supporter program: training and its curriculum, recruitment and selection, live
sessions, supervision, the supporter's own page and the program overview."""

from django.urls import include, path

from sebaya.programs import recruitment_views, supervision_views, views

org_patterns = [
    # Training: modules, quizzes, certificates; the coordinator's curriculum and trainees
    path("training/", views.training_home, name="training_home"),
    path("training/modules/<slug:code>/", views.module_detail, name="module_detail"),
    path("training/modules/<slug:code>/quiz/", views.quiz_start, name="quiz_start"),
    path("training/quiz/<uuid:attempt>/", views.quiz_attempt, name="quiz_attempt"),
    path(
        "training/certificates/<uuid:certification>.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("program/curriculum/", views.curriculum, name="curriculum"),
    path("program/curriculum/install/", views.curriculum_install, name="curriculum_install"),
    path("program/curriculum/<uuid:module>/", views.module_edit, name="module_edit"),
    path("program/trainees/", views.trainees, name="trainees"),
    path("program/trainees/<uuid:person>/", views.trainee_detail, name="trainee_detail"),
    path("program/trainees/<uuid:person>/practice/", views.trainee_practice, name="trainee_practice"),
    path("program/trainees/<uuid:person>/certify/", views.trainee_certify, name="trainee_certify"),
    path(
        "program/trainees/<uuid:person>/evaluation/",
        supervision_views.supporter_evaluation,
        name="supporter_evaluation",
    ),
    # Recruitment and selection (scoring and deciding an application are each their own write)
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
    path(
        "program/applications/<uuid:application>/score/",
        recruitment_views.application_score,
        name="application_score",
    ),
    path(
        "program/applications/<uuid:application>/decide/",
        recruitment_views.application_decide,
        name="application_decide",
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
]

urlpatterns = [path("o/<slug:org>/", include(org_patterns))]
