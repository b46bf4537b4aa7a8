"""Who holds what: a user's roles per organization (read once per request, cached on the user),
the networks they view, the role sets the policies are written with, and who holds a role in an
organization (the people a policy may offer to be assigned)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.organizations.models import Network, Organization
from sebaya.people.models import MembershipRole, NetworkViewer, Role

R = Role
EVERY_ROLE = frozenset(Role)
ADMINS = frozenset({R.ORG_ADMIN})
CARE_STAFF = frozenset({R.COUNSELOR, R.COORDINATOR, R.ORG_ADMIN})

# Who may read confidential material: counselors (case notes, supervision notes) and partner
# professionals (what referrals share). An admin must never be able to become one of them by
# resetting their credentials (see accounts/recovery.py and docs/SECURITY.md).
CONFIDENTIAL_READER_ROLES = frozenset({R.COUNSELOR, R.PARTNER})

# When a user holds several roles, the home page opens as the first of these they hold.
ROLE_PRIORITY = [
    R.ORG_ADMIN,
    R.COORDINATOR,
    R.COUNSELOR,
    R.PARTNER,
    R.FIELD_WORKER,
    R.PEER_SUPPORTER,
    R.MEMBER,
]


def role_map(user) -> dict:
    """{organization_id: frozenset(role codes)} for the user's active memberships (cached per request)."""
    if not getattr(user, "is_authenticated", False) or user.person_id is None:
        return {}
    cached = getattr(user, "_sebaya_role_map", None)
    if cached is None:
        held: dict = {}
        # One query on every signed-in request: the roles with their membership's organization
        # (a membership without roles gives no place, as before).
        for organization_id, role in MembershipRole.objects.filter(
            membership__person_id=user.person_id, membership__is_active=True
        ).values_list("membership__organization_id", "role"):
            held.setdefault(organization_id, set()).add(role)
        cached = {organization_id: frozenset(roles) for organization_id, roles in held.items()}
        user._sebaya_role_map = cached
    return cached


def forget_roles(user) -> None:
    """Call after changing a user's roles or networks within the same request."""
    for name in ("_sebaya_role_map", "_sebaya_network_ids"):
        if hasattr(user, name):
            delattr(user, name)


def roles_in(user, organization: Organization) -> frozenset[str]:
    return role_map(user).get(organization.pk, frozenset())


def all_roles(user) -> frozenset[str]:
    return frozenset().union(*role_map(user).values()) if role_map(user) else frozenset()


def viewer_network_ids(user) -> set:
    """The networks the user views (read once per request, cached on the user like the roles)."""
    if not getattr(user, "is_authenticated", False) or user.person_id is None:
        return set()
    cached = getattr(user, "_sebaya_network_ids", None)
    if cached is None:
        viewing = NetworkViewer.objects.filter(person_id=user.person_id)
        cached = frozenset(viewing.values_list("network_id", flat=True))
        user._sebaya_network_ids = cached
    return set(cached)


def organizations_for(user) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=list(role_map(user)))


def networks_for(user) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=viewer_network_ids(user))


def primary_role(roles: Iterable[str]) -> str | None:
    held = set(roles)
    return next((role.value for role in ROLE_PRIORITY if role in held), None)


def users_with_role(organization: Organization, *roles: str):
    """Active accounts holding any of these roles in the organization (a queryset). The policies
    build their "who may be given this" answers on it (assignable counselors, partners…)."""
    return (
        User.objects.filter(
            is_active=True,
            person__memberships__organization=organization,
            person__memberships__is_active=True,
            person__memberships__roles__role__in=roles,
        )
        .distinct()
        .order_by("username")
    )


# --- Confidential material ----------------------------------------------------------------------


def reads_confidential(user) -> bool:
    """Whether this account may read confidential material in any of its organizations."""
    return bool(all_roles(user) & CONFIDENTIAL_READER_ROLES)


def person_reads_confidential(person) -> bool:
    """The same for a person, with or without an account (for an admin deciding how to reset)."""
    return MembershipRole.objects.filter(
        membership__person=person, membership__is_active=True, role__in=CONFIDENTIAL_READER_ROLES
    ).exists()


def notes_held(user) -> bool:
    """Whether a fresh two-step reset holds confidential material back from this account, until the
    person confirms from their own email that it was them."""
    held_until = getattr(user, "notes_held_until", None)
    return held_until is not None and held_until > timezone.now()
