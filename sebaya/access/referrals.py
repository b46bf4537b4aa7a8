"""The referral policy (alih tangan kasus) and the partner directory. A referral is seen by the
user's relation to it: any **counselor** of the organization, an **assigned** counselor of its
case, or a **partner** professional who signs in for the partner it is addressed to (who sees only
what the referral shares)."""

from __future__ import annotations

from django.db.models import QuerySet

from sebaya.access.roles import CARE_STAFF, R, notes_held, roles_in, users_with_role
from sebaya.counseling.models import Referral
from sebaya.organizations.models import Organization

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "partners.view": CARE_STAFF,
    "partners.manage": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "referrals.list": frozenset({R.COUNSELOR, R.PARTNER}),
}

REFERRAL_ACTIONS: dict[str, frozenset[str]] = {
    "referral.view": frozenset({"counselor", "partner"}),
    "referral.update": frozenset({"assigned", "partner"}),
    "referral.letter": frozenset({"counselor", "partner"}),
}


def referral_sides(user, referral) -> frozenset[str]:
    roles = roles_in(user, referral.organization)
    sides = set()
    if R.COUNSELOR in roles:
        sides.add("counselor")
        if referral.case.counselors.filter(pk=user.pk).exists():
            sides.add("assigned")
    # A partner reads what a referral shares: held back, like notes, after a fresh two-step reset.
    if R.PARTNER in roles and not notes_held(user) and referral.partner.users.filter(pk=user.pk).exists():
        sides.add("partner")
    return frozenset(sides)


def visible_referrals(user, organization: Organization) -> QuerySet[Referral]:
    referrals = Referral.objects.filter(organization=organization)
    roles = roles_in(user, organization)
    if R.COUNSELOR in roles:
        return referrals
    if R.PARTNER in roles and not notes_held(user):
        return referrals.filter(partner__users=user)
    return referrals.none()


def sees_as_partner(user, organization: Organization) -> bool:
    """Whether the user reads the organization's referrals as a partner professional only (a
    counselor who is also a partner reads them as a counselor)."""
    roles = roles_in(user, organization)
    return R.PARTNER in roles and R.COUNSELOR not in roles


def assignable_partners(organization: Organization):
    """Who may sign in for a partner (and so read what referrals to it share): the
    organization's active partner professionals."""
    return users_with_role(organization, R.PARTNER)
