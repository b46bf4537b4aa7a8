"""What every section of a dashboard needs: the organization, the period and its cut, who is in
which grade and gender, and the tallies of the school years the period and the one before it
fall in."""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, FilteredRelation, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from sebaya.evaluation.period import TERMS, Period, term_of
from sebaya.evaluation.tables import ONE, Cut, Spec, Table, Tally, table
from sebaya.people.models import Gender, Membership
from sebaya.screening.instruments import all_instruments
from sebaya.screening.models import Administration

NO_GRADE = ONE  # people without a grade here: staff, a community's members, people affected


@dataclass
class Context:
    organization: object
    period: Period
    cut: Cut
    today: datetime.date
    grades: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=lambda: [g.value for g in Gender])
    people: dict = field(default_factory=dict)  # person id → (grade, gender)

    @classmethod
    def build(cls, *, organization, period: Period, cut: Cut, today: datetime.date) -> Context:
        people = {
            person_id: (grade or NO_GRADE, gender)
            # No ordering: Membership's default one joins the organization and sorts by name.
            for person_id, grade, gender in Membership.objects.filter(organization=organization)
            .order_by()
            .values_list("person_id", "grade", "person__gender")
        }
        grades = sorted({grade for grade, _gender in people.values()} | {NO_GRADE}, key=_grade_order)
        return cls(
            organization=organization, period=period, cut=cut, today=today, grades=grades, people=people
        )

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.organization.timezone)

    @property
    def years(self) -> list[int]:
        return sorted({self.period.year, self.period.previous().year})

    @property
    def span(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the first day of the earliest school year needed to the end of the last."""
        first, last = Period(self.years[0], "year"), Period(self.years[-1], "year")
        return first.bounds(self.organization.timezone)[0], last.bounds(self.organization.timezone)[1]

    @property
    def span_days(self) -> tuple[datetime.date, datetime.date]:
        start, end = self.span
        return start.date(), end.date()

    def term(self, field: str, *, is_date: bool = False) -> Case:
        """The school year and semester of `field`, worked out by the database as year × 10 +
        semester (20261: the odd semester of 2026/2027; 0 outside the years shown). Fetching each
        record's timestamp to find its semester in Python took most of a dashboard's time on a
        large organization (docs/PERFORMANCE.md, "Evaluation dashboards")."""
        whens = []
        for year in self.years:
            for term in TERMS:
                start, end = Period(year, term).bounds(self.organization.timezone)
                if is_date:
                    start, end = start.date(), end.date()
                whens.append(
                    When(**{f"{field}__gte": start, f"{field}__lt": end}, then=Value(year * 10 + int(term)))
                )
        return Case(*whens, default=Value(0), output_field=IntegerField())

    def add_at(
        self, tallies: dict[int, Tally], *, term: int, row: str, column: str, person_id=None, n: int = 1
    ):
        """`add` for a record whose semester the database worked out (`term`)."""
        year, part = divmod(term, 10)
        if year not in tallies:
            return
        grade, gender = self.people.get(person_id, (NO_GRADE, Gender.UNSTATED))
        tallies[year].add(
            term=str(part), row=row, column=column, grade=grade, gender=gender, who=person_id, n=n
        )

    def counted(self, queryset, *, person: str, when: str, is_date: bool = False, **fields):
        """(semester as in `term`, grade, gender, the `fields`' values…, number of records) from
        one aggregate query: the database joins each record's person to their membership here for
        the grade and gender (a person who is not a member: no grade, gender unstated, as in
        `people`) and counts, so a section reads a few dozen groups instead of every record.
        `fields` name the values to group by (a field or an expression each)."""
        here = FilteredRelation(
            f"{person}__memberships",
            condition=Q(**{f"{person}__memberships__organization": self.organization}),
        )
        names = list(fields)
        return (
            queryset.annotate(ev_here=here)
            .annotate(
                ev_term=self.term(when, is_date=is_date),
                ev_grade=Coalesce("ev_here__grade", Value(NO_GRADE)),
                ev_gender=Case(
                    When(ev_here__isnull=True, then=Value(Gender.UNSTATED.value)),
                    default=F(f"{person}__gender"),
                ),
                **{
                    f"ev_{name}": F(value) if isinstance(value, str) else value
                    for name, value in fields.items()
                },
            )
            .values("ev_term", "ev_grade", "ev_gender", *[f"ev_{name}" for name in names])
            .annotate(ev_n=Count("*"))
            .order_by()
            .values_list("ev_term", "ev_grade", "ev_gender", *[f"ev_{name}" for name in names], "ev_n")
        )

    def put(
        self, tallies: dict[int, Tally], *, term: int, grade: str, gender: str, row: str, column: str, n: int
    ):
        """Add `n` records (not people: see `Tally.add`) counted by the database (`counted`)."""
        year, part = divmod(term, 10)
        if year in tallies:
            assert not tallies[year].spec.people, "people are counted once each: use add_at"
            tallies[year].add(term=str(part), row=row, column=column, grade=grade, gender=gender, n=n)

    @functools.cached_property
    def screening_results(self) -> list[tuple]:
        """(person id, questionnaire, total, severity, semester as in `term`) of every screening
        result in the school years shown, oldest first: read once for the screening and outcome
        sections (the largest table a dashboard reads)."""
        start, end = self.span
        codes = [i.code for i in all_instruments() if i.kind == "screening"]
        return list(
            Administration.objects.filter(
                organization=self.organization,
                created_at__gte=start,
                created_at__lt=end,
                instrument_code__in=codes,
            )
            .annotate(term=self.term("created_at"))
            .order_by("created_at")
            .values_list("person_id", "instrument_code", "total", "severity", "term")
        )

    def tallies(self, spec: Spec) -> dict[int, Tally]:
        return {year: Tally(spec) for year in self.years}

    def add(self, tallies: dict[int, Tally], *, when, row: str, column: str, person_id=None, n: int = 1):
        """Count a record of this moment (an aware datetime, or a date) in its school year."""
        day = when.astimezone(self.zone).date() if isinstance(when, datetime.datetime) else when
        year, term = term_of(day)
        if year not in tallies:
            return
        grade, gender = self.people.get(person_id, (NO_GRADE, Gender.UNSTATED))
        tallies[year].add(term=term, row=row, column=column, grade=grade, gender=gender, who=person_id, n=n)

    def table(self, spec: Spec, tallies: dict[int, Tally], **extra) -> Table:
        previous = self.period.previous()
        return table(
            spec,
            now=tallies[self.period.year],
            before=tallies.get(previous.year),
            period=self.period,
            cut=self.cut,
            grades=self.grades,
            genders=self.genders,
            **extra,
        )


def grades_of(organization) -> list[str]:
    grades = set(
        # Without the default ordering, whose fields DISTINCT would add (one row per person).
        Membership.objects.filter(organization=organization)
        .order_by()
        .values_list("grade", flat=True)
        .distinct()
    )
    return sorted(grades | {NO_GRADE}, key=_grade_order)


def _grade_order(grade: str):
    """Grades as numbers first (7, 8, 10, 11, 12; or X, XI, XII), then names, then "no grade"."""
    roman = {"X": 10, "XI": 11, "XII": 12, "VII": 7, "VIII": 8, "IX": 9}
    if grade == NO_GRADE:
        return (2, 0, "")
    if grade.isdigit():
        return (0, int(grade), grade)
    if grade.upper() in roman:
        return (0, roman[grade.upper()], grade)
    return (1, 0, grade)
