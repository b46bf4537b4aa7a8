"""Words only the learned model read as concern: the counselors' follow-up list, not an alert.

One item per person and day (per anonymous request and day), so a student who writes many worried
messages in an afternoon is one thing to look at, not twenty. A counselor records that they
followed it up; or marks it "not a risk" (`feedback.py`), which also closes it.
"""

from __future__ import annotations

import zoneinfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.safety.models import TextFlag


class AlreadyDone(Exception):
    """Someone followed this up already."""


def text_flag_raise(*, organization, person, source_ref: str, score: float) -> TextFlag:
    """The follow-up item for these words (inside the caller's transaction); the day's existing
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
def text_flag_follow_up(*, flag: TextFlag, by, note: str = "", request=None) -> None:
    if not TextFlag.objects.filter(pk=flag.pk, followed_up_at__isnull=True).update(
        followed_up_at=timezone.now(), followed_up_by=by, follow_up_note=note
    ):
        raise AlreadyDone
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=flag.organization,
        target=flag,
        request=request,
        detail={"text_flag": "followed_up"},
    )


def open_flags(organization):
    """The follow-up list: items not followed up yet, oldest first."""
    return TextFlag.objects.filter(organization=organization, followed_up_at__isnull=True).select_related(
        "person"
    )
