"""Counselors' judgement of the risk detector, kept so that it gets better.

On an alert raised by words, on a flagged message and on an item of the outreach list, a counselor
can mark "not a risk"; on any message or note they read, "a risk the system missed", with the level
it should have had. Each mark is a `RiskFeedback` row (who, when, the level, the level the detector
had given); the alert queue counts false alarms and misses per month. `sebaya risk feedback
export` turns the marks into labelled lines with names, numbers, places and contacts removed, for
someone to review before they join the training data (`data/feedback/`); nothing leaves the
server on its own.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter

from django.db import transaction
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.people.models import Membership
from sebaya.safety import sources
from sebaya.safety.models import RiskFeedback, TextFlag
from sebaya.safety.risk import assess
from sebaya.safety.risk.scrub import name_words, scrub

LEVELS = ("crisis", "concern", "none")
RANK = {"none": 0, "concern": 1, "crisis": 2}


class FeedbackError(ValueError):
    """The mark does not fit the text (the code says why)."""


def detected_level(source_ref: str, alert=None) -> str:
    """What the detector said about these words: the alert's level, else a fresh reading."""
    if alert is not None:
        return alert.level

    return assess(sources.text_of(source_ref)).level


@transaction.atomic
def feedback_mark(*, organization, kind: str, level: str, source_ref: str, by, alert=None, request=None):
    """Record one counselor's judgement of one text (marking it again changes their mark).

    A false alarm names a level below what the detector gave ("none", or "concern" for a crisis);
    a miss names one above it. A false alarm also closes the text's item on the outreach list."""
    if kind not in RiskFeedback.Kind.values or level not in LEVELS:
        raise FeedbackError("kind")
    detected = detected_level(source_ref, alert)
    if kind == RiskFeedback.Kind.FALSE_ALARM and not RANK[level] < RANK[detected]:
        raise FeedbackError("not_lower")
    if kind == RiskFeedback.Kind.MISSED and not RANK[level] > RANK[detected]:
        raise FeedbackError("not_higher")
    feedback, _created = RiskFeedback.objects.update_or_create(
        source_ref=source_ref,
        by=by,
        defaults={
            "organization": organization,
            "kind": kind,
            "level": level,
            "detected": detected,
            "alert": alert,
            "exported_at": None,
        },
    )
    if kind == RiskFeedback.Kind.FALSE_ALARM:
        TextFlag.objects.filter(
            organization=organization, source_ref=source_ref, reached_out_at__isnull=True
        ).update(reached_out_at=timezone.now(), reached_out_by=by, outreach_note="")
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=feedback,
        request=request,
        detail={"risk_feedback": kind, "level": level, "detected": detected},
    )
    return feedback


def monthly_counts(organization, *, months: int = 6, now=None) -> list[dict]:
    """False alarms and misses per month, newest first, for the last `months` months (counts only)."""
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(organization.timezone)
    local = timezone.localtime(now, zone)
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    for _ in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    rows = (
        RiskFeedback.objects.filter(organization=organization, at__gte=first)
        .annotate(month=TruncMonth("at", tzinfo=zone))
        .values_list("month", "kind", "level")
    )
    counts: Counter = Counter()
    for month, kind, level in rows:
        key = (
            month.date().replace(day=1),
            kind if kind == RiskFeedback.Kind.FALSE_ALARM else f"missed_{level}",
        )
        counts[key] += 1
    table = []
    month = local.date().replace(day=1)
    for _ in range(months):
        table.append(
            {
                "month": month,
                "false_alarms": counts[(month, RiskFeedback.Kind.FALSE_ALARM)],
                "missed_crisis": counts[(month, "missed_crisis")],
                "missed_concern": counts[(month, "missed_concern")],
            }
        )
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return table


def export_lines(*, organization=None, include_exported: bool = False) -> list[tuple[RiskFeedback, str]]:
    """(mark, labelled line) for every mark whose words still exist, names and numbers removed.

    The line is `level<TAB>-<TAB>text` (the family is left for the reviewer, "-"). When two
    counselors disagree about the same words, the higher level is kept: safety first."""

    marks = RiskFeedback.objects.select_related("organization").order_by("at")
    if organization is not None:
        marks = marks.filter(organization=organization)
    if not include_exported:
        marks = marks.filter(exported_at__isnull=True)
    best: dict[str, RiskFeedback] = {}
    for mark in marks:
        kept = best.get(mark.source_ref)
        if kept is None or RANK[mark.level] > RANK[kept.level]:
            best[mark.source_ref] = mark
    names_of: dict = {}
    lines = []
    for mark in best.values():
        text = sources.text_of(mark.source_ref)
        if not text.strip():
            continue  # erased under the retention rules, or never had words
        org = mark.organization
        if org.pk not in names_of:
            people = Membership.objects.filter(organization=org).values_list(
                "person__full_name", "person__preferred_name", "external_id"
            )
            names_of[org.pk] = (
                name_words(*(part for row in people for part in row)),
                name_words(org.name, org.region),
            )
        names, places = names_of[org.pk]
        clean = " ".join(scrub(text, names=names, places=places).split())
        lines.append((mark, f"{mark.level}\t-\t{clean}"))
    return lines


@transaction.atomic
def export_mark_done(marks) -> int:
    return RiskFeedback.objects.filter(pk__in=[m.pk for m in marks]).update(exported_at=timezone.now())
