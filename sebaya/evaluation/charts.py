"""Which dashboard tables get a bar chart, the same rule for the page and the printed report:
bars of the rows' totals (or of the one column), only when at least two of them can be shown. A
chart of hidden numbers says nothing, and one bar is no comparison."""

from __future__ import annotations

from sebaya.evaluation.tables import Table
from sebaya.kernel.bars import Bar, bars


def chart(table: Table) -> list[Bar] | None:
    if table.row_totals is not None:
        values = [(label, total) for label, _n, total, _p, _e in table.grid()]
    elif len(table.columns) == 1:
        values = [(label, numbers[0]) for label, numbers, _t, _p, _e in table.grid()]
    else:
        return None
    if len(values) < 2 or sum(1 for _label, value in values if value) < 2:
        return None
    return bars(values)


def charts(tables) -> dict[str, list[Bar]]:
    """{table key: its bars} for the tables that have a chart."""
    return {table.key: drawn for table in tables if (drawn := chart(table))}
