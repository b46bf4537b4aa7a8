"""Words only the learned model read as concern: the counselors' outreach list, not an alert.

One item per person and day (per anonymous request and day), so a student who writes many worried
messages in an afternoon is one thing to look at, not twenty. A counselor records that they
reached out; or marks it "not a risk" (`feedback.py`), which also closes it.
"""

from __future__ import annotations

import zoneinfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.safety.models import TextFlag


class AlreadyDone(Exception):
    """Someone reached out about this already."""


def text_flag_raise(*, organization, person, source_ref: str, score: float) -> TextFlag:
    """The outreach item for these words (inside the caller's transaction); the day's existing
    one when there is already one for this person (or anonymous request)."""
    day = timezone.localdate(timezone=zoneinfo.ZoneInfo(organization.timezone))
    same_day = TextFlag.objects.filter(organization=organization, day=day)
    same_day = (
        same_day.filter(person=person) if person is not None else same_day.filter(source_ref=source_ref)
    )
    existing = same_day.first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():  # a savepoint: two messages at once make one item
            return TextFlag.objects.create(
                organization=organization, person=person, source_ref=source_ref[:100], day=day, score=score
            )
    except IntegrityError:
        return same_day.get()


@transaction.atomic
def text_flag_outreach_record(*, flag: TextFlag, by, note: str = "", request=None) -> None:
    if not TextFlag.objects.filter(pk=flag.pk, reached_out_at__isnull=True).update(
        reached_out_at=timezone.now(), reached_out_by=by, outreach_note=note
    ):
        raise AlreadyDone
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=flag.organization,
        target=flag,
        request=request,
        # The stored audit detail keeps its first word ("followed_up"): old rows say the same.
        detail={"text_flag": "followed_up"},
    )


def open_flags(organization):
    """The outreach list: items nobody has reached out about yet, oldest first."""
    return TextFlag.objects.filter(organization=organization, reached_out_at__isnull=True).select_related(
        "person"
    )
