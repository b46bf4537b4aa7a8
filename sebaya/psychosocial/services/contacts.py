"""A psychological first aid contact (WHO PFA: look, listen, link), recorded on a phone.

Any refer-at-once flag (a life-threatening injury, too upset to care for oneself or one's
children, may hurt themselves or others) raises a crisis alert through the existing path, in the
same transaction as the contact: to the on-call person of the organization that registered the
person, who is the one whose staff may read their record. A child found without their caregivers
gets a protection task."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.psychosocial.models import (
    AffectedPerson,
    Concern,
    Contact,
    IncidentStatus,
    LinkService,
    LookSign,
    NeedKind,
    NeedSource,
    ReferNow,
)
from sebaya.psychosocial.services import needs as needs_services
from sebaya.safety.models import AlertSource, RiskLevel
from sebaya.safety.services import alert_raise

MAX_MINUTES = 600  # ten hours: more is a typing slip


class ContactError(ValueError):
    """A refusal with a message for the user (already translated)."""


def _codes(values, choices) -> list[str]:
    if set(values) - set(choices.values):
        raise ContactError(_("Choose from the lists offered."))
    return [code for code in choices.values if code in set(values)]


@transaction.atomic
def contact_record(
    *,
    affected: AffectedPerson,
    by,
    client_id,
    minutes: int,
    happened_at: datetime.datetime | None = None,
    place: str = "",
    look=(),
    refer_now=(),
    concerns=(),
    words: str = "",
    linked=(),
    needs=(),
    request=None,
) -> tuple[Contact, bool]:
    """Keep one PFA contact; returns (the contact, whether it was made now). `needs` are the
    need kinds found, each written with the field worker handling it."""
    earlier = Contact.objects.filter(client_id=client_id).first()
    if earlier is not None:
        if earlier.affected_id != affected.pk:
            raise ContactError(_("This form was already used for another person. Open a new form."))
        return earlier, False
    if affected.merged_into_id:
        raise ContactError(_("This registration was merged into another: record the contact there."))
    if affected.incident.status == IncidentStatus.CLOSED:
        raise ContactError(_("The response to this incident is closed."))
    if minutes is None or not 1 <= minutes <= MAX_MINUTES:
        raise ContactError(
            _("Write the time spent in minutes, between 1 and %(most)s.") % {"most": MAX_MINUTES}
        )
    now = timezone.now()
    happened_at = happened_at or now
    if happened_at > now + datetime.timedelta(minutes=5):
        raise ContactError(_("The contact cannot be in the future."))
    if happened_at.date() < affected.incident.started_on - datetime.timedelta(days=1):
        raise ContactError(_("The contact cannot be before the incident started."))
    look = _codes(look, LookSign)
    refer_now = _codes(refer_now, ReferNow)
    concerns = _codes(concerns, Concern)
    linked = _codes(linked, LinkService)
    needs = _codes(needs, NeedKind)
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                incident_id=affected.incident_id,
                organization_id=affected.organization_id,
                affected=affected,
                happened_at=happened_at,
                place=(place or "").strip()[:200],
                minutes=minutes,
                look=look,
                refer_now=refer_now,
                concerns=concerns,
                words=(words or "").strip()[:500],
                linked=linked,
                client_id=client_id,
                by=by,
            )
    except IntegrityError:
        # The same form sent twice at once: the other request wrote it.
        transaction.set_rollback(True)
        return Contact.objects.get(client_id=client_id), False
    if refer_now:
        contact.alert = alert_raise(
            organization=affected.organization,
            level=RiskLevel.CRISIS,
            source=AlertSource.FIELD_REFERRAL,
            person=affected.person,
            source_ref=f"psychosocial.contact:{contact.pk}",
            signals=[f"pfa:{code}" for code in refer_now],
            raised_by=by,
        )
        contact.save(update_fields=["alert"])
    for kind in needs:
        needs_services.need_add(
            organization=affected.organization,
            by=by,
            kind=kind,
            affected=affected,
            # Urgent when the field worker saw it so: the person unsafe, or basic needs not met.
            urgent=bool({LookSign.UNSAFE, LookSign.URGENT_NEEDS} & set(look)),
            source=NeedSource.CONTACT,
            contact=contact,
            request=request,
        )
    if LookSign.CHILD_ALONE in look:
        needs_services.protection_task(
            affected=affected, by=by, source=NeedSource.CONTACT, contact=contact, request=request
        )
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=affected.organization,
        target=contact,
        subject_person_id=affected.person_id,
        request=request,
        detail={"contact": "recorded", "refer_now": refer_now, "alert": str(contact.alert_id or "")},
    )
    return contact, True
