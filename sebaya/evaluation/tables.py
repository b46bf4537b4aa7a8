"""A dashboard table: counts of one figure, by row and column, at the cut the page chose (a
period, a grade, a gender), with small groups hidden in every cut at once.

A section counts its records at the finest cut: (semester, grade, gender, row, column). The
table makes every cut a page can show from them (`kernel.suppression.cube`: each grade and all
grades, each gender and both, each semester and the school year) and hides what must be hidden
across all of them together (`hide_in_cube`), then reads the one cut the page asked for. So no
filter, and no semester against its year, can be subtracted from another to find a hidden number.

Counts of events (sessions, requests, alerts) add up over the semesters of a year. Counts of
people do not (someone helped in both semesters is one person in the year), so a section counts
them for each semester and for the year (`YEAR`), and the year is not treated as a sum."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sebaya.evaluation.period import TERMS, YEAR, Period
from sebaya.kernel.suppression import ALL, cube, hide_in_cube

ONE = ""
TIER_OF = {
    "urgent": "counselor"
}  # the only value of a dimension a table does not split by (its rows are grades, say)


@dataclass(frozen=True)
class Cut:
    """What the page chose besides the period."""

    grade: str = ALL
    gender: str = ALL
    tier: str = ALL


@dataclass(frozen=True)
class Spec:
    key: str  # stable, in export file names: "reach_by_tier"
    title: str
    row_header: str
    rows: Sequence[tuple[str, str]]  # (code, label)
    columns: Sequence[tuple[str, str]]
    minimum: int
    people: bool = False  # counts of people (the year counted on its own) rather than of events
    rows_add_up: bool = True  # the rows are parts of a whole: a total line is shown
    columns_add_up: bool = True  # the columns split each row's group: a total column is shown
    rows_are: str = ""  # "tier" or "grade": that filter picks rows instead of cutting the counts
    note: str = ""
    splits: bool = True  # False: counted for the organization as a whole (no grade or gender)
    compare: bool = True  # show the previous period's totals beside (not for rows of one period)


@dataclass
class Tally:
    """Counts at the finest cut, as a section finds its records. For people, each person counts
    once per cell: in their semester and in the year."""

    spec: Spec
    counts: Counter = field(default_factory=Counter)
    _seen: set = field(default_factory=set)

    def add(
        self, *, term: str, row: str, column: str, grade: str = ONE, gender: str = ONE, who=None, n: int = 1
    ):
        if not self.spec.splits:
            grade = gender = ONE
        if self.spec.rows_are == "grade":
            row, grade = grade, ONE
        if not self.spec.people:
            self.counts[term, grade, gender, row, column] += n
            return
        for when in (term, YEAR):
            key = (when, grade, gender, row, column)
            if (key, who) not in self._seen:
                self._seen.add((key, who))
                self.counts[key] += 1


@dataclass(frozen=True)
class Table:
    spec: Spec
    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    cells: dict[tuple[str, str], int | None]
    row_totals: dict[str, int | None] | None
    column_totals: dict[str, int | None] | None
    total: int | None
    previous_row_totals: dict[str, int | None] | None = None
    previous_total: int | None = None
    extras: dict[str, dict[str, str | None]] = field(default_factory=dict)  # {extra code: {row: text}}
    extra_columns: list[tuple[str, str]] = field(default_factory=list)
    period_label: str = ""
    previous_label: str = ""

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def anything_hidden(self) -> bool:
        numbers = [
            *self.cells.values(),
            *(self.row_totals or {}).values(),
            *(self.column_totals or {}).values(),
        ]
        return any(number is None for number in numbers) or (
            self.total is None and self.row_totals is not None
        )

    def grid(self):
        """(label, numbers, total, previous total, extras) for each row: what a template shows."""
        out = []
        for code, label in self.rows:
            out.append(
                (
                    label,
                    [self.cells[code, column] for column, _label in self.columns],
                    self.row_totals[code] if self.row_totals is not None else None,
                    self.previous_row_totals.get(code) if self.previous_row_totals is not None else None,
                    [self.extras.get(extra, {}).get(code) for extra, _label in self.extra_columns],
                )
            )
        return out

    def column_line(self) -> list[int | None]:
        return (
            [self.column_totals[code] for code, _label in self.columns]
            if self.column_totals is not None
            else []
        )

    def value(self, row: str, column: str) -> int | None:
        return self.cells[row, column]

    def export_rows(self) -> list[list]:
        """The table as rows for CSV and XLSX: hidden numbers as "*", as on the page."""

        def shown(number):
            return "*" if number is None else number

        header = [str(self.spec.row_header), *[str(label) for _code, label in self.columns]]
        if self.row_totals is not None:
            header.append(str(_total_label()))
        header += [str(label) for _code, label in self.extra_columns]
        out = [header]
        for label, numbers, total, _previous, extras in self.grid():
            line = [str(label), *map(shown, numbers)]
            if self.row_totals is not None:
                line.append(shown(total))
            line += ["*" if extra is None else extra for extra in extras]
            out.append(line)
        if self.column_totals is not None:
            line = [str(_total_label()), *[shown(self.column_totals[c]) for c, _l in self.columns]]
            if self.row_totals is not None:
                line.append(shown(self.total))
            out.append(line)
        return out


def _total_label():
    from django.utils.translation import gettext

    return gettext("Total")


def table(
    spec: Spec,
    *,
    now: Tally,
    before: Tally | None,
    period: Period,
    cut: Cut,
    grades: Sequence[str],
    genders: Sequence[str],
    extras: dict[str, dict[str, str]] | None = None,
    extra_columns: Sequence[tuple[str, str]] = (),
) -> Table:
    """The table at this period and cut; `now` counts the period's school year, `before` the
    previous period's school year when it is another one (else the same tally)."""
    shown = _shown(spec, now.counts, grades=grades, genders=genders)
    rows = list(spec.rows)
    if spec.rows_are == "grade":
        rows = [(code, label) for code, label in rows if cut.grade in (ALL, code)]
    elif spec.rows_are == "tier":
        # Urgent requests are for a counselor too.
        rows = [(code, label) for code, label in rows if cut.tier in (ALL, code, TIER_OF.get(code))]
    grade = ONE if (spec.rows_are == "grade" or not spec.splits) else cut.grade
    gender = ONE if not spec.splits else cut.gender
    term = _term(spec, period)

    def at(values, row, column, when=term):
        return values(when, grade, gender, row, column)

    cells = {(r, c): at(shown, r, c) for r, _l in rows for c, _l2 in spec.columns}
    row_totals = {r: at(shown, r, ALL) for r, _l in rows} if spec.columns_add_up else None
    column_totals = {c: at(shown, ALL, c) for c, _l in spec.columns} if spec.rows_add_up else None
    total = at(shown, ALL, ALL) if spec.columns_add_up and spec.rows_add_up else None
    previous_row_totals = previous_total = None
    previous = period.previous()
    if spec.columns_add_up and spec.compare and before is not None:
        earlier = _shown(spec, before.counts, grades=grades, genders=genders)
        when = _term(spec, previous)
        previous_row_totals = {r: at(earlier, r, ALL, when) for r, _l in rows}
        previous_total = at(earlier, ALL, ALL, when) if spec.rows_add_up else None
    # Extras (a median, a percentile) are shown only where their row's count is shown.
    kept = {
        extra: {r: text for r, text in values.items() if row_totals is None or row_totals.get(r) is not None}
        for extra, values in (extras or {}).items()
    }
    return Table(
        spec=spec, rows=rows, columns=list(spec.columns), cells=cells, row_totals=row_totals,
        column_totals=column_totals, total=total, previous_row_totals=previous_row_totals,
        previous_total=previous_total, extras=kept, extra_columns=list(extra_columns),
        period_label=period.label, previous_label=previous.label,
    )  # fmt: skip


def _term(spec: Spec, period: Period) -> str:
    if period.term == YEAR:
        return YEAR if spec.people else ALL
    return period.term


def _shown(spec: Spec, counts: Counter, *, grades: Sequence[str], genders: Sequence[str]):
    """A lookup (term, grade, gender, row, column) → the count, or None where it is hidden."""
    rows = [code for code, _label in spec.rows]
    columns = [code for code, _label in spec.columns]
    if spec.rows_are == "grade":
        rows, grades = list(grades), [ONE]
    if not spec.splits:
        grades, genders = [ONE], [ONE]
    domains = [[*TERMS, YEAR] if spec.people else list(TERMS), list(grades), list(genders), rows, columns]
    totals = [not spec.people, True, True, spec.rows_add_up, spec.columns_add_up]
    values = cube(counts, domains=domains, totals=totals)
    hidden = hide_in_cube(
        values, domains=domains, minimum=spec.minimum, group_axis=4 if spec.columns_add_up else None
    )

    def lookup(*key):
        return None if key in hidden or key not in values else values[key]

    return lookup
