"""The membership policy: a person as seen inside one organization (their page, their account,
their roles, their own data), and which people of an organization a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from sebaya.access.roles import ADMINS, CARE_STAFF, roles_in
from sebaya.organizations.models import Organization
from sebaya.people.models import Membership

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "people.list": CARE_STAFF,
}

# Actions on one person's membership.
MEMBERSHIP_ACTIONS: dict[str, frozenset[str]] = {
    "person.view": CARE_STAFF,
    "person.change": ADMINS,
    "person.set_password": ADMINS,
    "person.password_link": ADMINS,
    "person.change_roles": ADMINS,
    # A person's own data (UU 27/2022): they ask for and download it themselves (SELF_ACTIONS);
    # an admin prepares a copy for a parent or guardian, audited.
    "mydata.request": frozenset(),
    "mydata.download": frozenset(),
    "person.export": ADMINS,
}


def visible_memberships(user, organization: Organization) -> QuerySet[Membership]:
    """The people of an organization this user may see."""
    memberships = Membership.objects.filter(organization=organization)
    if MEMBERSHIP_ACTIONS["person.view"] & roles_in(user, organization):
        return memberships
    if user.person_id is not None:
        return memberships.filter(person_id=user.person_id)
    return memberships.none()
