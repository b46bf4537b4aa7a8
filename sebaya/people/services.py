"""Writes to people, memberships, roles and accounts. Views, the roster import and the demo use these."""

from django.db import transaction
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.people.models import Membership, MembershipRole, Person, Role


class LastAdminError(Exception):
    pass


@transaction.atomic
def person_add(
    *,
    organization,
    by,
    profile: dict,
    membership: dict | None = None,
    roles: list[str] | tuple = (Role.MEMBER,),
    request=None,
) -> Membership:
    person = Person.objects.create(**profile)
    new_membership = Membership.objects.create(person=person, organization=organization, **(membership or {}))
    for role in roles:
        MembershipRole.objects.create(membership=new_membership, role=role, granted_by=_user(by))
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=person,
        request=request,
        detail={"created": True, "roles": sorted(roles)},
    )
    return new_membership


@transaction.atomic
def person_update(*, membership, by, person_form, membership_form, request=None) -> None:
    """Both forms must be valid; they are saved together or not at all."""
    person_form.save()
    membership_form.save()
    changed = sorted(set(person_form.changed_data) | set(membership_form.changed_data))
    if changed:
        record(
            action=AuditAction.RECORD_CHANGED,
            actor=by,
            organization=membership.organization,
            target=membership.person,
            request=request,
            detail={"fields": changed},
        )


@transaction.atomic
def roles_set(*, membership, roles, by, request=None) -> tuple[set, set]:
    """Give a membership exactly these roles. An organization always keeps at least one admin."""
    wanted = {Role(r).value for r in roles}
    # Lock this organization's admin rows so two admins cannot remove each other at once.
    admin_rows = MembershipRole.objects.select_for_update().filter(
        membership__organization=membership.organization, role=Role.ORG_ADMIN, membership__is_active=True
    )
    current = set(membership.roles.values_list("role", flat=True))
    added, removed = wanted - current, current - wanted
    if Role.ORG_ADMIN in removed and admin_rows.exclude(membership=membership).count() == 0:
        raise LastAdminError(
            _("An organization needs at least one admin. Give someone else the admin role first.")
        )
    membership.roles.filter(role__in=removed).delete()
    for role in sorted(added):
        MembershipRole.objects.create(membership=membership, role=role, granted_by=_user(by))
    if added or removed:
        record(
            action=AuditAction.ROLES_CHANGED,
            actor=by,
            organization=membership.organization,
            target=membership.person,
            request=request,
            detail={"added": sorted(added), "removed": sorted(removed)},
        )
    user = getattr(membership.person, "user", None)
    if user is not None:
        access.forget_roles(user)
    return added, removed


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
