import datetime
import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role
from sebaya.safety import services
from sebaya.safety.models import Alert, Notification, OnCallSlot


@pytest.fixture
def team(org, users):
    """Two counselors on a rota (every day), a coordinator, and a student."""
    _m, backup = make_person(org, "C-2", roles=[Role.COUNSELOR], username="backup")
    for user in (users["counselor"], backup, users["coordinator"]):
        user.email = f"{user.username}@example.org"
        user.save()
    for weekday in range(7):
        OnCallSlot.objects.create(
            organization=org, weekday=weekday, primary=users["counselor"], backup=backup
        )
    return {"primary": users["counselor"], "backup": backup, "coordinator": users["coordinator"]}


def raise_crisis(org, student, **kwargs):
    return services.alert_raise(
        organization=org, level="crisis", source="screening", person=student.person, **kwargs
    )


def kinds(alert):
    return list(alert.actions.values_list("kind", flat=True))


def test_an_alert_goes_to_the_on_call_counselor(org, team, student):
    alert = raise_crisis(org, student)
    assert alert.owner == team["primary"] and alert.state == Alert.State.OPEN
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["counselor"]
    assert kinds(alert) == ["raised", "notified"]
    deadline = alert.ack_deadline - alert.created_at
    assert datetime.timedelta(minutes=14) < deadline <= datetime.timedelta(minutes=15)


def test_without_a_rota_every_counselor_is_told(org, users, student):
    make_person(org, "C-3", roles=[Role.COUNSELOR], username="another")
    raise_crisis(org, student)
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "another",
        "counselor",
    ]


def test_the_alert_is_written_with_what_raised_it_or_not_at_all(org, team, student):
    with pytest.raises(RuntimeError), transaction.atomic():
        raise_crisis(org, student)
        raise RuntimeError("saving the screening failed")
    assert not Alert.objects.exists() and not Notification.objects.exists()


def test_escalation_goes_backup_then_coordinator_then_everyone_until_acknowledged(org, team, student):
    alert = raise_crisis(org, student)
    later = alert.ack_deadline + datetime.timedelta(seconds=1)
    assert services.escalate_overdue(now=alert.ack_deadline - datetime.timedelta(seconds=1)) == 0
    assert services.escalate_overdue(now=later) == 1
    assert services.escalate_overdue(now=later) == 0  # a second worker at the same moment does nothing
    alert.refresh_from_db()
    assert alert.step == Alert.Step.BACKUP and alert.owner == team["backup"]
    for expected_step in (Alert.Step.COORDINATOR, Alert.Step.EVERYONE, Alert.Step.EVERYONE):
        alert.refresh_from_db()
        services.escalate_overdue(now=alert.ack_deadline + datetime.timedelta(seconds=1))
        alert.refresh_from_db()
        assert alert.step == expected_step
    told = [(n.step, n.recipient.username) for n in Notification.objects.order_by("created_at", "id")]
    assert told[:3] == [(0, "counselor"), (1, "backup"), (2, "coordinator")]
    assert sorted(told[3:6]) == [(3, "backup"), (3, "coordinator"), (3, "counselor")]
    assert len(told) == 9  # and everyone again at the next deadline
    services.alert_acknowledge(alert=alert, by=team["backup"])
    assert services.escalate_overdue(now=timezone.now() + datetime.timedelta(hours=1)) == 0


def test_acknowledging_twice_one_wins_and_the_other_is_told(org, team, student):
    alert = raise_crisis(org, student)
    stale = Alert.objects.get(pk=alert.pk)
    services.alert_acknowledge(alert=alert, by=team["primary"])
    with pytest.raises(services.AlertAlreadyTaken) as taken:
        services.alert_acknowledge(alert=stale, by=team["backup"])
    assert taken.value.alert.acknowledged_by == team["primary"]
    assert kinds(alert).count("acknowledged") == 1


def test_emails_say_only_that_there_is_an_alert(org, team, student, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SEBAYA_BASE_URL = "http://127.0.0.1:8765"  # the address served (PORT), not a fixed one
    alert = raise_crisis(org, student)
    assert services.run_once(worker="w1") == {"escalated": 0, "sent": 1}
    assert services.run_once(worker="w1") == {"escalated": 0, "sent": 0}  # nothing twice
    (message,) = mail.outbox
    assert message.to == ["counselor@example.org"]
    assert "Siti" not in message.subject + message.body and "screening" not in message.body
    assert f"http://127.0.0.1:8765/o/{org.slug}/alerts/{alert.pk}/" in message.body
    assert Notification.objects.get().email_status == Notification.Status.SENT


def test_an_email_claimed_by_a_dead_worker_is_sent_after_its_lease(org, team, student, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    raise_crisis(org, student)
    now = timezone.now()
    assert len(services.claim_emails(worker="dead", now=now)) == 1  # ...and the worker dies here
    assert services.claim_emails(worker="alive", now=now) == []  # still leased
    (claimed,) = services.claim_emails(worker="alive", now=now + datetime.timedelta(seconds=61))
    assert services.send_email(claimed, worker="alive") == Notification.Status.SENT
    assert len(mail.outbox) == 1 and Notification.objects.get().attempts == 2


def test_a_failing_mail_server_is_tried_again_later(org, team, student, settings):
    settings.EMAIL_BACKEND = "sebaya.safety.tests.test_alerts.BrokenBackend"
    raise_crisis(org, student)
    services.run_once(worker="w")
    notification = Notification.objects.get()
    assert (
        notification.email_status == Notification.Status.PENDING
        and notification.next_attempt_at > timezone.now()
    )


def test_someone_without_email_still_sees_the_alert_in_the_app(org, users, student, client_as):
    raise_crisis(org, student)  # no rota: the only counselor, who has no email address
    services.run_once(worker="w")
    assert Notification.objects.get().email_status == Notification.Status.NO_ADDRESS
    page = client_as("counselor").get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    assert 'id="open-alerts">1<' in page


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


def test_the_queue_is_ordered_by_open_then_risk_then_age(org, team, student, client_as):
    # One alert per person and source at a time: four alerts are about four students.
    others = [make_person(org, f"S-{n}", roles=[Role.MEMBER])[0] for n in range(2, 5)]
    concern = services.alert_raise(organization=org, level="concern", source="text", person=student.person)
    old_crisis = raise_crisis(org, student)
    new_crisis = raise_crisis(org, others[0])
    acknowledged = raise_crisis(org, others[1])
    services.alert_acknowledge(alert=acknowledged, by=team["primary"])
    Alert.objects.filter(pk=old_crisis.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))
    response = client_as("counselor").get(reverse("alert_queue", kwargs={"org": org.slug}))
    assert [a.pk for a in response.context["alerts"]] == [
        old_crisis.pk,
        new_crisis.pk,
        concern.pk,
        acknowledged.pk,
    ]


def test_acknowledge_and_follow_up_through_the_pages(org, team, student, client_as, users):
    alert = raise_crisis(org, student)
    counselor = client_as("counselor")
    detail = reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk})
    assert counselor.get(detail).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.RECORD_VIEWED, target_id=str(alert.pk)).exists()
    counselor.post(reverse("alert_acknowledge", kwargs={"org": org.slug, "alert": alert.pk}))
    second = client_as("coordinator").post(
        reverse("alert_acknowledge", kwargs={"org": org.slug, "alert": alert.pk})
    )
    assert second.status_code == 302
    act = reverse("alert_act", kwargs={"org": org.slug, "alert": alert.pk})
    assert counselor.post(act, {"kind": "contacted_person"}).status_code == 302
    missing_note = counselor.post(act, {"kind": "closed"})
    assert missing_note.status_code == 400
    assert (
        counselor.post(act, {"kind": "closed", "note": "Talked with her and her mother; safe."}).status_code
        == 302
    )
    alert.refresh_from_db()
    assert alert.state == Alert.State.CLOSED and alert.acknowledged_by == users["counselor"]
    assert kinds(alert) == ["raised", "notified", "acknowledged", "contacted_person", "closed"]
    tampered = counselor.post(act, {"kind": "raised"})
    assert tampered.status_code == 400 and kinds(alert).count("raised") == 1


def test_a_counselor_raises_an_alert_from_a_persons_page(org, team, student, client_as):
    url = reverse("raise_alert", kwargs={"org": org.slug, "person": student.person_id})
    response = client_as("counselor").post(url, {"level": "crisis", "note": "Told a friend she has a plan."})
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert alert.source == "counselor_mark" and alert.person == student.person
    assert alert.actions.get(kind="raised").note == "Told a friend she has a plan."
    assert client_as("counselor").post(url, {"level": "apocalypse"}).status_code == 400
    assert Alert.objects.count() == 1


def test_the_rota_is_set_by_coordinators_and_checked(org, team, client_as, users):
    url = reverse("on_call_rota", kwargs={"org": org.slug})
    data = {f"primary_{d}": team["backup"].pk for d in range(7)} | {
        f"backup_{d}": team["primary"].pk for d in range(7)
    }
    assert client_as("counselor").post(url, data).status_code == 403
    assert client_as("coordinator").post(url, data).status_code == 302
    assert services.on_call(org) == (team["backup"], team["primary"])
    same = dict(data, backup_3=team["backup"].pk)
    assert client_as("coordinator").post(url, same).status_code == 400
    half = {"primary_0": team["backup"].pk}
    assert client_as("coordinator").post(url, half).status_code == 400
    outsider = dict(data, primary_1=users["coordinator"].pk)  # not a counselor
    assert client_as("coordinator").post(url, outsider).status_code == 400
    assert OnCallSlot.objects.filter(organization=org).count() == 7


def test_the_on_call_day_follows_the_organizations_time_zone(org, team, users):
    OnCallSlot.objects.filter(organization=org, weekday=0).update(primary=users["coordinator"])
    # Sunday 20:00 UTC is Monday 03:00 in Jakarta.
    sunday_evening_utc = datetime.datetime(2026, 11, 22, 20, 0, tzinfo=datetime.UTC)
    assert services.on_call(org, sunday_evening_utc)[0] == users["coordinator"]


def test_risky_words_raise_an_alert_with_signal_names_not_the_words(org, team, student):
    text = "gw udh gakuat lagi, pgn mati aja"
    alert = services.text_check(
        organization=org, text=text, source="text", source_ref="support.message:1", person=student.person
    ).alert
    assert alert is not None and alert.level == "crisis" and alert.signals
    assert all(signal not in text for signal in alert.signals)  # canonical names, never the message itself
    calm = services.text_check(
        organization=org,
        text="mati lampu lagi di rumah, jadi belajar pakai senter",
        source="text",
        source_ref="x",
    )
    assert calm.level is None and calm.alert is None and Alert.objects.count() == 1


def test_no_email_goes_out_about_an_alert_already_acknowledged(org, team, student, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    alert = raise_crisis(org, student)
    services.alert_acknowledge(alert=alert, by=team["primary"])
    assert services.run_once(worker="w") == {"escalated": 0, "sent": 0}
    assert mail.outbox == [] and Notification.objects.get().email_status == Notification.Status.NOT_NEEDED


def test_someone_on_the_rota_who_is_no_longer_a_counselor_is_skipped(org, team, student):
    from sebaya.people.models import MembershipRole

    MembershipRole.objects.filter(membership__person=team["primary"].person).delete()
    alert = raise_crisis(org, student)
    # No on-call counselor today: every counselor still here is told at once.
    assert list(Notification.objects.filter(alert=alert).values_list("recipient__username", flat=True)) == [
        "backup"
    ]


def _queue_rows(client, org):
    """The alert queue's rows as text: one string per alert, cells joined by " | "."""
    html = client.get(reverse("alert_queue", kwargs={"org": org.slug})).content.decode()
    body = html.split('id="alert-queue"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr class="alert-row.*?</tr>', body, re.S)
    return [
        " | ".join(
            re.sub(r"<[^>]+>", "", cell).replace("\xa0", " ").strip()
            for cell in re.findall(r"<td.*?</td>", row, re.S)
        )
        for row in rows
    ]


def test_the_queue_shows_who_handles_an_alert_never_whom_it_was_sent_to(org, team, student, client_as, users):
    """An open alert is nobody's yet, even though the on-call counselor was told of it."""
    team["primary"].person.full_name = "Bu Primadona"
    team["primary"].person.save()
    team["backup"].person.full_name = "Pak Cadangan"
    team["backup"].person.save()
    alert = raise_crisis(org, student)
    assert alert.owner == team["primary"]
    [row] = _queue_rows(client_as("coordinator"), org)
    assert "Belum ada" in row and "Primadona" not in row
    services.alert_acknowledge(alert=alert, by=team["backup"])
    [row] = _queue_rows(client_as("coordinator"), org)
    assert row.endswith("Pak Cadangan") and "Primadona" not in row


@pytest.mark.parametrize(
    ("minutes", "indonesian", "english"),
    [(7, "7 menit yang lalu", "7 minutes ago"), (120, "2 jam yang lalu", "2 hours ago")],
)
def test_the_queue_tells_the_age_of_an_alert_in_words(
    org, team, student, client_as, minutes, indonesian, english
):
    alert = raise_crisis(org, student)
    Alert.objects.filter(pk=alert.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes))
    counselor = client_as("counselor")
    [row] = _queue_rows(counselor, org)
    assert indonesian in row
    [row] = _queue_rows(in_english(counselor), org)
    assert english in row


# --- One open alert per person and source ---------------------------------------------------------


def test_a_second_signal_is_added_to_the_open_alert_and_tells_the_same_people(org, team, student):
    first = services.alert_raise(
        organization=org, level="concern", source="text", person=student.person, signals=["sad"]
    )
    second = services.alert_raise(
        organization=org,
        level="crisis",
        source="text",
        person=student.person,
        source_ref="support.message:7",
        signals=["ingin mati"],
    )
    assert second.pk == first.pk and Alert.objects.count() == 1
    first.refresh_from_db()
    assert first.level == "crisis" and first.signals == ["sad", "ingin mati"]  # the level only rises
    added = first.actions.get(kind="signal_added")
    assert added.detail["signals"] == ["ingin mati"] and added.detail["source_ref"] == "support.message:7"
    # The on-call counselor is told again, at the same step: one alert escalates, not two.
    told = list(Notification.objects.values_list("recipient__username", "step"))
    assert told == [("counselor", 0), ("counselor", 0)]
    assert services.escalate_overdue(now=first.ack_deadline + datetime.timedelta(seconds=1)) == 1


def test_another_source_or_person_or_a_closed_alert_raises_a_new_one(org, team, student):
    first = raise_crisis(org, student)
    assert (
        services.alert_raise(organization=org, level="crisis", source="text", person=student.person) != first
    )
    other, _user = make_person(org, "S-9", roles=[Role.MEMBER])
    assert raise_crisis(org, other) != first
    services.alert_record_action(alert=first, by=team["primary"], kind="closed")
    assert raise_crisis(org, student) != first
    assert Alert.objects.count() == 4


def test_a_signal_on_an_acknowledged_alert_tells_whoever_took_it_on_by_email_too(org, team, student):
    alert = raise_crisis(org, student)
    services.alert_acknowledge(alert=alert, by=team["backup"])
    services.alert_raise(
        organization=org, level="crisis", source="screening", person=student.person, signals=["item9"]
    )
    latest = Notification.objects.order_by("-created_at", "-id").first()
    assert latest.recipient == team["backup"]
    sent = [n.recipient.username for n in services.claim_emails(worker="w")]
    assert sent == ["backup"]  # the first email, to the on-call counselor, is no longer needed


def test_the_queue_counts_the_signals_and_the_alert_page_shows_them(org, team, student, client_as):
    alert = raise_crisis(org, student, signals=["phq9_item9"])
    raise_crisis(org, student, signals=["phq9_item9"])
    queue = client_as("counselor").get(reverse("alert_queue", kwargs={"org": org.slug}))
    assert [a.signal_count for a in queue.context["alerts"]] == [2]
    page = in_english(client_as("counselor")).get(
        reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk})
    )
    assert "Another signal added" in page.content.decode()


def test_two_signals_at_once_make_one_alert(transactional_db, org, team, student):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL's row locks")
    import threading

    from django.db import connections

    ready = threading.Barrier(2)
    errors = []

    def raise_one(n):
        try:
            ready.wait()
            with transaction.atomic():
                raise_crisis(org, student, signals=[f"signal-{n}"])
        except Exception as error:  # pragma: no cover (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=raise_one, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Alert.objects.count() == 1
    assert Alert.objects.get().actions.filter(kind="signal_added").count() == 1


def test_anonymous_signals_merge_only_when_they_come_from_the_same_request(org, team):
    first = services.alert_raise(organization=org, level="crisis", source="triage")
    assert (
        services.alert_raise(organization=org, level="crisis", source="triage") != first
    )  # nothing says who
    ref = "support.helprequest:00000000-0000-0000-0000-000000000001"
    same = services.alert_raise(organization=org, level="crisis", source="triage", source_ref=ref)
    assert services.alert_raise(organization=org, level="crisis", source="triage", source_ref=ref) == same
