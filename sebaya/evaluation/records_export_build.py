"""What goes into a de-identified records file, and how people are made unrecognisable in it.

One sheet per kind of record of the organization in the period (screening results, help
requests, peer sessions, cases, counseling sessions, referrals, alerts), a sheet of the people
they are about, and a README sheet first that says what was done. The rules:

* **Codes, not people.** Each person becomes a code such as `P-7F3A2C` drawn with `secrets`
  for this file alone: the same person has the same code in every sheet of the file and another
  one in the next file. Cases get codes the same way (`K-…`). No record id, case number, name,
  identifier (NIS), class, birth date, phone or address is written.
* **Dates shifted per person.** Every date and time of a person moves by the same random number
  of days (`secrets`, −14…+14), so the time between two of their records stays true while the
  calendar date no longer points at them. An anonymous help request (and its peer sessions), or
  an alert with no person, moves by its own offset.
* **No written text.** Only codes and numbers are read from the database (`values_list` of named
  columns): summaries, notes, messages, reasons, answers and partners' names are never even
  fetched. Partners appear by their kind.
* **Small groups.** A grade is shown only when at least `MIN_GRADE_GROUP` people of the file share
  it; ages are bands at the end of the period.

`collect(...)` reads the records kind by kind, calling `on_step` after each (the worker records
the progress there); `records_export_workbook` writes the XLSX.
"""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.counseling.models import (
    Case,
    CounselingSession,
    Domain,
    Partner,
    Referral,
    ReferralUpdate,
    ServiceType,
)
from sebaya.people.models import AgeBand, Gender, Membership, Person
from sebaya.safety.models import Alert, AlertSource, RiskLevel
from sebaya.screening.instruments import UnknownInstrument, get_instrument
from sebaya.screening.models import Administration
from sebaya.screening.personal_data import SEVERITIES
from sebaya.support.models import HelpRequest, PeerSession, Topic
from sebaya.support.models.choices import Tier, Urgency

SHIFT_DAYS = 14  # dates move by −14…+14 days
MIN_GRADE_GROUP = 5
CHUNK = 500  # ids per query, well under SQLite's limit on variables


class Pseudonyms:
    """The codes and date offsets of one file, drawn with a cryptographically secure generator
    and never derived from ids: nothing in the file leads back to a record."""

    def __init__(self) -> None:
        self._codes: dict[tuple, str] = {}
        self._taken: set[str] = set()
        self._offsets: dict[tuple, datetime.timedelta] = {}

    def code(self, prefix: str, key) -> str:
        found = self._codes.get((prefix, key))
        if found is None:
            found = f"{prefix}-{secrets.token_hex(3).upper()}"
            while found in self._taken:  # one chance in 16 million a draw; draw again
                found = f"{prefix}-{secrets.token_hex(3).upper()}"
            self._taken.add(found)
            self._codes[(prefix, key)] = found
        return found

    def offset(self, key: tuple) -> datetime.timedelta:
        found = self._offsets.get(key)
        if found is None:
            found = self._offsets[key] = datetime.timedelta(
                days=secrets.randbelow(2 * SHIFT_DAYS + 1) - SHIFT_DAYS
            )
        return found

    def day(self, key: tuple, value: datetime.date | None) -> datetime.date | None:
        return None if value is None else value + self.offset(key)

    def moment(self, key: tuple, value: datetime.datetime | None) -> datetime.datetime | None:
        """The local date and time (to the minute, without a time zone, as spreadsheets want it)."""
        if value is None:
            return None
        local = timezone.localtime(value).replace(tzinfo=None, second=0, microsecond=0)
        return local + self.offset(key)


def person_key(person_id) -> tuple:
    return ("person", person_id)


@dataclass
class Collected:
    """The sheets' rows (headers apart), filled kind by kind."""

    organization: object
    period_start: datetime.date
    period_end: datetime.date
    pseudonyms: Pseudonyms = field(default_factory=Pseudonyms)
    people: set = field(default_factory=set)  # person ids shown by code somewhere
    cases: set = field(default_factory=set)  # case ids referenced by sessions and referrals
    rows: dict[str, list[list]] = field(default_factory=dict)

    @property
    def start(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.period_start, datetime.time.min))

    @property
    def end(self) -> datetime.datetime:
        """The first moment after the period (the day after its last day, at midnight)."""
        day = self.period_end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def person(self, person_id) -> str:
        if person_id is None:
            return ""
        self.people.add(person_id)
        return self.pseudonyms.code("P", person_id)

    def case(self, case_id) -> str:
        return self.pseudonyms.code("K", case_id)


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


def _yes(value: bool) -> str:
    return _("Yes") if value else _("No")


# --- The kinds of record -------------------------------------------------------------------------------


def screening_results(c: Collected) -> None:
    severities = _labels(SEVERITIES)
    instruments: dict = {}

    def instrument(code, version):
        if (code, version) not in instruments:
            try:
                instruments[(code, version)] = get_instrument(code, version)
            except UnknownInstrument:  # a file removed since: the code and the numbers still say enough
                instruments[(code, version)] = None
        return instruments[(code, version)]

    rows = []
    for person_id, code, version, at, total, band, severity, in_round, with_counselor in (
        Administration.objects.filter(
            organization=c.organization, created_at__gte=c.start, created_at__lt=c.end
        )
        .order_by()
        .values_list(
            "person_id",
            "instrument_code",
            "instrument_version",
            "created_at",
            "total",
            "band",
            "severity",
            "screening_round_id",
            "administered_by_id",
        )
        .iterator(chunk_size=2000)
    ):
        found = instrument(code, version)
        band_label = next((str(b.label) for b in found.bands if b.code == band), band) if found else band
        rows.append(
            [
                c.person(person_id),
                str(found.short_name) if found else code,
                c.pseudonyms.moment(person_key(person_id), at),
                total,
                band_label,
                severities.get(severity, severity),
                _yes(in_round is not None),
                _yes(with_counselor is not None),
            ]
        )
    c.rows["screening"] = rows


def help_requests(c: Collected) -> None:
    sources, tiers, urgencies = (
        _labels(HelpRequest.Source.choices),
        _labels(Tier.choices),
        _labels(Urgency.choices),
    )
    topics, statuses = _labels(Topic.choices), _labels(HelpRequest.Status.choices)
    rows = []
    for pk, person_id, source, tier, urgency, topic, status, created, contact, closed in (
        HelpRequest.objects.filter(organization=c.organization, created_at__gte=c.start, created_at__lt=c.end)
        .order_by()
        .values_list(
            "pk",
            "person_id",
            "source",
            "tier",
            "urgency",
            "topic",
            "status",
            "created_at",
            "first_contact_at",
            "closed_at",
        )
        .iterator(chunk_size=2000)
    ):
        # An anonymous request moves by an offset of its own (and its peer sessions with it).
        key = person_key(person_id) if person_id else ("help_request", pk)
        rows.append(
            [
                c.person(person_id),
                sources.get(source, source),
                tiers.get(tier, tier),
                urgencies.get(urgency, urgency),
                topics.get(topic, topic),
                statuses.get(status, status),
                c.pseudonyms.moment(key, created),
                c.pseudonyms.moment(key, contact),
                c.pseudonyms.moment(key, closed),
            ]
        )
    c.rows["help_requests"] = rows


def peer_sessions(c: Collected) -> None:
    modes, topics = _labels(PeerSession.Mode.choices), _labels(Topic.choices)
    rows = []
    for (
        person_id,
        request_id,
        relationship_id,
        supporter_id,
        day,
        mode,
        minutes,
        chosen,
        before,
        after,
        concern,
    ) in (
        PeerSession.objects.filter(
            relationship__organization=c.organization, date__gte=c.period_start, date__lte=c.period_end
        )
        .order_by()
        .values_list(
            "relationship__person_id",
            "relationship__help_request_id",
            "relationship_id",
            "relationship__supporter__membership__person_id",
            "date",
            "mode",
            "duration_minutes",
            "topics",
            "mood_before",
            "mood_after",
            "concern",
        )
        .iterator(chunk_size=2000)
    ):
        if person_id:
            key = person_key(person_id)
        else:
            key = ("help_request", request_id) if request_id else ("relationship", relationship_id)
        rows.append(
            [
                c.person(person_id),
                c.person(supporter_id),
                c.pseudonyms.day(key, day),
                modes.get(mode, mode),
                minutes,
                # Codes from a fixed list only: anything else in the field is left out.
                ", ".join(topics[t] for t in (chosen or []) if t in topics),
                before,
                after,
                _yes(concern),
            ]
        )
    c.rows["peer_sessions"] = rows


def counseling_sessions(c: Collected) -> None:
    services = _labels(ServiceType.choices)
    rows = []
    for case_id, person_id, day, service, minutes in (
        CounselingSession.objects.filter(
            case__organization=c.organization, date__gte=c.period_start, date__lte=c.period_end
        )
        .order_by()
        .values_list("case_id", "case__person_id", "date", "service_type", "duration_minutes")
        .iterator(chunk_size=2000)
    ):
        c.cases.add(case_id)
        rows.append(
            [
                c.case(case_id),
                c.person(person_id),
                c.pseudonyms.day(person_key(person_id), day),
                services.get(service, service),
                minutes,
            ]
        )
    c.rows["counseling_sessions"] = rows


def referrals(c: Collected) -> None:
    kinds, statuses = _labels(Partner.Kind.choices), _labels(Referral.Status.choices)
    found = list(
        Referral.objects.filter(organization=c.organization, created_at__gte=c.start, created_at__lt=c.end)
        .order_by()
        .values_list("pk", "case_id", "case__person_id", "partner__kind", "status", "created_at")
    )
    # The first time each referral reached a status, from its history (its notes are not read).
    reached: dict = {}
    ids = [row[0] for row in found]
    for start in range(0, len(ids), CHUNK):
        for referral_id, status, at in (
            ReferralUpdate.objects.filter(referral_id__in=ids[start : start + CHUNK])
            .order_by("at")
            .values_list("referral_id", "status", "at")
        ):
            reached.setdefault((referral_id, status), at)
    S = Referral.Status
    rows = []
    for pk, case_id, person_id, kind, status, created in found:
        c.cases.add(case_id)
        key = person_key(person_id)
        answered = min(
            (reached[(pk, s)] for s in (S.ACCEPTED, S.DECLINED) if (pk, s) in reached), default=None
        )
        rows.append(
            [
                c.case(case_id),
                kinds.get(kind, kind),
                statuses.get(status, status),
                c.pseudonyms.moment(key, created),
                c.pseudonyms.moment(key, answered),
                c.pseudonyms.moment(key, reached.get((pk, S.ATTENDED))),
                c.pseudonyms.moment(key, reached.get((pk, S.CLOSED))),
            ]
        )
    c.rows["referrals"] = rows


def cases(c: Collected) -> None:
    """Cases open at any time in the period, and any case a session or referral of the period
    belongs to."""
    sources, domains = _labels(Case.Source.choices), _labels(Domain.choices)
    statuses, outcomes = _labels(Case.Status.choices), _labels(Case.Outcome.choices)
    in_period = Q(opened_at__lt=c.end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=c.start))
    columns = ("pk", "person_id", "source", "domain", "status", "opened_at", "closed_at", "outcome")
    found = {
        row[0]: row
        for row in Case.objects.filter(in_period, organization=c.organization)
        .order_by()
        .values_list(*columns)
    }
    missing = sorted(c.cases - set(found), key=str)
    for start in range(0, len(missing), CHUNK):
        for row in Case.objects.filter(
            organization=c.organization, pk__in=missing[start : start + CHUNK]
        ).values_list(*columns):
            found[row[0]] = row
    rows = []
    for pk, person_id, source, domain, status, opened, closed, outcome in found.values():
        key = person_key(person_id)
        rows.append(
            [
                c.case(pk),
                c.person(person_id),
                sources.get(source, source),
                domains.get(domain, domain),
                statuses.get(status, status),
                c.pseudonyms.moment(key, opened),
                c.pseudonyms.moment(key, closed),
                outcomes.get(outcome, outcome),
            ]
        )
    c.rows["cases"] = rows


def alerts(c: Collected) -> None:
    """Alerts carry no person code (a crisis tied to a code is more than evaluation needs), but
    their dates move with their person's, so they stay in step with that person's other records."""
    levels, sources = _labels(RiskLevel.choices), _labels(AlertSource.choices)
    rows = []
    for pk, person_id, level, source, created, acknowledged, closed in (
        Alert.objects.filter(organization=c.organization, created_at__gte=c.start, created_at__lt=c.end)
        .order_by()
        .values_list("pk", "person_id", "level", "source", "created_at", "acknowledged_at", "closed_at")
        .iterator(chunk_size=2000)
    ):
        key = person_key(person_id) if person_id else ("alert", pk)
        rows.append(
            [
                levels.get(level, level),
                sources.get(source, source),
                c.pseudonyms.moment(key, created),
                c.pseudonyms.moment(key, acknowledged),
                c.pseudonyms.moment(key, closed),
            ]
        )
    c.rows["alerts"] = rows


def age_band(birth_date: datetime.date | None, stored: str, on: datetime.date) -> str:
    if birth_date is None:
        return stored
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if age < 13:
        return AgeBand.UNDER_13
    if age <= 15:
        return AgeBand.AGE_13_15
    if age <= 17:
        return AgeBand.AGE_16_17
    if age <= 24:
        return AgeBand.AGE_18_24
    return AgeBand.AGE_25_PLUS


def people(c: Collected) -> None:
    """Everyone shown by a code in another sheet: gender, age band, grade. Last, once they are known."""
    genders, bands = _labels(Gender.choices), _labels(AgeBand.choices)
    ids = sorted(c.people, key=str)
    found, grades = {}, {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for pk, gender, birth_date, band in Person.objects.filter(pk__in=chunk).values_list(
            "pk", "gender", "birth_date", "age_band"
        ):
            found[pk] = (gender, age_band(birth_date, band, c.period_end))
        grades.update(
            Membership.objects.filter(organization=c.organization, person_id__in=chunk).values_list(
                "person_id", "grade"
            )
        )
    shared = Counter(grade for grade in grades.values() if grade)
    rows = []
    for pk, (gender, band) in found.items():
        grade = grades.get(pk, "")
        rows.append(
            [
                c.person(pk),
                genders.get(gender, gender),
                bands.get(band, band),
                grade if shared[grade] >= MIN_GRADE_GROUP else "",
            ]
        )
    c.rows["people"] = rows


# Collected in this order (sessions and referrals before cases, the people last); the workbook's
# sheets come in `SHEETS` order.
KINDS: list[Callable[[Collected], None]] = [
    screening_results,
    help_requests,
    peer_sessions,
    counseling_sessions,
    referrals,
    cases,
    alerts,
    people,
]


def collect(
    *, organization, period_start: datetime.date, period_end: datetime.date, on_step: Callable[[int], None]
) -> Collected:
    collected = Collected(organization=organization, period_start=period_start, period_end=period_end)
    for done, kind in enumerate(KINDS, start=1):
        kind(collected)
        on_step(done)
    for rows in collected.rows.values():
        # By code, then date: the order of the rows says nothing about the order of the records.
        rows.sort(key=lambda row: tuple("" if v is None else str(v) for v in row))
    return collected
