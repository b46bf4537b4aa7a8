"""Small-cell suppression for aggregate tables, so no small group can be singled out.

A table is rows (e.g. classes) × columns (e.g. severity bands) of counts, with a total for each
row and each column and a grand total. Rules, applied in this order:

1. **Small rows.** A row whose total is below the minimum is hidden whole (its total too): fewer
   than `minimum` people answered there.
2. **Small cells.** A cell from 1 to `minimum - 1` is hidden. A zero is shown: "nobody" is a fact
   about the group, not about a person.
3. **Complementary suppression.** Each row, each column, the line of column totals and the
   column of row totals is a sum: its numbers add up to its total. When exactly one number of a
   sum (its total included) is hidden, it could be found by subtraction, so the smallest shown
   number of that sum is hidden as well (its total, when nothing else is left). This repeats
   until no sum has exactly one hidden number.

Used by screening rounds today and by the reports of later issues (with 10 for screening and
risk figures, 5 for activity counts).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SCREENING_MINIMUM = 10
ACTIVITY_MINIMUM = 5


@dataclass(frozen=True)
class SuppressedTable:
    """Counts where they may be shown, None where they are hidden."""

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int | None]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None
    minimum: int

    @property
    def hidden_rows(self) -> list[str]:
        return [row for row in self.rows if self.row_totals[row] is None]

    def line(self, row: str) -> list[int | None]:
        return [self.cells[row, column] for column in self.columns]

    def column_line(self) -> list[int | None]:
        return [self.column_totals[column] for column in self.columns]

    def grid(self) -> list[tuple[str, list[int | None], int | None]]:
        """(row, its numbers, its total) for each row: what a template shows."""
        return [(row, self.line(row), self.row_totals[row]) for row in self.rows]

    @property
    def anything_hidden(self) -> bool:
        numbers = [*self.cells.values(), *self.row_totals.values(), *self.column_totals.values(), self.total]
        return any(number is None for number in numbers)


def hide_complements(hidden: set, lines, value: Mapping) -> set:
    """Rule 3 for any set of sums: `lines` are (members, sum key) pairs whose members add up to
    the sum; while a line has exactly one hidden number (its sum included), its smallest shown
    member is hidden too (a non-zero one first: hiding a zero beside a small count protects less),
    or its sum when no member is left. Returns the grown set of hidden keys."""
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for members, sum_key in lines:
            # members + ... = sum: a single unknown among them could be found by subtraction.
            if sum(key in hidden for key in [*members, sum_key]) != 1:
                continue
            shown = [key for key in members if key not in hidden]
            if shown:
                hidden.add(min(shown, key=lambda key: (value[key] == 0, value[key])))
                changed = True
            elif sum_key not in hidden:
                hidden.add(sum_key)
                changed = True
    return hidden


def hide_in_tree(values: Mapping[tuple, int], *, hidden: set) -> set:
    """Groups nested in groups (the whole school, its grades, their classes) as paths: `()`,
    `("10",)`, `("10", "X-1")`; each group's number is the sum of its subgroups' (a count of
    people, or of those who marked one statement). `hidden` are the numbers hidden on their own
    (a small group, a small count). Returns them with every number that could otherwise be found
    by subtracting one view from another (a class from its grade minus the other classes, a grade
    from the school minus the other grades): rule 3 across the views of one figure."""
    children: dict[tuple, list[tuple]] = {}
    for path in values:
        if path:
            children.setdefault(path[:-1], []).append(path)
    lines = [(sorted(kids), parent) for parent, kids in children.items() if parent in values]
    return hide_complements(hidden, lines, values)


def suppress(
    counts: Mapping[str, Mapping[str, int]], *, columns: Sequence[str], minimum: int
) -> SuppressedTable:
    """`counts[row][column]` (missing means 0) → the table with what must be hidden taken out."""
    rows = list(counts)
    columns = list(columns)
    cells = {(r, c): int(counts[r].get(c, 0)) for r in rows for c in columns}
    row_totals = {r: sum(cells[r, c] for c in columns) for r in rows}
    column_totals = {c: sum(cells[r, c] for r in rows) for c in columns}
    total = sum(row_totals.values())

    hidden: set = set()  # keys: ("cell", r, c), ("row", r), ("column", c), ("total",)
    if total < minimum:
        # The whole table is one small group: nothing can be shown.
        hidden |= {("cell", r, c) for r in rows for c in columns}
        hidden |= {("row", r) for r in rows} | {("column", c) for c in columns} | {("total",)}
    for r in rows:
        if row_totals[r] < minimum:
            hidden.add(("row", r))
            hidden |= {("cell", r, c) for c in columns}
        for c in columns:
            if 0 < cells[r, c] < minimum:
                hidden.add(("cell", r, c))
    for c in columns:
        if 0 < column_totals[c] < minimum:
            hidden.add(("column", c))

    value = {("cell", r, c): cells[r, c] for r in rows for c in columns}
    value |= {("row", r): row_totals[r] for r in rows}
    value |= {("column", c): column_totals[c] for c in columns}
    value[("total",)] = total

    # Each line: the numbers in it, whose sum is a number shown beside it (or hidden).
    lines = [([("cell", r, c) for c in columns], ("row", r)) for r in rows]
    lines += [([("cell", r, c) for r in rows], ("column", c)) for c in columns]
    lines.append(([("column", c) for c in columns], ("total",)))
    lines.append(([("row", r) for r in rows], ("total",)))

    hidden = hide_complements(hidden, lines, value)

    def shown(key):
        return None if key in hidden else value[key]

    return SuppressedTable(
        rows=rows,
        columns=columns,
        cells={(r, c): shown(("cell", r, c)) for r in rows for c in columns},
        row_totals={r: shown(("row", r)) for r in rows},
        column_totals={c: shown(("column", c)) for c in columns},
        total=shown(("total",)),
        minimum=minimum,
    )


# --- Every cut of one figure at once -----------------------------------------------------------

ALL = "*"  # a dimension summed over: every grade, every gender


def cube(
    counts: Mapping[tuple, int], *, domains: Sequence[Sequence], totals: Sequence[bool]
) -> dict[tuple, int]:
    """The counts of one figure at the finest cut (one value per dimension: grade, gender, tier,
    column...) → every cut a page can show: each dimension at one of its values or, when it has a
    total, at ALL (summed over). Combinations nobody falls in are there as 0."""
    axes = [[*domain, ALL] if total else list(domain) for domain, total in zip(domains, totals, strict=True)]
    values: dict[tuple, int] = dict.fromkeys(_product(axes), 0)
    summable = [i for i, total in enumerate(totals) if total]
    for key, count in counts.items():
        if not count:
            continue
        for mask in range(1 << len(summable)):
            cut = list(key)
            for bit, i in enumerate(summable):
                if mask >> bit & 1:
                    cut[i] = ALL
            values[tuple(cut)] += count
    return values


def _product(axes):
    keys: list[tuple] = [()]
    for axis in axes:
        keys = [(*key, value) for key in keys for value in axis]
    return keys


def hide_in_cube(
    values: Mapping[tuple, int], *, domains: Sequence[Sequence], minimum: int, group_axis: int | None = None
) -> set:
    """Which cuts of `cube(...)` to hide so that no filter a page offers can be subtracted from
    another to find a hidden number: a count from 1 to minimum − 1 is hidden; with `group_axis`
    (the columns a group's count splits into), every number of a group smaller than the minimum
    is hidden, zeros too (as rule 1); then rule 3 over every sum the cube holds (each value at ALL
    is the sum of that dimension's values), across all dimensions at once.

    Rule 3 runs as `hide_complements` does (the same sums in the same order, so the same numbers
    hide), on the cube's keys as numbers: `cube` lists them in the order of a mixed-radix count,
    so a sum's members are a stride apart and nothing is built per sum, and each sum keeps its
    count of hidden numbers instead of counting them again on every pass. A dashboard table's
    cube holds thousands of sums; building them as tuples and recounting them took most of a
    dashboard's time (docs/PERFORMANCE.md, "Evaluation dashboards")."""
    keys = list(values)
    sizes = [len(domain) for domain in domains]
    # An axis has a total when cube() added ALL after its values: the last key shows it.
    totals = [bool(keys) and keys[-1][axis] == ALL for axis in range(len(domains))]
    radix = [size + total for size, total in zip(sizes, totals, strict=True)]
    if not keys or len(keys) != math.prod(radix) or keys[0] != tuple(d[0] if d else ALL for d in domains):
        return _hide_in_cube_by_lines(values, domains=domains, minimum=minimum, group_axis=group_axis)
    strides = [math.prod(radix[axis + 1 :]) for axis in range(len(radix))]
    count = list(values.values())
    hidden = [0 < value < minimum for value in count]

    def digit(index, axis):
        return index // strides[axis] % radix[axis]

    if group_axis is not None and totals[group_axis]:
        stride, top = strides[group_axis], sizes[group_axis]
        for index in range(len(keys)):
            group = index + (top - digit(index, group_axis)) * stride
            if 0 < count[group] < minimum:
                hidden[index] = True
    # The sums in the order hide_complements would meet them: by key, then by axis.
    summed = [axis for axis, total in enumerate(totals) if total]
    lines = [
        (index, axis) for index in range(len(keys)) for axis in summed if digit(index, axis) == sizes[axis]
    ]
    number = {line: n for n, line in enumerate(lines)}

    def members(index, axis):
        first = index - sizes[axis] * strides[axis]
        return range(first, index, strides[axis])

    def lines_of(index):
        """The sums this number is in: as a member (its axis at ALL) and as the sum itself."""
        for axis in summed:
            at = digit(index, axis)
            yield number[
                (index + (sizes[axis] - at) * strides[axis], axis) if at != sizes[axis] else (index, axis)
            ]

    unknown = [0] * len(lines)
    for n, (index, axis) in enumerate(lines):
        unknown[n] = hidden[index] + sum(hidden[m] for m in members(index, axis))

    def hide(index):
        hidden[index] = True
        for n in lines_of(index):
            unknown[n] += 1

    changed = True
    while changed:
        changed = False
        for n, (index, axis) in enumerate(lines):
            if unknown[n] != 1:
                continue
            shown = [m for m in members(index, axis) if not hidden[m]]
            if shown:
                hide(min(shown, key=lambda m: (count[m] == 0, count[m])))
                changed = True
            elif not hidden[index]:
                hide(index)
                changed = True
    return {key for key, is_hidden in zip(keys, hidden, strict=True) if is_hidden}


def _hide_in_cube_by_lines(
    values: Mapping[tuple, int], *, domains: Sequence[Sequence], minimum: int, group_axis: int | None = None
) -> set:
    """hide_in_cube for values not laid out by cube(): the sums built one by one."""
    hidden = {key for key, value in values.items() if 0 < value < minimum}
    if group_axis is not None:
        for key in values:
            group = (*key[:group_axis], ALL, *key[group_axis + 1 :])
            if group in values and 0 < values[group] < minimum:
                hidden.add(key)
    lines = []
    for key in values:
        for axis, value in enumerate(key):
            if value == ALL:
                members = [(*key[:axis], member, *key[axis + 1 :]) for member in domains[axis]]
                lines.append((members, key))
    return hide_complements(hidden, lines, values)
