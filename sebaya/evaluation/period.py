"""The periods a dashboard shows: a school year (tahun pelajaran, July to June) or one of its two
semesters (ganjil July–December, genap January–June), each compared with the one before it.

Only these, never any two dates: with free dates, "January to June" minus "January to May" is
June, and a small number hidden in June's own view would come out by subtraction. A school year
is the sum of its two semesters, and the tables hide across that sum too (`tables.py`)."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YEAR = "year"
TERMS = ("1", "2")  # semester ganjil, semester genap
# Short enough for a phone's select; a school knows ganjil is July–December and genap January–June.
TERM_NAMES = {"1": _("Odd semester"), "2": _("Even semester"), YEAR: _("Whole year")}


@dataclass(frozen=True)
class Period:
    year: int  # the school year that starts in July of this year: 2026 is 2026/2027
    term: str  # "1", "2" or YEAR

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year + (self.term == "2"), 1 if self.term == "2" else 7, 1)

    @property
    def end(self) -> datetime.date:
        """The first day after the period."""
        if self.term == "1":
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year + 1, 7, 1)

    @property
    def code(self) -> str:
        return f"{self.year}-{self.term}"

    @property
    def school_year(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @property
    def label(self) -> str:
        if self.term == YEAR:
            return str(_("School year %(year)s") % {"year": self.school_year})
        return f"{TERM_NAMES[self.term]} {self.school_year}"

    def previous(self) -> Period:
        if self.term == YEAR:
            return Period(self.year - 1, YEAR)
        return Period(self.year, "1") if self.term == "2" else Period(self.year - 1, "2")

    def bounds(self, timezone_name: str) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) as aware datetimes at midnight in the organization's time zone."""
        zone = zoneinfo.ZoneInfo(timezone_name)
        return (
            datetime.datetime.combine(self.start, datetime.time(), tzinfo=zone),
            datetime.datetime.combine(self.end, datetime.time(), tzinfo=zone),
        )


def term_of(day: datetime.date) -> tuple[int, str]:
    """The school year and semester a day falls in."""
    return (day.year, "1") if day.month >= 7 else (day.year - 1, "2")


def current(today: datetime.date) -> Period:
    return Period(*term_of(today))


def choices(today: datetime.date, *, years: int = 3) -> list[Period]:
    """What a dashboard offers, newest first: this school year and the two before it, each as
    its semesters and as a whole (a semester that has not started yet is left out)."""
    this_year, this_term = term_of(today)
    out = []
    for year in range(this_year, this_year - years, -1):
        if not (year == this_year and this_term == "1"):
            out.append(Period(year, "2"))
        out += [Period(year, "1"), Period(year, YEAR)]
    return out


def parse(code: str) -> Period | None:
    year, _sep, term = code.partition("-")
    if not year.isdigit() or len(year) != 4 or term not in (*TERMS, YEAR):
        return None
    return Period(int(year), term)
