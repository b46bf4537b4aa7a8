"""The 4W report of one incident (IASC 4Ws: who, where, when, doing what) and the people counts
its dashboard shares with it. docs/PSYCHOSOCIAL.md §3 and "Reports" say where each choice comes
from.

- **Who** is the responding organization that registered the person (its staff did the work).
- **What** is one of `ACTIVITIES`, each with its IASC pyramid layer and 4Ws activity group fixed
  by its kind, never typed in.
- **Where** is the person's village (or their shelter when no village was written).
- **When** is the month, in the lead organization's time zone.
- **How many**: unique people (a registration merged into another counts as the one kept), by
  sex and by age band (two breakdowns of the same total: a sex × age grid of 18 cells would hide
  nearly every cell of a village under the minimum).

Small numbers are hidden as activity counts are everywhere (`kernel.suppression`,
`ACTIVITY_MINIMUM`, 5). The people counts of every organization at every level (the response,
an organization, its villages, their months) are one tree of counts, hidden with
`hide_in_tree` the same way whoever looks, so that no hidden number can be worked out by
subtracting one organization's view, or one level, from another. Each organization sees its own
villages and months; of the others, only their count per activity.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.suppression import ACTIVITY_MINIMUM, hide_complements, hide_in_tree
from sebaya.organizations.models import Organization as OrganizationModel
from sebaya.people.models import AgeBand, Gender
from sebaya.psychosocial.models import (
    AffectedPerson,
    Contact,
    FollowUp,
    FollowUpStatus,
    Incident,
    LinkService,
    MemberStatus,
    Need,
    NeedKind,
    NeedStatus,
)
from sebaya.psychosocial.services.needs import local_today

MINIMUM = ACTIVITY_MINIMUM

# The 4Ws tool's three activity groups (IASC 2012). Its activity codes were not readable here, so
# `Activity.code_4w` stays empty until someone checks the manual's annex (docs/PSYCHOSOCIAL.md §3).
COMMUNITY, CASES, GENERAL = "community", "cases", "general"
GROUPS = {
    COMMUNITY: _("Community activities"),
    CASES: _("Activities for identified cases"),
    GENERAL: _("General activities"),
}
LAYERS = {
    1: _("1. Basic services and security"),
    2: _("2. Community and family support"),
    3: _("3. Focused, non-specialised support"),
    4: _("4. Specialised services"),
}


@dataclass(frozen=True)
class Activity:
    code: str
    label: str
    layer: int
    group: str
    code_4w: str = ""

    @property
    def layer_label(self):
        return LAYERS[self.layer]

    @property
    def group_label(self):
        return GROUPS[self.group]


REGISTRATION, BASIC_NEEDS, PFA, FOLLOW_UP, SCREENING, REFERRAL = (
    "registration",
    "basic_needs",
    "pfa",
    "follow_up",
    "screening",
    "referral",
)
ACTIVITIES = (
    Activity(REGISTRATION, _("Registration and needs check"), 1, COMMUNITY),
    Activity(BASIC_NEEDS, _("Basic needs handed on"), 1, COMMUNITY),
    Activity(PFA, _("Psychological first aid"), 3, CASES),
    Activity(FOLLOW_UP, _("Follow-up (active monitoring)"), 3, CASES),
    Activity(SCREENING, _("Rapid screening at a follow-up"), 3, CASES),
    Activity(REFERRAL, _("Referral (refer at once, counselor or partner)"), 4, CASES),
)
ACTIVITY = {activity.code: activity for activity in ACTIVITIES}
REFERRED_TO = {LinkService.COUNSELOR, LinkService.PARTNER}

SEXES = (Gender.FEMALE, Gender.MALE, Gender.UNSTATED)
SEX_LABELS = {Gender.FEMALE: _("Female"), Gender.MALE: _("Male"), Gender.UNSTATED: _("Sex not recorded")}
BANDS = ("0_5", "6_11", "12_17", "18_59", "60_plus", "unknown")
BAND_LABELS = {
    "0_5": _("0–5"),
    "6_11": _("6–11"),
    "12_17": _("12–17"),
    "18_59": _("18–59"),
    "60_plus": _("60+"),
    "unknown": _("Age unknown"),
}
# A person registered with the people app's age band only: the bands that fit inside one of ours.
FROM_AGE_BAND = {AgeBand.AGE_13_15: "12_17", AgeBand.AGE_16_17: "12_17", AgeBand.AGE_18_24: "18_59"}


def band_of(age: int | None) -> str:
    if age is None or age < 0:
        return "unknown"
    for limit, band in ((5, "0_5"), (11, "6_11"), (17, "12_17"), (59, "18_59")):
        if age <= limit:
            return band
    return "60_plus"


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    zone: zoneinfo.ZoneInfo

    def __contains__(self, moment: datetime.datetime | None) -> bool:
        return moment is not None and self.start <= self.day(moment) <= self.end

    def day(self, moment: datetime.datetime) -> datetime.date:
        return timezone.localtime(moment, self.zone).date()

    def moment(self, day: datetime.date) -> datetime.datetime:
        """The day's first moment in the period's time zone."""
        return datetime.datetime.combine(day, datetime.time.min, self.zone)

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the first day's start to the last day's end (excluded), for database filters."""
        return self.moment(self.start), self.moment(self.end + datetime.timedelta(days=1))


def default_period(incident: Incident) -> tuple[datetime.date, datetime.date]:
    """The whole incident: from its start to its end, or to today while it goes on."""
    today = local_today(incident.organization)
    end = incident.ended_on if incident.ended_on and incident.ended_on < today else today
    return incident.started_on, max(end, incident.started_on)


@dataclass
class Person:
    """What the report needs of one registration (the one kept, for a merged duplicate)."""

    pk: str
    organization_id: str
    place: str
    sex: str
    band: str
    household_id: str | None


@dataclass
class Row:
    """One 4W row: an organization's activity in one village and month. Numbers are None where
    hidden; `people` counts each person once."""

    organization_id: str
    activity: Activity
    place: str
    month: str  # "2026-12"
    start: datetime.date | None
    end: datetime.date | None
    people: int | None
    times: int | None  # contacts, follow-ups, registrations: every one counted
    by_sex: list[int | None] = field(default_factory=list)
    by_band: list[int | None] = field(default_factory=list)


@dataclass
class Organization:
    pk: str
    name: str
    leads: bool


@dataclass
class FourW:
    incident: Incident
    viewer_id: str  # the organization looking: it sees its own rows in detail
    period: Period
    organizations: list[Organization]
    rows: list[Row]  # the viewer's own, by activity, village and month
    # Every responding organization's people per activity: {organization pk: [n or None per activity]}
    by_organization: dict[str, list[int | None]]
    totals: list[int | None]  # the whole response, per activity
    # The viewer's people per activity and village, from the same tree (the dashboard shows them).
    by_place: dict[tuple[str, str], int | None]
    places: list[str]
    anything_hidden: bool
    people: dict[str, Person]  # the kept registrations of the whole response, by pk (for the dashboard)
    kept: dict[str, str]  # registration pk, or "p:<person pk>" → the kept registration's pk

    @property
    def viewer(self) -> Organization:
        return next(o for o in self.organizations if o.pk == self.viewer_id)

    def shared(self) -> list[tuple[Organization, list[int | None]]]:
        return [(o, self.by_organization[o.pk]) for o in self.organizations]


def responding_organizations(incident: Incident) -> list[Organization]:
    """The lead organization first, then those that joined, by name."""
    joined = [
        m.organization
        for m in incident.members.filter(status=MemberStatus.JOINED).select_related("organization")
    ]
    lead = incident.organization
    return [Organization(str(lead.pk), lead.name, True)] + [
        Organization(str(o.pk), o.name, False) for o in sorted(joined, key=lambda o: o.name)
    ]


def _people(incident: Incident) -> tuple[dict[str, Person], dict[str, str], dict[str, datetime.datetime]]:
    """The kept registrations, the registration each one (merged or not) counts as (also by its
    `people.Person`, as "p:<pk>"), and when each kept one was registered."""
    rows = AffectedPerson.objects.filter(incident=incident).values_list(
        "pk",
        "person_id",
        "organization_id",
        "merged_into_id",
        "village",
        "site",
        "household_id",
        "age_years",
        "birth_year",
        "registered_at",
        "person__gender",
        "person__age_band",
        "person__birth_date",
    )
    people, merged, registered, persons = {}, {}, {}, {}
    for pk, person_id, org, into, village, site, household, age, born, at, sex, age_band, birth_date in rows:
        pk = str(pk)
        persons[f"p:{person_id}"] = pk
        if into is not None:
            merged[pk] = str(into)
            continue
        if age is None and born:
            age = at.year - born
        elif age is None and birth_date:
            age = at.year - birth_date.year - ((at.month, at.day) < (birth_date.month, birth_date.day))
        band = band_of(age) if age is not None else FROM_AGE_BAND.get(age_band, "unknown")
        people[pk] = Person(
            pk=pk,
            organization_id=str(org),
            place=(village or site or "").strip(),
            sex=sex if sex in SEXES else Gender.UNSTATED,
            band=band,
            household_id=str(household) if household else None,
        )
        registered[pk] = at

    def kept(pk: str) -> str:
        seen = set()
        while pk in merged and pk not in seen:  # a chain of merges ends at the one kept
            seen.add(pk)
            pk = merged[pk]
        return pk

    kept_of = {pk: kept(pk) for pk in [*people, *merged]}
    kept_of |= {key: kept_of[pk] for key, pk in persons.items()}
    return people, kept_of, registered


def _events(incident: Incident, period: Period, people, kept, registered) -> dict[str, list]:
    """(kept registration pk, day) for each time an activity reached someone in the period."""
    events: dict[str, list] = {activity.code: [] for activity in ACTIVITIES}
    members = defaultdict(list)
    for person in people.values():
        if person.household_id:
            members[person.household_id].append(person.pk)

    def reached(affected_id, household_id):
        if affected_id is not None:
            found = kept.get(str(affected_id))
            return [found] if found in people else []
        return members.get(str(household_id), [])

    for pk, at in registered.items():
        if at in period:
            events[REGISTRATION].append((pk, period.day(at)))
    start, end = period.bounds
    contacts = Contact.objects.filter(incident=incident, happened_at__gte=start, happened_at__lt=end)
    for affected_id, at, refer_now, linked in contacts.values_list(
        "affected_id", "happened_at", "refer_now", "linked"
    ):
        for pk in reached(affected_id, None):
            events[PFA].append((pk, period.day(at)))
            if refer_now or REFERRED_TO & set(linked):
                events[REFERRAL].append((pk, period.day(at)))
    done = FollowUp.objects.filter(
        incident=incident, status=FollowUpStatus.DONE, done_at__gte=start, done_at__lt=end
    )
    for affected_id, at, administration_id in done.values_list("affected_id", "done_at", "administration_id"):
        for pk in reached(affected_id, None):
            events[FOLLOW_UP].append((pk, period.day(at)))
            if administration_id is not None:
                events[SCREENING].append((pk, period.day(at)))
    needs = Need.objects.filter(incident=incident).filter(
        Q(created_at__gte=start, created_at__lt=end)
        | Q(status=NeedStatus.REFERRED, closed_at__gte=start, closed_at__lt=end)
    )
    for affected_id, household_id, kind, status, created, closed in needs.values_list(
        "affected_id", "household_id", "kind", "status", "created_at", "closed_at"
    ):
        for pk in reached(affected_id, household_id):
            if kind != NeedKind.PSYCHOSOCIAL and created in period:
                events[BASIC_NEEDS].append((pk, period.day(created)))
            elif kind == NeedKind.PSYCHOSOCIAL and status == NeedStatus.REFERRED and closed in period:
                events[REFERRAL].append((pk, period.day(closed)))
    return events


def _hidden_cells(counts: list[int], total_hidden: bool) -> list[int | None]:
    """One breakdown of a row (its numbers add up to the row's people): small numbers hidden,
    and another beside a lone hidden one; everything when the row's total is hidden."""
    if total_hidden:
        return [None] * len(counts)
    keys = list(range(len(counts)))
    small = {k for k in keys if 0 < counts[k] < MINIMUM}
    hidden = hide_complements(small, [(keys, "total")], {**dict(enumerate(counts)), "total": 0})
    return [None if k in hidden else counts[k] for k in keys]


def four_w(incident: Incident, viewer, *, start: datetime.date, end: datetime.date) -> FourW:
    """The 4W report of the incident for the organization `viewer` over the days start–end."""
    period = Period(start, end, zoneinfo.ZoneInfo(incident.organization.timezone))
    organizations = responding_organizations(incident)
    people, kept, registered = _people(incident)
    # An organization whose people are counted is a row of the shared table even if it is no
    # longer in the response: else the response's total minus the rows shown would give it away.
    missing = {p.organization_id for p in people.values()} - {o.pk for o in organizations}
    for other in OrganizationModel.objects.filter(pk__in=missing).order_by("name"):
        organizations.append(Organization(str(other.pk), other.name, False))
    events = _events(incident, period, people, kept, registered)

    # One tree of unique people: activity → organization → place → month.
    reached: dict[tuple, set] = defaultdict(set)
    times: dict[tuple, int] = defaultdict(int)
    days: dict[tuple, list] = defaultdict(list)
    for code, found in events.items():
        for pk, day in found:
            person = people[pk]
            month = f"{day:%Y-%m}"
            for path in (
                (code,),
                (code, person.organization_id),
                (code, person.organization_id, person.place),
                (code, person.organization_id, person.place, month),
            ):
                reached[path].add(pk)
            leaf = (code, person.organization_id, person.place, month)
            times[leaf] += 1
            days[leaf].append(day)
    counts = {path: len(found) for path, found in reached.items()}
    for activity in ACTIVITIES:
        counts.setdefault((activity.code,), 0)
        for organization in organizations:
            counts.setdefault((activity.code, organization.pk), 0)
    hidden = hide_in_tree(counts, hidden={path for path, n in counts.items() if 0 < n < MINIMUM})

    def shown(path):
        return None if path in hidden else counts.get(path, 0)

    viewer_id = str(viewer.pk)
    rows = []
    leaves = sorted(
        (path for path in counts if len(path) == 4 and path[1] == viewer_id),
        key=lambda p: ([a.code for a in ACTIVITIES].index(p[0]), not p[2], p[2], p[3]),
    )
    for path in leaves:
        code, _org, place, month = path
        group = [people[pk] for pk in reached[path]]
        secret = path in hidden
        rows.append(
            Row(
                organization_id=viewer_id,
                activity=ACTIVITY[code],
                place=place,
                month=month,
                start=None if secret else min(days[path]),
                end=None if secret else max(days[path]),
                people=shown(path),
                times=None if secret else times[path],
                by_sex=_hidden_cells([sum(p.sex == s for p in group) for s in SEXES], secret),
                by_band=_hidden_cells([sum(p.band == b for p in group) for b in BANDS], secret),
            )
        )
    places = sorted({p[2] for p in counts if len(p) == 3 and p[1] == viewer_id}, key=lambda p: (not p, p))
    return FourW(
        incident=incident,
        viewer_id=viewer_id,
        period=period,
        organizations=organizations,
        rows=rows,
        by_organization={o.pk: [shown((a.code, o.pk)) for a in ACTIVITIES] for o in organizations},
        totals=[shown((a.code,)) for a in ACTIVITIES],
        by_place={(a.code, place): shown((a.code, viewer_id, place)) for a in ACTIVITIES for place in places},
        places=places,
        anything_hidden=bool(hidden) or any(None in (*row.by_sex, *row.by_band) for row in rows),
        people=people,
        kept=kept,
    )
