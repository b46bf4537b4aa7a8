"""The dashboard's charts, the same for the page and the printed report: which tables get bars
(the rows' totals, or the one column, only when at least two of them can be shown: a chart of
hidden numbers says nothing, and one bar is no comparison), and a line over the months as a small
SVG drawn on the server beside a table with the same numbers (what a screen reader reads). A
hidden month is a gap in the line, never a zero."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

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


WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 200, 36, 12, 12, 28
AXIS = 'font-size="11" fill="#55606a"'
COLOURS = ("#0b6e4f", "#7a4fb5")  # the page's green, and a violet readable beside it


def lines_svg(*, labels: list[str], series: list[tuple[str, list[int | None]]], title: str) -> str:
    """One line per (name, values); values line up with `labels` (None: hidden, a gap)."""
    top = max([v for _name, values in series for v in values if v is not None] + [1])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(labels) - 1, 1)

    def x(i):
        return LEFT + i * step

    def y(v):
        return TOP + inner_h - v / top * inner_h

    parts = [
        f'<svg class="lines" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" y2="{TOP + inner_h}" '
        'stroke="#c9d1d6"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" {AXIS} text-anchor="end">{top}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + inner_h + 4}" {AXIS} text-anchor="end">0</text>',
    ]
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 8}" font-size="11" fill="#55606a" text-anchor="middle">'
            f"{escape(label.split()[0])}</text>"
        )
    for (name, values), colour in zip(series, COLOURS, strict=False):
        run: list[str] = []
        for i, value in enumerate([*values, None]):
            if value is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                        'stroke-width="2.5"/>'
                    )
                run = []
                continue
            run.append(f"{x(i):.1f},{y(value):.1f}")
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(name)} · {escape(labels[i])}: {value}</title></circle>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703  # all text escaped above
