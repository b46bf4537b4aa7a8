"""The screening result policy: everyone may check in on themselves; counselors see the results
and reach out about them; a coordinator schedules screening rounds; only the invited person fills their
invitation and answers the offer made to them (SELF_ACTIONS)."""

from __future__ import annotations

from sebaya.access.roles import EVERY_ROLE, R

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "screening.self": EVERY_ROLE,
    "administration.view": frozenset({R.COUNSELOR}),
    "rounds.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "rounds.schedule": frozenset({R.COORDINATOR}),
    "round.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "round.cancel": frozenset({R.COORDINATOR}),
    "outreach.queue": frozenset({R.COUNSELOR}),
    "administration.outreach": frozenset({R.COUNSELOR}),
    "invitation.fill": frozenset(),
    "administration.answer_offer": frozenset(),
}

MEMBERSHIP_ACTIONS: dict[str, frozenset[str]] = {
    "person.view_results": frozenset({R.COUNSELOR}),
    "person.administer": frozenset({R.COUNSELOR}),
}
