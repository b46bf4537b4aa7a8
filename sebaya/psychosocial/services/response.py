"""Joining a response: the lead organization invites another, which accepts or declines.

An organization that joined sees the incident among its own, registers its own people and sees
only those, plus the response's shared figures (access/psychosocial.py). Inviting an
organization twice is refused; one that declined may be asked again (the same row goes back to
"invited", so there is one membership per organization and response)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.access.roles import R, users_with_role
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.mail.services import email_queue
from sebaya.psychosocial.models import Incident, IncidentStatus, MemberStatus, ResponseMember


class ResponseError(ValueError):
    """A refusal with a message for the user (already translated)."""


@transaction.atomic
def response_invite(*, incident: Incident, organization, by, request=None) -> ResponseMember:
    """Invite `organization` to join the response to `incident`; its coordinators and admins are
    told by email (the email says only who invites, not who is affected)."""
    # Locking the incident makes two invitations of the same organization at once wait in turn.
    current = Incident.objects.select_for_update().select_related("organization").get(pk=incident.pk)
    if current.status == IncidentStatus.CLOSED:
        raise ResponseError(_("The response to this incident is closed: no one more can be invited."))
    if organization.pk == current.organization_id:
        raise ResponseError(_("Your organization leads this response already."))
    member = ResponseMember.objects.filter(incident=current, organization=organization).first()
    again = member is not None
    if member is not None and member.status == MemberStatus.INVITED:
        raise ResponseError(
            _("%(organization)s is already invited and has not answered yet.")
            % {"organization": organization}
        )
    if member is not None and member.status == MemberStatus.JOINED:
        raise ResponseError(
            _("%(organization)s already takes part in this response.") % {"organization": organization}
        )
    if member is None:
        member = ResponseMember.objects.create(incident=current, organization=organization, invited_by=by)
    else:  # declined before: asked again
        member.status = MemberStatus.INVITED
        member.invited_by = by
        member.invited_at = timezone.now()
        member.answered_by = None
        member.answered_at = None
        member.save()
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=current.organization,
        target=member,
        request=request,
        detail={
            "response": "invited_again" if again else "invited",
            "incident": str(current.pk),
            "invited": str(organization.pk),
        },
    )
    email_queue(
        recipients=users_with_role(organization, R.COORDINATOR, R.ORG_ADMIN),
        template="psychosocial/email/response_invitation",
        purpose="psychosocial.response_invitation",
        context={"organization": organization, "lead": current.organization},
    )
    return member


ANSWERS = frozenset({MemberStatus.JOINED, MemberStatus.DECLINED})


@transaction.atomic
def response_answer(*, member: ResponseMember, answer: str, by, request=None) -> ResponseMember:
    """The invited organization joins the response or declines it."""
    if answer not in ANSWERS:
        raise ResponseError(_("Choose to join the response or to decline."))
    current = ResponseMember.objects.select_for_update().select_related("incident").get(pk=member.pk)
    if current.status != MemberStatus.INVITED:
        raise ResponseError(_("This invitation was already answered."))
    if answer == MemberStatus.JOINED and current.incident.status == IncidentStatus.CLOSED:
        raise ResponseError(_("The response to this incident is closed: it can no longer be joined."))
    current.status = answer
    current.answered_by = by
    current.answered_at = timezone.now()
    current.save()
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=current.organization,
        target=current,
        request=request,
        detail={"response": answer, "incident": str(current.incident_id)},
    )
    return current
