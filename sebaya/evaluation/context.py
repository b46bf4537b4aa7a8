"""What every section of a dashboard needs: the organization, the period and its cut, who is in
which grade and gender, and the tallies of the school years the period and the one before it
fall in."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from sebaya.evaluation.period import Period, term_of
from sebaya.evaluation.tables import ONE, Cut, Spec, Table, Tally, table
from sebaya.people.models import Gender, Membership

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
            for person_id, grade, gender in Membership.objects.filter(organization=organization).values_list(
                "person_id", "grade", "person__gender"
            )
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
        Membership.objects.filter(organization=organization).values_list("grade", flat=True).distinct()
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
