"""Follow-ups scheduled from registration: day 7, 30 and 90 in the organization's time zone, the
field worker's overdue list, recording one (not reached stays on the list, declined stops them),
the SRQ-20 from day 30 for people 15 and over (a risk answer raises an alert, a high score a
month on offers a counselor or a partner), and nothing written when anything is refused."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import in_english
from sebaya.audit.models import AuditEvent
from sebaya.kernel.versioning import EditConflict
from sebaya.psychosocial.models import FollowUp, Need, ResponseMember
from sebaya.psychosocial.services import followups as services
from sebaya.psychosocial.services.registration import affected_register
from sebaya.safety.models import Alert, AlertSource
from sebaya.screening.models import Administration

pytestmark = pytest.mark.django_db

NONE = [0] * 20
HIGH = [1] * 8 + [0] * 12  # 8 "yes": at or above the cut-off of 6, item 17 not among them
RISK = [0] * 16 + [1] + [0] * 3  # item 17: thoughts of ending one's life


def register(incident, organization, by, *, name="Dedi Kurniawan", age=34, **fields):
    affected, _made = affected_register(
        incident=incident,
        organization=organization,
        by=by,
        client_id=uuid.uuid4(),
        full_name=name,
        gender="male",
        age_years=age,
        consent="self",
        **fields,
    )
    return affected


def day(affected, n) -> FollowUp:
    return FollowUp.objects.get(affected=affected, day=n)


def page(org, follow_up):
    return reverse(
        "incident_follow_up",
        kwargs={"org": org.slug, "incident": follow_up.incident_id, "follow_up": follow_up.pk},
    )


def answers_form(values, **fields):
    data = {f"item_q{n}": str(v) for n, v in enumerate(values, start=1)}
    return {"outcome": "done", "version": "1", **data, **fields}


# --- Scheduling -------------------------------------------------------------------------------


def test_registering_schedules_day_7_30_and_90_from_the_local_registration_date(org, users, incident):
    affected = register(incident, org, users["field_worker"])
    today = services.local_today(org)
    rows = list(FollowUp.objects.filter(affected=affected).order_by("day"))
    assert [(f.day, f.due_on) for f in rows] == [(n, today + datetime.timedelta(days=n)) for n in (7, 30, 90)]
    assert {(f.owner, f.organization, f.incident, f.status) for f in rows} == {
        (users["field_worker"], org, incident, "due")
    }
    # Registered at 20:00 UTC on 1 March is 03:00 on 2 March in Jakarta: the days count from the 2nd.
    FollowUp.objects.filter(affected=affected).delete()
    affected.registered_at = datetime.datetime(2026, 3, 1, 20, 0, tzinfo=datetime.UTC)
    affected.save()
    services.follow_ups_schedule(affected=affected)
    assert day(affected, 7).due_on == datetime.date(2026, 3, 9)
    # Again: nothing more, nothing changed.
    FollowUp.objects.filter(affected=affected, day=30).update(note="x")
    services.follow_ups_schedule(affected=affected)
    assert FollowUp.objects.filter(affected=affected).count() == 3 and day(affected, 30).note == "x"


def test_an_incidents_own_days_are_used(org, users, incident):
    incident.follow_up_days = [3, 14, 14]
    incident.save()
    affected = register(incident, org, users["field_worker"])
    assert sorted(FollowUp.objects.filter(affected=affected).values_list("day", flat=True)) == [3, 14]


# --- The list -----------------------------------------------------------------------------------


def test_the_list_groups_overdue_today_and_the_next_week_mine_first_for_a_field_worker(
    client_as, org, users, incident
):
    today = services.local_today(org)
    mine = register(incident, org, users["field_worker"], name="Ani")
    theirs = register(incident, org, users["counselor"], name="Budi")
    FollowUp.objects.filter(affected=mine, day=7).update(due_on=today - datetime.timedelta(days=2))
    FollowUp.objects.filter(affected=mine, day=30).update(due_on=today)
    FollowUp.objects.filter(affected=mine, day=90).update(due_on=today + datetime.timedelta(days=3))
    FollowUp.objects.filter(affected=theirs, day=7).update(due_on=today - datetime.timedelta(days=1))
    FollowUp.objects.filter(affected=theirs, day=30).update(due_on=today - datetime.timedelta(days=1))
    url = reverse("incident_follow_ups", kwargs={"org": org.slug, "incident": incident.pk})

    response = client_as("field_worker").get(url)
    groups = response.context["groups"]
    assert response.context["show"] == "mine"
    assert [f.pk for f in groups["overdue"]] == [day(mine, 7).pk]
    assert [f.pk for f in groups["today"]] == [day(mine, 30).pk]
    assert [f.pk for f in groups["soon"]] == [day(mine, 90).pk]
    # Whoever looks, the overdue count per field worker covers everyone.
    per_worker = {row["owner__person__full_name"]: row["n"] for row in response.context["per_worker"]}
    assert per_worker == {"counselor person": 2, "field_worker person": 1}

    everyone = client_as("coordinator").get(url)
    assert everyone.context["show"] == "all"
    assert {f.affected_id for f in everyone.context["groups"]["overdue"]} == {mine.pk, theirs.pk}
    assert len(everyone.context["groups"]["overdue"]) == 3
    assert client_as("field_worker").get(url + "?show=all").context["show"] == "all"
    assert client_as("field_worker").get(url + "?show=<script>").context["show"] == "mine"

    detail = client_as("field_worker").get(
        reverse("incident_detail", kwargs={"org": org.slug, "incident": incident.pk})
    )
    assert "(3 " in detail.content.decode().split('id="incident-follow-ups"')[1].split("</a>")[0]

    # Done ones leave the list; a closed response stops them all.
    services.follow_up_record(follow_up=day(mine, 7), by=users["field_worker"], outcome="done", version=1)
    assert [f.pk for f in client_as("field_worker").get(url).context["groups"]["overdue"]] == []
    incident.status = "closed"
    incident.save()
    closed = client_as("coordinator").get(url)
    assert 'id="follow-ups-closed"' in closed.content.decode() and not closed.context["groups"]["overdue"]


# --- Recording without a questionnaire ----------------------------------------------------------


def test_day_7_is_done_without_a_questionnaire_and_audited(client_as, org, users, incident):
    affected = register(incident, org, users["field_worker"])
    follow_up = day(affected, 7)
    client = client_as("counselor")  # a colleague of the same organization may do it
    shown = client.get(page(org, follow_up)).content.decode()
    assert 'id="no-measure-yet"' in shown and 'name="item_q1"' not in shown
    response = client.post(
        page(org, follow_up), {"outcome": "done", "note": "Tidur mulai nyenyak", "version": 1}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.owner, follow_up.version) == ("done", users["counselor"], 2)
    assert follow_up.done_at is not None and follow_up.administration is None
    event = AuditEvent.objects.get(target_id=str(follow_up.pk))
    assert event.subject_person_id == affected.person_id and event.detail == {
        "field_follow_up": "done",
        "day": 7,
    }
    # Sent again (a slow connection): the first answer stands, nothing more is written.
    again = client.post(page(org, follow_up), {"outcome": "declined", "version": 1})
    assert again.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and AuditEvent.objects.filter(target_id=str(follow_up.pk)).count() == 1
    # The person's page lists their follow-ups.
    person_page = client.get(
        reverse("affected_detail", kwargs={"org": org.slug, "incident": incident.pk, "affected": affected.pk})
    ).content.decode()
    assert 'id="affected-follow-ups"' in person_page and page(org, follow_up) in person_page


def test_not_reached_stays_on_the_list_unless_they_stop_trying(org, users, incident):
    affected = register(incident, org, users["field_worker"])
    follow_up = day(affected, 7)
    services.follow_up_record(
        follow_up=follow_up, by=users["field_worker"], outcome="not_reached", note="HP mati", version=1
    )
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.note, follow_up.version) == ("due", "HP mati", 2)
    assert AuditEvent.objects.get(target_id=str(follow_up.pk)).detail["stopped"] is False
    services.follow_up_record(
        follow_up=follow_up, by=users["field_worker"], outcome="not_reached", stop_trying=True, version=2
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "not_reached" and follow_up.done_at is not None
    assert day(affected, 30).status == "due"  # the next one is still to do


def test_declining_stops_this_and_the_later_follow_ups(org, users, incident):
    affected = register(incident, org, users["field_worker"])
    services.follow_up_record(follow_up=day(affected, 7), by=users["field_worker"], outcome="done", version=1)
    services.follow_up_record(
        follow_up=day(affected, 30), by=users["field_worker"], outcome="declined", version=1
    )
    assert [day(affected, n).status for n in (7, 30, 90)] == ["done", "declined", "declined"]


# --- The SRQ-20 -----------------------------------------------------------------------------------


def test_at_day_30_the_srq20_is_given_through_the_form_and_kept_with_the_follow_up(
    client_as, org, users, incident
):
    affected = register(incident, org, users["field_worker"])
    follow_up = day(affected, 30)
    client = client_as("field_worker")
    shown = client.get(page(org, follow_up)).content.decode()
    assert shown.count('name="item_q') == 40 and "Apakah Anda sering menderita sakit kepala?" in shown
    assert "Do you often have headaches?" in in_english(client).get(page(org, follow_up)).content.decode()
    response = client.post(page(org, follow_up), answers_form([1, 1] + [0] * 18))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    administration = follow_up.administration
    assert administration.instrument_code == "srq20" and administration.total == 2
    assert (
        administration.person == affected.person and administration.administered_by == users["field_worker"]
    )
    assert not Need.objects.exists()  # below the cut-off: nothing to offer
    assert not Alert.objects.exists()
    # Skipping the questions is allowed: the follow-up is done without a score.
    later = day(affected, 90)
    assert client.post(page(org, later), {"outcome": "done", "version": 1}).status_code == 302
    later.refresh_from_db()
    assert later.status == "done" and later.administration is None
    # The person's totals over time are shown on the next page.
    assert client.get(page(org, later)).context["history"]["first"].total == 2


def test_a_risk_answer_raises_an_alert_the_way_a_screening_does(org, users, incident):
    affected = register(incident, org, users["field_worker"])
    follow_up = services.follow_up_record(
        follow_up=day(affected, 30), by=users["field_worker"], outcome="done", srq20_answers=RISK, version=1
    )
    alert = Alert.objects.get()
    assert alert.source == AlertSource.SCREENING and alert.person_id == affected.person_id
    assert alert.source_ref == f"screening.administration:{follow_up.administration_id}"
    assert alert.organization == org


def test_at_or_above_the_cut_off_a_month_on_a_counselor_or_partner_is_offered(
    client_as, org, users, incident
):
    affected = register(incident, org, users["field_worker"])
    client = client_as("field_worker")
    response = client.post(page(org, day(affected, 30)), answers_form(HIGH))
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.affected, need.kind, need.source, need.urgent, need.owner, need.status) == (
        affected,
        "psychosocial",
        "follow_up",
        False,
        users["field_worker"],
        "open",
    )
    assert need.due_on == services.local_today(org) + datetime.timedelta(days=7)
    shown = client.get(response["Location"]).content.decode()
    assert 'id="follow-up-offer"' in shown
    # Still high at day 90: the same open need, not a second one; the totals show side by side.
    client.post(page(org, day(affected, 90)), answers_form([1] * 10 + [0] * 10))
    assert Need.objects.count() == 1
    history = client.get(page(org, day(affected, 90))).context["history"]
    assert (history["first"].total, history["latest"].total, history["up"], history["count"]) == (8, 10, 2, 2)


def test_a_child_gets_no_questionnaire_and_the_follow_up_is_done_without_one(client_as, org, users, incident):
    affected = register(incident, org, users["field_worker"], name="Rizki", age=12)
    follow_up = day(affected, 30)
    client = client_as("field_worker")
    shown = client.get(page(org, follow_up)).content.decode()
    assert 'id="no-child-measure"' in shown and 'name="item_q1"' not in shown
    with pytest.raises(services.FollowUpError):
        services.follow_up_record(
            follow_up=follow_up, by=users["field_worker"], outcome="done", srq20_answers=NONE, version=1
        )
    follow_up.refresh_from_db()
    assert follow_up.status == "due" and follow_up.version == 1 and not Administration.objects.exists()
    # Answers posted by hand are ignored by the form (no items for a child); done without a score.
    assert client.post(page(org, follow_up), answers_form(NONE)).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and not Administration.objects.exists()


def test_no_srq20_before_day_30_nor_for_an_unknown_age(org, users, incident):
    adult = register(incident, org, users["field_worker"])
    with translation.override("en"), pytest.raises(services.FollowUpError, match="day 30"):
        services.follow_up_record(
            follow_up=day(adult, 7), by=users["field_worker"], outcome="done", srq20_answers=NONE, version=1
        )
    unknown = register(incident, org, users["field_worker"], name="Pak Ujang", age=None)
    with pytest.raises(services.FollowUpError):
        services.follow_up_record(
            follow_up=day(unknown, 30),
            by=users["field_worker"],
            outcome="done",
            srq20_answers=NONE,
            version=1,
        )
    assert not Administration.objects.exists()
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"due"}


# --- Refusals write nothing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers,outcome",
    [
        (RISK[:19], "done"),  # 19 answers
        ([2] + RISK[1:], "done"),  # not an answer to a yes/no question
        (RISK, "not_reached"),  # questions when the person was not reached
    ],
)
def test_bad_answers_write_nothing_not_even_the_alert(org, users, incident, answers, outcome):
    affected = register(incident, org, users["field_worker"])
    follow_up = day(affected, 30)
    before = AuditEvent.objects.count()
    with pytest.raises(services.FollowUpError):
        services.follow_up_record(
            follow_up=follow_up, by=users["field_worker"], outcome=outcome, srq20_answers=answers, version=1
        )
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.version, follow_up.administration) == ("due", 1, None)
    assert not Administration.objects.exists() and not Alert.objects.exists()
    assert AuditEvent.objects.count() == before


def test_half_answered_questions_get_a_clear_error_on_the_page(client_as, org, users, incident):
    affected = register(incident, org, users["field_worker"])
    follow_up = day(affected, 30)
    data = answers_form(RISK)
    del data["item_q20"]
    response = in_english(client_as("field_worker")).post(page(org, follow_up), data)
    assert response.status_code == 400
    assert "Answer all 20 questions, or leave them all empty." in response.content.decode()
    assert not Administration.objects.exists() and not Alert.objects.exists()


def test_two_people_saving_at_once_the_second_is_told_and_nothing_of_theirs_is_written(
    client_as, org, users, incident
):
    affected = register(incident, org, users["field_worker"])
    follow_up = day(affected, 30)
    services.follow_up_record(
        follow_up=follow_up, by=users["counselor"], outcome="not_reached", note="Tidak di posko", version=1
    )
    with pytest.raises(EditConflict):
        services.follow_up_record(
            follow_up=follow_up, by=users["field_worker"], outcome="done", srq20_answers=RISK, version=1
        )
    response = client_as("field_worker").post(page(org, follow_up), answers_form(RISK))
    assert response.status_code == 409
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.version) == ("due", 2)
    assert not Administration.objects.exists() and not Alert.objects.exists()


def test_a_closed_response_takes_no_more_follow_ups(org, users, incident):
    affected = register(incident, org, users["field_worker"])
    incident.status = "closed"
    incident.save()
    with translation.override("en"), pytest.raises(services.FollowUpError, match="closed"):
        services.follow_up_record(
            follow_up=day(affected, 7), by=users["field_worker"], outcome="done", version=1
        )
    assert day(affected, 7).status == "due"


# --- Another organization ------------------------------------------------------------------------


def test_another_organizations_follow_up_answers_404_even_in_a_joint_response(
    client, client_as, org, other_org, users, incident
):
    ours = day(register(incident, org, users["field_worker"]), 7)
    # The other organization joins our response and registers someone of its own.
    ResponseMember.objects.create(
        incident=incident, organization=other_org, status="joined", invited_by=users["coordinator"]
    )
    theirs = day(register(incident, other_org, users["outsider"], name="Sari"), 7)
    assert client_as("field_worker").get(page(org, theirs)).status_code == 404
    client.force_login(users["outsider"])
    assert client.get(page(other_org, ours)).status_code == 404
    assert client.get(page(other_org, theirs)).status_code == 200
    # Their list shows only their own follow-ups.
    listed = client.get(
        reverse("incident_follow_ups", kwargs={"org": other_org.slug, "incident": incident.pk}) + "?show=all"
    )
    shown = [f for group in listed.context["groups"].values() for f in group]
    assert ours.pk not in {f.pk for f in shown}
