"""Sessions held each month of the school year (peer and counseling sessions, the whole
organization): a line that shows the year's rhythm. A month under 5 is hidden, and the months,
their semesters and the year are one tree (`kernel.suppression.hide_in_tree`), so a hidden month
cannot be found as its semester minus the other months."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import CounselingSession
from sebaya.evaluation.context import Context
from sebaya.kernel.suppression import ACTIVITY_MINIMUM, hide_in_tree
from sebaya.support.models import PeerSession


@dataclass(frozen=True)
class Month:
    day: datetime.date  # its first day
    peer: int | None  # None: hidden
    counseling: int | None

    @property
    def label(self) -> str:
        return formats.date_format(self.day, "M Y")


def months_of(ctx: Context) -> list[Month]:
    """The school year's months up to this one, July first."""
    year = ctx.period.year
    firsts = [datetime.date(year + (m < 7), m, 1) for m in (*range(7, 13), *range(1, 7))]
    firsts = [day for day in firsts if day <= ctx.today]
    start, end = datetime.date(year, 7, 1), datetime.date(year + 1, 7, 1)
    counts = {}
    for kind, rows in (
        (
            "peer",
            PeerSession.objects.filter(
                relationship__organization=ctx.organization, date__gte=start, date__lt=end
            ),
        ),
        (
            "counseling",
            CounselingSession.objects.filter(
                case__organization=ctx.organization, date__gte=start, date__lt=end
            ),
        ),
    ):
        for row in rows.annotate(month=TruncMonth("date")).values("month").annotate(n=Count("id")):
            month = row["month"]
            month = month.date() if isinstance(month, datetime.datetime) else month
            counts[kind, month] = row["n"]
    shown = {}
    for kind in ("peer", "counseling"):
        values: dict[tuple, int] = {(): 0, ("1",): 0, ("2",): 0}
        for day in firsts:
            term = "1" if day.month >= 7 else "2"
            n = counts.get((kind, day), 0)
            values[(term, day.isoformat())] = n
            values[(term,)] += n
            values[()] += n
        hidden = hide_in_tree(values, hidden={key for key, n in values.items() if 0 < n < ACTIVITY_MINIMUM})
        for key, n in values.items():
            if len(key) == 2:
                shown[kind, key[1]] = None if key in hidden else n
    return [
        Month(day, shown["peer", day.isoformat()], shown["counseling", day.isoformat()]) for day in firsts
    ]


TITLE = _("Sessions held each month")
