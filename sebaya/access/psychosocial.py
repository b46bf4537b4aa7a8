"""The psychosocial policy: incidents, the response to them, and the people affected.

An incident is led by one organization and joined by others. Staff who respond (field workers,
counselors, coordinators, organization admins) see the incidents their organization leads or has
joined, through their own organization's pages. A person affected is seen by the responders of
the organization that registered them (later, also by those a referral of theirs shares with);
the other responding organizations see only the response's shared figures. The lead
organization's coordinators and admins change the incident and invite others.
"""

from __future__ import annotations

from sebaya.access.roles import R, role_map
from sebaya.psychosocial.models import AffectedPerson, Incident, MemberStatus

RESPONDERS = frozenset({R.FIELD_WORKER, R.COUNSELOR, R.COORDINATOR, R.ORG_ADMIN})
MANAGERS = frozenset({R.COORDINATOR, R.ORG_ADMIN})

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "incident.list": RESPONDERS,  # the incidents the organization responds to
    "incident.create": MANAGERS,  # record an incident and lead its response
}

INCIDENT_ACTIONS: dict[str, frozenset[str]] = {
    "incident.view": frozenset({"responder"}),
    "incident.edit": frozenset({"lead_manager"}),
    "affected.register": frozenset({"responder"}),
    # The follow-ups list of an incident: each responder sees their own organization's.
    "followup.list": frozenset({"responder"}),
}

AFFECTED_ACTIONS: dict[str, frozenset[str]] = {
    "affected.view": frozenset({"registering_responder"}),
    # Doing a follow-up: asked of the FollowUp itself, which carries the registering
    # organization as its person's registration does (so `affected_sides` answers for both).
    "followup.do": frozenset({"registering_responder"}),
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
    (a FollowUp)."""
    if role_map(user).get(affected.organization_id, frozenset()) & RESPONDERS:
        return frozenset({"registering_responder"})
    return frozenset()


def visible_affected(organization, incident: Incident):
    """The people affected this organization registered for this incident (merged ones left out)."""
    return AffectedPerson.objects.current().filter(incident=incident, organization=organization)
