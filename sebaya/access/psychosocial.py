"""The psychosocial policy: incidents, the response to them, and the people affected.

An incident is led by one organization and joined by others. Staff who respond (field workers,
counselors, coordinators, organization admins) see the incidents their organization leads or has
joined, through their own organization's pages. A person affected is seen by the responders of
the organization that registered them (later, also by those a referral of theirs shares with);
the other responding organizations see only the response's shared figures. The lead
organization's coordinators and admins change the incident and invite others.
"""

from __future__ import annotations

from sebaya.access.roles import R, role_map, users_with_role
from sebaya.organizations.models import Organization
from sebaya.psychosocial.models import AffectedPerson, Incident, MemberStatus

RESPONDERS = frozenset({R.FIELD_WORKER, R.COUNSELOR, R.COORDINATOR, R.ORG_ADMIN})
MANAGERS = frozenset({R.COORDINATOR, R.ORG_ADMIN})

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "incident.list": RESPONDERS,  # the incidents the organization responds to
    "incident.create": MANAGERS,  # record an incident and lead its response
    "response.answer": MANAGERS,  # accept or decline an invitation to join another's response
    # The 4W files and the situation report leave Sebaya (to the health cluster, the district):
    # coordinators and admins hand them on. Checked on the organization whose page it is, after
    # "incident.report" on the incident.
    "incident.report_export": MANAGERS,
}

INCIDENT_ACTIONS: dict[str, frozenset[str]] = {
    "incident.view": frozenset({"responder"}),
    "incident.edit": frozenset({"lead_manager"}),
    "affected.register": frozenset({"responder"}),
    "need.list": frozenset({"responder"}),  # the needs of the people this organization registered
    "response.invite": frozenset({"lead_manager"}),  # invite another organization to the response
    "affected.review": frozenset({"responder"}),  # the organization's own likely duplicates
    # The follow-ups list of an incident: each responder sees their own organization's.
    "followup.list": frozenset({"responder"}),
    # The dashboard and the 4W table on screen: aggregates only, small numbers hidden, so every
    # responder (a field worker sees what is left to do in their villages).
    "incident.report": frozenset({"responder"}),
}

AFFECTED_ACTIONS: dict[str, frozenset[str]] = {
    "affected.view": frozenset({"registering_responder"}),
    "contact.record": frozenset({"registering_responder"}),  # a PFA contact with them
    "need.add": frozenset({"registering_responder"}),
    "affected.merge": frozenset({"registering_responder"}),  # merge two registrations of one person
}

# Records kept for a person or family by the organization that registered them, asked of the
# record itself (it carries that organization, so `affected_sides` answers for it too).
NEED_ACTIONS: dict[str, frozenset[str]] = {
    "need.edit": frozenset({"registering_responder"}),
    "followup.do": frozenset({"registering_responder"}),  # doing a follow-up
}


def responding_organization_ids(incident: Incident) -> set:
    """The lead organization and those that joined."""
    joined = incident.members.filter(status=MemberStatus.JOINED).values_list("organization_id", flat=True)
    return {incident.organization_id, *joined}


def incident_sides(user, incident: Incident) -> frozenset[str]:
    roles = role_map(user)
    sides = set()
    if roles.get(incident.organization_id, frozenset()) & MANAGERS:
        sides.add("lead_manager")
    if any(roles.get(pk, frozenset()) & RESPONDERS for pk in responding_organization_ids(incident)):
        sides.add("responder")
    return frozenset(sides)


def affected_sides(user, affected) -> frozenset[str]:
    """`affected`: an AffectedPerson, or a record kept for one by its registering organization
    (a need, a follow-up): whoever responds for that organization."""
    if role_map(user).get(affected.organization_id, frozenset()) & RESPONDERS:
        return frozenset({"registering_responder"})
    return frozenset()


def visible_affected(organization, incident: Incident):
    """The people affected this organization registered for this incident (merged ones left out)."""
    return AffectedPerson.objects.current().filter(incident=incident, organization=organization)


def responders(organization):
    """The accounts of this organization who respond (a need or a follow-up can be given to them)."""
    return users_with_role(organization, *RESPONDERS)


def is_responder(user, organization) -> bool:
    return bool(role_map(user).get(organization.pk, frozenset()) & RESPONDERS)


def invitable_organizations(incident: Incident):
    """The organizations the lead may invite (not the lead, not already invited or joined; a
    declined one may be asked again), those of the lead's network first: (network, others)."""
    asked = incident.members.exclude(status=MemberStatus.DECLINED).values("organization_id")
    candidates = Organization.objects.exclude(pk=incident.organization_id).exclude(pk__in=asked)
    network_id = incident.organization.network_id
    if network_id is None:
        return candidates.none(), candidates
    return candidates.filter(network_id=network_id), candidates.exclude(network_id=network_id)
