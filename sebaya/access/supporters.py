"""The supporter policy: the peer supporter roster (coordinators manage it, counselors supervise),
a supporter's own roster entry, and a supporter's evaluation."""

from __future__ import annotations

from sebaya.access.roles import R, roles_in, users_with_role

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "supporters.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "supporters.manage": frozenset({R.COORDINATOR}),
    "supporter.supervise": frozenset({R.COUNSELOR}),
    "buddies.manage": frozenset({R.COORDINATOR}),
    # A supporter's own roster entry: availability, topics, languages, pauses.
    "supporter.self": frozenset({R.PEER_SUPPORTER}),
}

# A supporter's evaluation (what the people helped said, in aggregates; ratings; caseload) is
# seen by the supporter **self** and by their **supervisor**: the counselor supervising them, or
# any counselor while nobody is named. Coordinators see the program's figures, not a person's.
SUPPORTER_ACTIONS: dict[str, frozenset[str]] = {
    "supporter.evaluation": frozenset({"self", "supervisor"}),
}


def supporter_sides(user, profile) -> frozenset[str]:
    sides = set()
    if user.person_id is not None and profile.membership.person_id == user.person_id:
        sides.add("self")
    if R.COUNSELOR in roles_in(user, profile.organization) and profile.supervisor_id in (None, user.pk):
        sides.add("supervisor")
    return frozenset(sides)


def assignable_supervisors(organization):
    """Who may be named a supporter's supervisor: the organization's active counselors."""
    return users_with_role(organization, R.COUNSELOR)
