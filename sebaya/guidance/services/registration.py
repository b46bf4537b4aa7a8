"""Registering for an activity (a place, or the waiting list), withdrawing, and the names the
group sees.

Registration and withdrawal lock the activity's row (`select_for_update`) before counting the
places taken, so two people asking for the last place at once cannot both get it: the second
waits for the first to commit, counts again and lands on the waiting list.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.guidance.models import Activity, Registration
from sebaya.guidance.services.activities import ActivityError, audit_change, locked, move_up, registered_count


@transaction.atomic
def register(
    *,
    activity: Activity,
    person,
    agreed: bool = False,
    shown_name: str = "",
    by=None,
    request=None,
) -> Registration:
    """Register a person: a place if one is free, else the waiting list. `by` is staff
    registering someone else (None: the person themselves, who must accept the agreement)."""
    activity = locked(activity)
    if activity.status != Activity.Status.PLANNED:
        raise ActivityError(_("This activity is not taking registrations any more."))
    leader_ids = set(activity.facilitators.values_list("person_id", flat=True))
    if activity.supervisor_id is not None:
        leader_ids.add(activity.supervisor.person_id)
    if person.pk in leader_ids:
        raise ActivityError(_("Whoever leads or supervises the activity cannot register for it."))
    if by is None and activity.agreement and not agreed:
        raise ActivityError(_("Please read the group agreement and tick that you agree to it."))
    existing = Registration.objects.filter(activity=activity, person=person).first()
    if existing is not None and existing.status != Registration.Status.WITHDRAWN:
        raise ActivityError(
            _("Already registered for this activity.")
            if existing.status == Registration.Status.REGISTERED
            else _("Already on the waiting list for this activity.")
        )
    full = activity.capacity is not None and registered_count(activity) >= activity.capacity
    status = Registration.Status.WAITING if full else Registration.Status.REGISTERED
    values = {
        "status": status,
        "agreed_at": timezone.now() if agreed else None,
        "shown_name": shown_name.strip()[:60],
        "registered_by": by,
    }
    if existing is None:
        registration = Registration.objects.create(activity=activity, person=person, **values)
    else:  # back after withdrawing: to the end of the queue
        Registration.objects.filter(pk=existing.pk).update(created_at=timezone.now(), **values)
        registration = Registration.objects.get(pk=existing.pk)
    audit_change(registration, by, activity.organization, request, status=status)
    return registration


@transaction.atomic
def withdraw(*, registration: Registration, by=None, request=None) -> Registration | None:
    """Withdraw; a place freed goes to the first person waiting. Returns whoever moved up."""
    activity = locked(registration.activity)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.WITHDRAWN:
        return None
    had_place = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.WITHDRAWN
    registration.save(update_fields=["status"])
    audit_change(registration, by, activity.organization, request, status="withdrawn")
    if not had_place:
        return None
    return move_up(activity, by=by, request=request)


def shown_names(activity: Activity, *, real: bool) -> dict:
    """person_id → the name to show for each registered participant: real names for those who
    may see the roster, else the chosen name or "Peserta N" (in registration order)."""
    names = {}
    for n, registration in enumerate(
        activity.registrations.filter(status=Registration.Status.REGISTERED).select_related("person"), start=1
    ):
        if real or not activity.names_hidden:
            names[registration.person_id] = registration.person.full_name
        else:
            names[registration.person_id] = registration.shown_name or _("Participant %(n)s") % {"n": n}
    return names
