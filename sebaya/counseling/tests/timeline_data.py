"""A person with a long history of every kind on the care ladder, built through the real services:
shared by the timeline's tests (test_timeline.py) and the browser test of the case page
(tests/browser/test_cases.py)."""

import datetime

from django.utils import timezone

from sebaya.counseling import services
from sebaya.safety import services as safety
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record
from sebaya.support import services as support


def long_history(org, users, person, *, steps):
    """A long history of every kind, with entries at the same time: two cases whose sessions fall
    on the same days (a session shows at noon of its day), peer sessions on the same day. Each step
    adds about eight entries; the first of the two cases is returned."""
    counselor = users["counselor"]
    today = timezone.localdate()
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    profile = support.supporter_profile_save(membership=membership, by=None, certified=True, capacity=50)
    cases = [
        services.case_open(
            organization=org, person=person, by=counselor, summary=f"Case {n}", domain="pribadi"
        )
        for n in range(2)
    ]
    for i in range(steps):
        for case in cases:
            services.session_record(
                case=case,
                by=counselor,
                date=today - datetime.timedelta(days=i // 2),
                discussed=f"Discussed {i}",
                confidential_note=f"Secret {i}",
            )
        request, _code, _pin = support.help_request_submit(organization=org, person=person, topic="family")
        support.step_down(help_request=request, by=counselor, note=f"Hand-over {i}")
        administration_record(
            organization=org, person=person, instrument=get_instrument("gad7"), answers=[i % 4] * 7
        )
        alert = safety.alert_raise(organization=org, level="concern", source="counselor_mark", person=person)
        safety.alert_record_action(alert=alert, by=counselor, kind="closed")
        if i % 4 == 0:
            request, _code, _pin = support.help_request_submit(
                organization=org, person=person, topic="relationships"
            )
            relationship = support.relationship_start(
                help_request=request, supporter_id=profile.pk, by=counselor
            )
            for _ in range(2):
                support.peer_session_log(
                    relationship=relationship,
                    by=users["peer_supporter"],
                    date=today - datetime.timedelta(days=i),
                    mode="chat",
                    duration_minutes=20,
                    mood_before=2,
                    mood_after=3,
                )
            support.relationship_close(relationship=relationship, by=counselor, closing_note="Selesai")
    return cases[0]
