"""One timeline per person: everything on the care ladder, newest first, a page at a time.

Each app's records are read here and turned into entries (the one place that knows them all;
the apps themselves know nothing of the timeline). Entries carry no confidential content: a
counseling session shows its date and service, never its notes; a peer session its mood, never
its note. Only counselors see it (on a case page, where `case.view` decides), so the entries are
what a counselor may see.

A person's history only grows, so a page never reads all of it: each source reads at most one
page and one more of its newest rows before a position, with only the columns an entry shows;
the rows are merged and the page cut from the top. Entries are ordered by their time, then their
source, then the record's key: a total order, so the page before the last entry shown has no
entry twice and misses none, and a record added meanwhile shows where it belongs (on a later page,
or at the top when the case page is opened again). The position goes in a URL as a signed token:
a time, a source and a key, never any content; a token that was not made here is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.counseling.models import Case, CaseStatusChange, CounselingSession
from sebaya.safety.models import Alert
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration
from sebaya.support.models import HelpRequest, PeerSession, SupportRelationship, Transition

PAGE_SIZE = 20  # entries on the case page, and for each "Show earlier"


@dataclass(frozen=True, order=True)
class Position:
    """Where an entry sits on the timeline: its time, its source's rank, its record's key."""

    at: datetime.datetime
    rank: int
    pk: object


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    kind: str  # a code for styling and tests: request, triage, step_up, peer, screening, alert, case…
    title: str
    detail: str = ""
    url: str = ""
    position: Position | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Page:
    entries: list[Entry]  # newest first
    earlier: str = ""  # the token for the next, older page; "" when there is nothing older


def _at(day: datetime.date) -> datetime.datetime:
    """A day-dated record (a session) on the timeline: at noon of its day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


# --- The sources ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """One kind of record on the timeline: its rows about a person, the field that dates them (a
    date shows at noon), and how a row reads as an entry."""

    model: type
    rows: Callable[[object, object], QuerySet]
    dated_by: str
    entry: Callable[[object, str], Entry]
    by_day: bool = False

    def before(self, position: Position, rank: int) -> Q:
        """Rows whose entries come before `position` (older), this source being `rank`."""
        strictly, same_time = self._older(position.at), self._same_time(position.at)
        if rank < position.rank:
            return strictly | same_time
        if rank > position.rank:
            return strictly
        return strictly | (same_time & Q(pk__lt=position.pk))

    def _older(self, at: datetime.datetime) -> Q:
        if not self.by_day:
            return Q(**{f"{self.dated_by}__lt": at})
        day = timezone.localtime(at).date()
        if at > _at(day):
            return Q(**{f"{self.dated_by}__lte": day})
        return Q(**{f"{self.dated_by}__lt": day})

    def _same_time(self, at: datetime.datetime) -> Q:
        if not self.by_day:
            return Q(**{self.dated_by: at})
        day = timezone.localtime(at).date()
        return Q(**{self.dated_by: day}) if at == _at(day) else Q(pk__in=[])


def _help_requests(organization, person):
    return HelpRequest.objects.filter(organization=organization, person=person).only(
        "created_at", "topic", "source", "tier", "urgency"
    )


def _help_request_entry(r, org):
    return Entry(
        r.created_at,
        "request",
        _("Help request: %(topic)s") % {"topic": r.get_topic_display()},
        f"{r.get_source_display()} · {r.get_tier_display()} · {r.get_urgency_display()}",
        reverse("help_request_detail", kwargs={"org": org, "help_request": r.pk}),
    )


def _transitions(organization, person):
    return (
        Transition.objects.filter(organization=organization, person=person)
        .select_related("by__person")
        .only("at", "kind", "note", "by__username", "by__person__full_name", "by__person__preferred_name")
    )


def _transition_entry(t, org):
    who = t.by.person.display_name if t.by.person_id else t.by.get_username()
    return Entry(t.at, t.kind, t.get_kind_display(), f"{who}: {t.note}")


def _relationships(organization, person):
    return (
        SupportRelationship.objects.filter(organization=organization, person=person)
        .select_related("supporter__membership__person")
        .only("started_at", "closed_at", "closing_note", "supporter__membership__person__full_name")
    )


def _relationship_started_entry(rel, org):
    name = rel.supporter.membership.person.full_name
    url = reverse("relationship_detail", kwargs={"org": org, "relationship": rel.pk})
    return Entry(rel.started_at, "peer", _("Matched with peer supporter %(name)s") % {"name": name}, "", url)


def _relationships_closed(organization, person):
    return SupportRelationship.objects.filter(
        organization=organization, person=person, closed_at__isnull=False
    ).only("closed_at", "closing_note")


def _relationship_closed_entry(rel, org):
    url = reverse("relationship_detail", kwargs={"org": org, "relationship": rel.pk})
    return Entry(rel.closed_at, "peer", _("Peer support closed"), rel.closing_note, url)


def _peer_sessions(organization, person):
    return PeerSession.objects.filter(
        relationship__organization=organization, relationship__person=person
    ).only("date", "mode", "mood_before", "mood_after", "concern")


def _peer_session_entry(s, org):
    return Entry(
        _at(s.date),
        "peer_session",
        _("Peer session (%(mode)s)") % {"mode": s.get_mode_display()},
        _("mood %(a)s → %(b)s") % {"a": s.mood_before, "b": s.mood_after}
        + (" · " + _("concern flagged") if s.concern else ""),
    )


def _administrations(organization, person):
    return Administration.objects.filter(organization=organization, person=person).only(
        "created_at", "instrument_code", "instrument_version", "total", "band"
    )


def _administration_entry(a, org):
    instrument = get_instrument(a.instrument_code, a.instrument_version)
    return Entry(
        a.created_at,
        "screening",
        str(instrument.short_name),
        f"{a.total} · {instrument.band(a.band).label}",
        reverse("administration_result", kwargs={"org": org, "administration": a.pk}),
    )


def _alerts(organization, person):
    return Alert.objects.filter(organization=organization, person=person).only(
        "created_at", "level", "source", "state"
    )


def _alert_entry(alert, org):
    return Entry(
        alert.created_at,
        "alert",
        _("Alert: %(level)s") % {"level": alert.get_level_display()},
        f"{alert.get_source_display()} · {alert.get_state_display()}",
        reverse("alert_detail", kwargs={"org": org, "alert": alert.pk}),
    )


def _cases(organization, person):
    return Case.objects.filter(organization=organization, person=person).only(
        "opened_at", "number", "summary"
    )


def _case_entry(c, org):
    url = reverse("case_detail", kwargs={"org": org, "case": c.pk})
    return Entry(c.opened_at, "case", _("Case #%(n)s opened") % {"n": c.number}, c.summary, url)


def _status_changes(organization, person):
    return (
        CaseStatusChange.objects.filter(case__organization=organization, case__person=person)
        .exclude(from_status="")
        .select_related("case")
        .only("at", "to_status", "case__number")
    )


def _status_change_entry(change, org):
    return Entry(
        change.at,
        "case_status",
        _("Case #%(n)s: %(status)s") % {"n": change.case.number, "status": change.get_to_status_display()},
    )


def _counseling_sessions(organization, person):
    return (
        CounselingSession.objects.filter(case__organization=organization, case__person=person)
        .select_related("case")
        .only("date", "service_type", "seriousness", "case__number")
    )


def _counseling_session_entry(s, org):
    return Entry(
        _at(s.date),
        "counseling",
        s.get_service_type_display(),
        _("Case #%(n)s · %(seriousness)s") % {"n": s.case.number, "seriousness": s.get_seriousness_display()},
        reverse("case_detail", kwargs={"org": org, "case": s.case_id}),
    )


# The rank of a source is its place here: it orders entries of the same time, and it is part of a
# page's position in a URL, so a new source goes at the end.
SOURCES = (
    _Source(HelpRequest, _help_requests, "created_at", _help_request_entry),
    _Source(Transition, _transitions, "at", _transition_entry),
    _Source(SupportRelationship, _relationships, "started_at", _relationship_started_entry),
    _Source(SupportRelationship, _relationships_closed, "closed_at", _relationship_closed_entry),
    _Source(PeerSession, _peer_sessions, "date", _peer_session_entry, by_day=True),
    _Source(Administration, _administrations, "created_at", _administration_entry),
    _Source(Alert, _alerts, "created_at", _alert_entry),
    _Source(Case, _cases, "opened_at", _case_entry),
    _Source(CaseStatusChange, _status_changes, "at", _status_change_entry),
    _Source(CounselingSession, _counseling_sessions, "date", _counseling_session_entry, by_day=True),
)


def _newest(*, organization, person, before: Position | None, limit: int | None) -> list[Entry]:
    """The `limit` newest entries before `before` (all of them for no limit), newest first."""
    org = organization.slug
    entries: list[Entry] = []
    for rank, source in enumerate(SOURCES):
        rows = source.rows(organization, person)
        if before is not None:
            rows = rows.filter(source.before(before, rank))
        rows = rows.order_by(f"-{source.dated_by}", "-pk")
        if limit is not None:
            rows = rows[:limit]
        for row in rows:
            entry = source.entry(row, org)
            entries.append(replace(entry, position=Position(entry.at, rank, row.pk)))
    entries.sort(key=lambda entry: entry.position, reverse=True)
    return entries if limit is None else entries[:limit]


def timeline_page(*, organization, person, before: Position | None = None, size: int | None = None) -> Page:
    """One page of the person's timeline, newest first: the newest entries, or those just older
    than `before` (the position that `Page.earlier` names, read back by `position_from_token`).
    Each source reads at most `size + 1` rows: one more than a page says whether there is more."""
    size = size or PAGE_SIZE
    entries = _newest(organization=organization, person=person, before=before, limit=size + 1)
    shown = entries[:size]
    earlier = position_token(shown[-1].position) if len(entries) > size else ""
    return Page(shown, earlier)


def person_timeline(*, organization, person, limit: int | None = None) -> list[Entry]:
    """The person's timeline in order, oldest first: the whole of it, or its `limit` newest
    entries (which read only as many rows of each source)."""
    return list(reversed(_newest(organization=organization, person=person, before=None, limit=limit)))


# --- A page's position in a URL ------------------------------------------------------------------

_SALT = "sebaya.counseling.timeline"


def position_token(position: Position) -> str:
    at = position.at.astimezone(datetime.UTC)
    micros = (at - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)) // datetime.timedelta(microseconds=1)
    return signing.dumps([micros, position.rank, str(position.pk)], salt=_SALT, compress=True)


def position_from_token(token: str) -> Position:
    """The position a token of `position_token` names; `ValueError` for anything else."""
    try:
        micros, rank, pk = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise ValueError("not a timeline position") from error
    if not (isinstance(micros, int) and isinstance(rank, int) and 0 <= rank < len(SOURCES)):
        raise ValueError("not a timeline position")
    try:
        key = SOURCES[rank].model._meta.pk.to_python(pk)
        at = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(microseconds=micros)
    except (ValidationError, OverflowError) as error:
        raise ValueError("not a timeline position") from error
    return Position(at, rank, key)
