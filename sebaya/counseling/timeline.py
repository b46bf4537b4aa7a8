"""One timeline per person: everything on the care ladder, in order.

Each app's records are read here and turned into entries (the one place that knows them all;
the apps themselves know nothing of the timeline). Entries carry no confidential content: a
counseling session shows its date and service, never its notes; a peer session its mood, never
its note. Only counselors see it (on a case page), so the entries are what a counselor may see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from sebaya.counseling.models import Case, CaseStatusChange, CounselingSession
from sebaya.safety.models import Alert
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration
from sebaya.support.models import HelpRequest, PeerSession, SupportRelationship, Transition


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    kind: str  # a code for styling and tests: request, triage, step_up, peer, screening, alert, case…
    title: str
    detail: str = ""
    url: str = ""


def _at(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def person_timeline(*, organization, person) -> list[Entry]:
    org = organization.slug
    entries: list[Entry] = []
    for r in HelpRequest.objects.filter(organization=organization, person=person):
        entries.append(
            Entry(
                r.created_at,
                "request",
                _("Help request: %(topic)s") % {"topic": r.get_topic_display()},
                f"{r.get_source_display()} · {r.get_tier_display()} · {r.get_urgency_display()}",
                reverse("help_request_detail", kwargs={"org": org, "help_request": r.pk}),
            )
        )
    for t in Transition.objects.filter(organization=organization, person=person).select_related("by__person"):
        who = t.by.person.display_name if t.by.person_id else t.by.get_username()
        entries.append(Entry(t.at, t.kind, t.get_kind_display(), f"{who}: {t.note}"))
    for rel in SupportRelationship.objects.filter(organization=organization, person=person).select_related(
        "supporter__membership__person"
    ):
        name = rel.supporter.membership.person.full_name
        url = reverse("relationship_detail", kwargs={"org": org, "relationship": rel.pk})
        entries.append(
            Entry(rel.started_at, "peer", _("Matched with peer supporter %(name)s") % {"name": name}, "", url)
        )
        if rel.closed_at:
            entries.append(Entry(rel.closed_at, "peer", _("Peer support closed"), rel.closing_note, url))
    for s in PeerSession.objects.filter(relationship__organization=organization, relationship__person=person):
        entries.append(
            Entry(
                _at(s.date),
                "peer_session",
                _("Peer session (%(mode)s)") % {"mode": s.get_mode_display()},
                _("mood %(a)s → %(b)s") % {"a": s.mood_before, "b": s.mood_after}
                + (" · " + _("concern flagged") if s.concern else ""),
            )
        )
    for a in Administration.objects.filter(organization=organization, person=person):
        instrument = get_instrument(a.instrument_code, a.instrument_version)
        entries.append(
            Entry(
                a.created_at,
                "screening",
                str(instrument.short_name),
                f"{a.total} · {instrument.band(a.band).label}",
                reverse("administration_result", kwargs={"org": org, "administration": a.pk}),
            )
        )
    for alert in Alert.objects.filter(organization=organization, person=person):
        entries.append(
            Entry(
                alert.created_at,
                "alert",
                _("Alert: %(level)s") % {"level": alert.get_level_display()},
                f"{alert.get_source_display()} · {alert.get_state_display()}",
                reverse("alert_detail", kwargs={"org": org, "alert": alert.pk}),
            )
        )
    cases = Case.objects.filter(organization=organization, person=person)
    for c in cases:
        url = reverse("case_detail", kwargs={"org": org, "case": c.pk})
        entries.append(Entry(c.opened_at, "case", _("Case #%(n)s opened") % {"n": c.number}, c.summary, url))
    for change in (
        CaseStatusChange.objects.filter(case__in=cases).exclude(from_status="").select_related("case")
    ):
        entries.append(
            Entry(
                change.at,
                "case_status",
                _("Case #%(n)s: %(status)s")
                % {"n": change.case.number, "status": change.get_to_status_display()},
            )
        )
    for s in CounselingSession.objects.filter(case__in=cases).select_related("case"):
        entries.append(
            Entry(
                _at(s.date),
                "counseling",
                s.get_service_type_display(),
                _("Case #%(n)s · %(seriousness)s")
                % {"n": s.case.number, "seriousness": s.get_seriousness_display()},
                reverse("case_detail", kwargs={"org": org, "case": s.case_id}),
            )
        )
    entries.sort(key=lambda entry: entry.at)
    return entries
