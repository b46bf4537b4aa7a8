"""Bar charts as data for `core/_bars.html`: plain HTML with an inline SVG bar per row.

People would rather look than read a column of numbers, but the numbers stay on the page as text
(what a screen reader reads; the bar itself is hidden from it). No chart library: the page's CSP
allows no inline style, so each bar is an SVG rect whose width is an attribute, 0–100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: hidden (a small group), shown as "*" with no bar
    total: int
    text: str  # the number as words or digits, always shown

    @property
    def percent(self) -> int:
        if self.value is None or self.total <= 0:
            return 0
        return max(0, min(100, round(100 * self.value / self.total)))


def bars(rows: Iterable[tuple[str, int | None]], *, total: int | None = None, text=None) -> list[Bar]:
    """One bar per (label, value); the longest is `total` (default: the largest value).

    `text(value, total)` writes the number shown beside the bar (default: the value itself)."""
    rows = list(rows)
    if total is None:
        total = max((value for _label, value in rows if value is not None), default=0)
    out = []
    for label, value in rows:
        if value is None:
            shown = "*"
        elif text is not None:
            shown = text(value, total)
        else:
            shown = str(value)
        out.append(Bar(label=str(label), value=value, total=total, text=shown))
    return out
