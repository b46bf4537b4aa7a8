"""The consent policy. The guru BK records what a student or parent agreed to, and the admin files
the parents' signed forms. Coordinators do not: a consent for counseling or a referral tells that
someone is in care. The person sees their own (SELF_ACTIONS).

One consent record, by the user's side: **staff** who record consents (counselors and admins of
its organization) withdraw any; the person withdraws a consent they gave **themselves**, never one
a parent or guardian gave for them (that is the guardian's to withdraw, through the school)."""

from __future__ import annotations

from sebaya.access.roles import R, roles_in

MEMBERSHIP_ACTIONS: dict[str, frozenset[str]] = {
    "consent.view": frozenset({R.COUNSELOR, R.ORG_ADMIN}),
    "consent.record": frozenset({R.COUNSELOR, R.ORG_ADMIN}),
}

CONSENT_ACTIONS: dict[str, frozenset[str]] = {
    "consent.withdraw": frozenset({"staff", "giver"}),
}


def consent_sides(user, consent) -> frozenset[str]:
    sides = set()
    if MEMBERSHIP_ACTIONS["consent.record"] & roles_in(user, consent.organization):
        sides.add("staff")
    own = user.person_id is not None and consent.person_id == user.person_id
    if own and not consent.by_guardian:
        sides.add("giver")
    return frozenset(sides)
