"""The alert policy: the safety net. Counselors and coordinators receive, see and act on alerts;
the on-call rota is made of the organization's counselors."""

from __future__ import annotations

from sebaya.access.roles import CARE_STAFF, R, users_with_role

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "alerts.queue": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "alert.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "alert.act": frozenset({R.COUNSELOR, R.COORDINATOR}),
    # Counselors judge the risk detector on words they read (false alarms, misses), and reach out about
    # the words only the learned model read as concern (safety.TextFlag, on the outreach list).
    "risk_feedback.mark": frozenset({R.COUNSELOR}),
    "text_flag.outreach": frozenset({R.COUNSELOR}),
    "oncall.view": CARE_STAFF,
    "oncall.change": frozenset({R.COORDINATOR, R.ORG_ADMIN}),
}

MEMBERSHIP_ACTIONS: dict[str, frozenset[str]] = {
    "person.raise_alert": frozenset({R.COUNSELOR}),
}


def on_call_candidates(organization):
    """Who may be put on the on-call rota: the organization's active counselors."""
    return users_with_role(organization, R.COUNSELOR)
