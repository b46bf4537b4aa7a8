"""The supporter roster: a supporter's profile, pausing and coming back, declared conflicts."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sebaya.support.models import SupporterConflict, SupporterProfile
from sebaya.support.services._shared import NotAllowedNow, _audit


@transaction.atomic
def supporter_profile_save(*, membership, by, request=None, **fields) -> SupporterProfile:
    """Create or change a supporter's roster entry. Marking certified records who and when."""
    profile, _created = SupporterProfile.objects.select_for_update().get_or_create(
        membership=membership, defaults={"organization": membership.organization}
    )
    was_certified = profile.certified
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.certified and not was_certified:
        profile.certified_at, profile.certified_by = timezone.now(), by
    if not profile.certified:
        profile.certified_at = profile.certified_by = None
    profile.save()
    _audit(
        by=by,
        organization=membership.organization,
        target=profile,
        what="supporter_profile",
        request=request,
    )
    return profile


@transaction.atomic
def supporter_pause_set(*, profile: SupporterProfile, by, paused: bool, note: str = "", request=None) -> None:
    """A supporter pauses (no new matches; the people they accompany stay with them) or comes
    back. Coming back returns to where they were: active when certified, else trainee."""
    if paused:
        changed = SupporterProfile.objects.filter(
            pk=profile.pk, status__in=[SupporterProfile.Status.ACTIVE, SupporterProfile.Status.TRAINEE]
        ).update(status=SupporterProfile.Status.PAUSED, pause_note=note)
    else:
        back = SupporterProfile.Status.ACTIVE if profile.certified else SupporterProfile.Status.TRAINEE
        changed = SupporterProfile.objects.filter(
            pk=profile.pk, status=SupporterProfile.Status.PAUSED
        ).update(status=back, pause_note="")
    if not changed:
        raise NotAllowedNow("status")
    profile.refresh_from_db()
    _audit(by=by, organization=profile.organization, target=profile, what="supporter_pause", request=request)


@transaction.atomic
def supporter_conflict_set(*, membership, person, by, present: bool, request=None) -> None:
    """Declare (or lift) a conflict: this supporter is never matched or paired with this person."""
    profile = supporter_profile_save(membership=membership, by=by, request=request)
    if present:
        SupporterConflict.objects.get_or_create(supporter=profile, person=person, defaults={"created_by": by})
    else:
        SupporterConflict.objects.filter(supporter=profile, person=person).delete()
    _audit(
        by=by,
        organization=membership.organization,
        target=profile,
        what="conflict_declared" if present else "conflict_lifted",
        request=request,
        subject_person_id=person.pk,
    )
