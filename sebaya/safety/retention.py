"""What the retention rules may not touch because of an alert (see `privacy.retention`): nothing
about a person with an alert that is not closed. Alerts themselves are never erased. Declared on
SafetyConfig; privacy runs it without importing safety."""

from __future__ import annotations

from sebaya.safety.models import Alert


def block(organization, blocked) -> None:
    """People with an alert that is not closed (`blocked`: a `privacy.retention.Blocked`)."""
    alerts = Alert.objects.filter(organization=organization).exclude(state=Alert.State.CLOSED)
    blocked.people |= set(alerts.filter(person__isnull=False).values_list("person_id", flat=True))
