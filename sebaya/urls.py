"""Every URL of Sebaya, read top to bottom as the care ladder. Each app owns its patterns in
`sebaya/<app>/urls.py` (most under `/o/<org>/`); names carry no namespace, so templates and
`reverse()` use plain names. Every pattern has an entry in tests/test_access_matrix.py."""

from django.urls import include, path

from sebaya.core import security_txt
from sebaya.core import views as core_views

urlpatterns = [
    # For machines: the health check and the security contact (RFC 9116)
    path("healthz", core_views.healthz, name="healthz"),
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    path("security/", security_txt.security_policy, name="security_policy"),
    # The front door: home, the crisis lines, language, an organization's and a network's home
    path("", include("sebaya.core.urls")),
    # Signing in (allauth) and one's own account; ours first, so that our accounts/email/ answers
    # before allauth's page of the same name
    path("", include("sebaya.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Tier 0, screening: check-ins, screening rounds, the outreach list
    path("", include("sebaya.screening.urls")),
    # Tier 1, peer support: asking for help (also anonymously), triage, matching, accompaniment,
    # the supporter roster and supervision, buddies
    path("", include("sebaya.support.urls")),
    # Tier 2, counseling: the case book, referrals to partners, home visits, case conferences, the
    # jurnal BK
    path("", include("sebaya.counseling.urls")),
    # Tier 3, the safety net: alerts, the on-call rota, feedback on the risk detector
    path("", include("sebaya.safety.urls")),
    # The peer supporter program: training, recruitment and selection, supervision
    path("", include("sebaya.programs.urls")),
    # Tier 0 and the BK program cycle: needs assessment, annual and semester programs, service
    # plans, classroom and group guidance, groups and workshops, campaigns, the calendar
    path("", include("sebaya.guidance.urls")),
    path("", include("sebaya.psychosocial.urls")),
    # Evaluation and reporting: the dashboards over every tier, outcomes, the semester report
    path("", include("sebaya.evaluation.urls")),
    # Privacy: consent records and settings, a person's own data
    path("", include("sebaya.privacy.urls")),
    # Running an organization: its settings, its people and the audit trail, roster imports
    path("", include("sebaya.organizations.urls")),
    path("", include("sebaya.people.urls")),
    path("", include("sebaya.roster.urls")),
    # The user guides (docs/guide/), for everyone
    path("", include("sebaya.help.urls")),
]

# When something goes wrong (403 and 404 are templates/403.html and 404.html)
handler500 = "sebaya.core.errors.server_error"
