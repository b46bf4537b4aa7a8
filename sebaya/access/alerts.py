"""The alert policy: the safety net. Counselors and coordinators receive, see and act on alerts;
the on-call rota is made of the organization's counselors."""

from __future__ import annotations

from sebaya.access.roles import CARE_STAFF, R, notes_held, roles_in, users_with_role
from sebaya.safety.models import Alert

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


def may_see_alert_source(user, alert) -> bool:
    """What raised an alert (the answer, the words, the note in its thread) and the person's
    timeline are confidential: the organization's counselors, who act on them, read them, unless
    a fresh two-step reset holds confidential material back (`notes_held`). Coordinators see the
    signals and the handling. What a counselor reads of a private thread is still only what
    supervisors read (`visible_messages`)."""
    return R.COUNSELOR in roles_in(user, alert.organization) and not notes_held(user)


def alert_source_held(user, alert) -> bool:
    """A counselor who would read what raised the alert, but for the hold of a fresh two-step
    reset: their page says so, rather than that only counselors read it."""
    return R.COUNSELOR in roles_in(user, alert.organization) and notes_held(user)


def open_alerts_about(user, organization, person):
    """Alerts not closed about this person, for a banner at the top of their page and their case;
    none for someone who does not see alerts."""
    if person is None or not ORG_ACTIONS["alert.view"] & roles_in(user, organization):
        return Alert.objects.none()
    return (
        Alert.objects.filter(organization=organization, person=person)
        .exclude(state=Alert.State.CLOSED)
        .order_by("-created_at")
    )
