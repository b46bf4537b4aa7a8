"""Drive a separate Sebaya database for the worker kill test: `python -m tests.support.worker_scenario STEP`.

Steps print one JSON object. The database is the one in DATABASE_URL (a temporary one).
"""

import json
import os
import sys

import django


def setup():
    from sebaya.accounts.models import User
    from sebaya.organizations.models import Organization
    from sebaya.people.models import Membership, MembershipRole, Person, Role
    from sebaya.safety.models import OnCallSlot
    from sebaya.safety.services import alert_raise

    organization = Organization.objects.create(slug="kill", name="Kill Test School", alert_ack_minutes=1)
    users = {}
    for username, role in [
        ("oncall", Role.COUNSELOR),
        ("backup", Role.COUNSELOR),
        ("coord", Role.COORDINATOR),
    ]:
        person = Person.objects.create(full_name=username)
        membership = Membership.objects.create(person=person, organization=organization)
        MembershipRole.objects.create(membership=membership, role=role)
        users[username] = User.objects.create(
            username=username, email=f"{username}@example.org", person=person
        )
    for weekday in range(7):
        OnCallSlot.objects.create(
            organization=organization, weekday=weekday, primary=users["oncall"], backup=users["backup"]
        )
    student = Person.objects.create(full_name="Student At Risk")
    alert = alert_raise(organization=organization, level="crisis", source="screening", person=student)
    return {"alert": str(alert.pk)}


def overdue():
    """Time passes: the acknowledgement deadline is now behind us."""
    import datetime

    from django.utils import timezone

    from sebaya.safety.models import Alert

    Alert.objects.update(ack_deadline=timezone.now() - datetime.timedelta(seconds=1))
    return {}


def acknowledge(username, start_at):
    """Acknowledge the alert as USERNAME at wall-clock time START_AT (so two processes race)."""
    import time

    from sebaya.accounts.models import User
    from sebaya.safety.models import Alert
    from sebaya.safety.services import AlertAlreadyTaken, alert_acknowledge

    user = User.objects.get(username=username)
    alert = Alert.objects.get()
    time.sleep(max(0.0, float(start_at) - time.time()))
    try:
        alert_acknowledge(alert=alert, by=user)
    except AlertAlreadyTaken:
        return {"result": "told"}
    return {"result": "won"}


def state():
    from sebaya.safety.models import Alert, AlertAction, Notification

    alert = Alert.objects.get()
    return {
        "state": alert.state,
        "step": alert.step,
        "actions": list(AlertAction.objects.order_by("at", "id").values_list("kind", flat=True)),
        "notifications": sorted(
            [n.recipient.username, n.step, n.email_status, n.attempts]
            for n in Notification.objects.select_related("recipient")
        ),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
    django.setup()
    steps = {"setup": setup, "overdue": overdue, "state": state, "acknowledge": acknowledge}
    print(json.dumps(steps[sys.argv[1]](*sys.argv[2:])))
