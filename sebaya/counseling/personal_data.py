"""The counseling part of a person's own data: their cases, as facts.

In: that a case exists, its number, when it opened and closed, its domain (bidang), status and its
history, the services used, the outcome; the dates and kinds of sessions, home visits and case
conferences; each referral's partner, date, status, consent and which kinds of information were
shared with the partner (a person is entitled to know who received their data).

Out: the counselor's professional record. Confidential notes (never decrypted for an export),
what was discussed, the analysis and plan of a session, its seriousness, the case's summary,
goals, interventions and closing summary, the findings of home visits, minutes and decisions of
case conferences and who took part, the referral's reason and letter note, follow-up tasks, and
break-the-glass records. Screening given within a case is in the screening section.
"""

from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import Case, CaseConference, Domain, HomeVisit, Partner, Referral, ServiceType
from sebaya.kernel.personal_data import Section, moment


def cases(*, person, organization) -> list[dict]:
    rows = []
    for case in (
        Case.objects.filter(organization=organization, person=person)
        .prefetch_related("status_changes", "sessions", "home_visits", "conferences", "referrals__partner")
        .order_by("opened_at")
    ):
        rows.append(
            {
                "number": case.number,
                "opened_at": moment(case.opened_at),
                "closed_at": moment(case.closed_at),
                "source": case.source,
                "domain": case.domain,
                "status": case.status,
                "service_types": list(case.service_types),
                "outcome": case.outcome or None,
                "status_history": [
                    {"at": moment(change.at), "status": change.to_status}
                    for change in sorted(case.status_changes.all(), key=lambda c: (c.at, c.pk))
                ],
                "sessions": [
                    {"date": s.date.isoformat(), "service": s.service_type, "minutes": s.duration_minutes}
                    for s in sorted(case.sessions.all(), key=lambda s: (s.date, s.created_at))
                ],
                "home_visits": [
                    {
                        "planned_on": v.planned_on.isoformat(),
                        "done_on": _iso(v.done_on),
                        "visit_status": v.status,
                    }
                    for v in sorted(case.home_visits.all(), key=lambda v: v.planned_on)
                ],
                "conferences": [
                    {"date": c.date.isoformat(), "conference_status": c.status}
                    for c in sorted(case.conferences.all(), key=lambda c: c.date)
                ],
                "referrals": [_referral(r) for r in sorted(case.referrals.all(), key=lambda r: r.created_at)],
            }
        )
    return rows


def _iso(value):
    return value.isoformat() if value else None


def _referral(referral: Referral) -> dict:
    return {
        "created_at": moment(referral.created_at),
        "partner": referral.partner.name,
        "partner_kind": referral.partner.kind,
        "referral_status": referral.status,
        "consent": referral.consent,
        "shared": list(referral.shared),
    }


CASES = Section(
    key="cases",
    title=_("Counseling cases"),
    collect=cases,
    labels={
        "number": _("Case number"),
        "opened_at": _("Opened"),
        "closed_at": _("Closed"),
        "source": _("How it started"),
        "domain": _("Domain (bidang layanan)"),
        "status": _("Status"),
        "service_types": _("Services"),
        "outcome": _("Outcome"),
        "status_history": _("Status history"),
        "at": _("When"),
        "sessions": _("Counseling sessions"),
        "service": _("Service"),
        "minutes": _("Duration (minutes)"),
        "home_visits": _("Home visits"),
        "planned_on": _("Planned for"),
        "done_on": _("Done on"),
        "visit_status": _("Status"),
        "conferences": _("Case conferences"),
        "conference_status": _("Status"),
        "referrals": _("Referrals (alih tangan kasus)"),
        "partner": _("Referred to"),
        "partner_kind": _("Kind of service"),
        "referral_status": _("Status"),
        "consent": _("Consent"),
        "shared": _("Information shared with them"),
    },
    choices={
        "source": Case.Source.choices,
        "domain": Domain.choices,
        "status": Case.Status.choices,
        "service_types": ServiceType.choices,
        "service": ServiceType.choices,
        "outcome": Case.Outcome.choices,
        "visit_status": HomeVisit.Status.choices,
        "conference_status": CaseConference.Status.choices,
        "partner_kind": Partner.Kind.choices,
        "referral_status": Referral.Status.choices,
        "consent": Referral.Consent.choices,
        "shared": Referral.SHARE_CHOICES,
    },
)
