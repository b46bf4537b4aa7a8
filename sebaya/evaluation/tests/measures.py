"""Questionnaire results for the evaluation tests, made directly (the dashboard only reads them),
dated on purpose."""

import datetime
import zoneinfo

from sebaya.screening.models import Administration
from sebaya.screening.scoring import score

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=JAKARTA)


def measure(org, person, *, total: int, day: datetime.date, code: str = "phq9") -> Administration:
    """A PHQ-9 (or other) result with this total, on this day."""
    result = score(code, _spread(total))
    administration = Administration.objects.create(
        organization=org, person=person, instrument_code=code, instrument_version=result.version,
        answers=list(result.answers), total=result.total, severity=result.severity, band=result.band,
    )  # fmt: skip
    Administration.objects.filter(pk=administration.pk).update(created_at=at(day))
    return administration


def _spread(total: int) -> list[int]:
    """Nine PHQ-9 answers adding up to `total` with item 9 at 0 (up to 24)."""
    answers = [0] * 9
    left = total
    for i in range(8):
        answers[i] = min(3, left)
        left -= answers[i]
    answers[8] = left  # only above 24
    return answers
