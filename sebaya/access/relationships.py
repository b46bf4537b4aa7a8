"""The support relationship policy. A relationship is seen from three sides: the peer supporter
in it, the person accompanied, and the organization's counselors (who supervise). What each side
reads of its messages is the message policy's (messages.py)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sebaya.access.roles import EVERY_ROLE, R, roles_in
from sebaya.organizations.models import Organization
from sebaya.support.models import SupportRelationship

ORG_ACTIONS: dict[str, frozenset[str]] = {
    # Everyone has a list of their own support relationships (see `visible_relationships`).
    "accompany.list": EVERY_ROLE,
}

RELATIONSHIP_ACTIONS: dict[str, frozenset[str]] = {
    "relationship.view": frozenset({"supporter", "person", "counselor"}),
    "relationship.message": frozenset({"supporter", "person"}),
    "relationship.log_session": frozenset({"supporter"}),
    "relationship.step_up": frozenset({"supporter", "counselor"}),
    "relationship.close": frozenset({"supporter", "counselor"}),
    "relationship.pause": frozenset({"supporter", "counselor"}),
    "relationship.feedback": frozenset({"person"}),
    "relationship.reassign": frozenset({"counselor"}),
    "relationship.supervise": frozenset({"counselor"}),
    "relationship.read_supervision_notes": frozenset({"counselor"}),
}


def relationship_sides(user, relationship) -> frozenset[str]:
    """Which sides of a support relationship this user is on."""
    sides = set()
    person_id = getattr(user, "person_id", None)
    if person_id is not None and relationship.supporter.membership.person_id == person_id:
        sides.add("supporter")
    if person_id is not None and relationship.person_id == person_id:
        sides.add("person")
    if R.COUNSELOR in roles_in(user, relationship.organization):
        sides.add("counselor")
    return frozenset(sides)


def visible_relationships(user, organization: Organization) -> QuerySet[SupportRelationship]:
    """Counselors see every relationship of the organization; anyone else the ones they are in."""
    relationships = SupportRelationship.objects.filter(organization=organization)
    if R.COUNSELOR in roles_in(user, organization):
        return relationships
    if user.person_id is None:
        return relationships.none()
    return relationships.filter(
        Q(supporter__membership__person_id=user.person_id) | Q(person_id=user.person_id)
    )
