"""Screening rounds: scheduling, invitations, the halfway reminder, filling in, routing, aggregates."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from sebaya.core.worker import run_once
from sebaya.mail.models import OutgoingEmail
from sebaya.safety.models import Alert
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration, ScreeningInvitation, ScreeningRound
from sebaya.screening.services import (
    AlreadyDone,
    RoundNotOpen,
    administration_record,
    round_schedule,
    rounds_tick,
)

PHQ9 = get_instrument("phq9")


def phq9_post(values):
    return {f"item_{item.id}": str(value) for item, value in zip(PHQ9.items, values, strict=False)}


def schedule(org, by, *, population="organization", value="", opens=0, days=7):
    today = timezone.localdate()
    return round_schedule(
        organization=org,
        title="Cek kesejahteraan",
        instrument=PHQ9,
        population=population,
        population_value=value,
        opens_on=today + datetime.timedelta(days=opens),
        closes_on=today + datetime.timedelta(days=opens + days),
        by=by,
    )


@pytest.fixture
def classes(org):
    """Two classes of twelve students each, and one account with an email in X-1."""
    people = {}
    for class_name in ("X-1", "X-2"):
        for n in range(12):
            membership, _user = make_person(org, f"{class_name}-{n}", grade="10", class_name=class_name)
            people.setdefault(class_name, []).append(membership)
    return people


def test_a_round_opening_today_invites_its_members_and_only_them(org, users, classes):
    screening_round = schedule(org, users["coordinator"], population="class", value="X-1")
    invited = set(
        ScreeningInvitation.objects.filter(screening_round=screening_round).values_list(
            "person_id", flat=True
        )
    )
    assert invited == {m.person_id for m in classes["X-1"]}
    assert screening_round.state == ScreeningRound.State.OPEN and screening_round.invited_at
    # Staff are not members of the population, even in the whole-organization case.
    whole = schedule(org, users["coordinator"])
    staff = {users[role].person_id for role in ("counselor", "coordinator", "peer_supporter")}
    assert not staff & set(whole.invitations.values_list("person_id", flat=True))
    assert whole.invitations.filter(person=users["member"].person).exists()


def test_a_later_round_is_opened_by_the_worker_once_and_reminds_halfway(org, users, classes):
    users["member"].email = "member@example.org"
    users["member"].save()
    screening_round = schedule(org, users["coordinator"], opens=1, days=3)
    assert not screening_round.invitations.exists() and screening_round.state == "scheduled"
    assert rounds_tick() == 0

    opened = screening_round.opens_at + datetime.timedelta(minutes=1)
    assert rounds_tick(now=opened) == 1
    assert rounds_tick(now=opened) == 0  # nothing twice
    assert screening_round.invitations.count() == 25  # 24 students and the member
    assert OutgoingEmail.objects.filter(purpose="screening.invitation").count() == 1

    # A day passes: the round is open now. Someone answers; the rest are reminded halfway, once.
    day = datetime.timedelta(days=1)
    ScreeningRound.objects.filter(pk=screening_round.pk).update(
        opens_at=screening_round.opens_at - day,
        closes_at=screening_round.closes_at - day,
        reminder_at=screening_round.reminder_at - day,
    )
    screening_round.refresh_from_db()
    first = classes["X-1"][0]
    invitation = screening_round.invitations.get(person=first.person)
    administration_record(
        organization=org, person=first.person, instrument=PHQ9, answers=[0] * 9, invitation=invitation
    )
    halfway = screening_round.reminder_at
    assert rounds_tick(now=halfway - datetime.timedelta(minutes=1)) == 0
    assert rounds_tick(now=halfway) == 1 and rounds_tick(now=halfway) == 0
    reminded = screening_round.invitations.filter(reminded_at__isnull=False)
    assert reminded.count() == 24 and not reminded.filter(person=first.person).exists()
    assert OutgoingEmail.objects.filter(purpose="screening.reminder", to="member@example.org").count() == 1


def test_the_worker_sends_the_queued_emails_without_sensitive_words(org, users, classes, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["member"].email = "member@example.org"
    users["member"].save()
    schedule(org, users["coordinator"])
    done = run_once(worker="test")
    assert done["emails"] == 1 and done["alerts"] == 0
    (message,) = mail.outbox
    assert message.to == ["member@example.org"]
    assert "/o/school/check-in/" in message.body
    for word in ("PHQ", "depres", "suicid", "bunuh"):
        assert word.lower() not in (message.subject + message.body).lower()
    assert run_once(worker="test")["emails"] == 0  # sent once
    assert OutgoingEmail.objects.get().status == "sent"


def test_an_email_that_fails_is_tried_again_later(org, users, settings):
    settings.EMAIL_BACKEND = "tests.support.failing_email.FailingEmailBackend"
    users["member"].email = "member@example.org"
    users["member"].save()
    schedule(org, users["coordinator"])
    run_once(worker="test")
    email = OutgoingEmail.objects.get()
    assert email.status == "pending" and email.attempts == 1 and email.next_attempt_at > timezone.now()


def test_an_email_left_by_a_killed_worker_is_sent_after_its_lease(org, users, settings):
    from sebaya.mail.services import send_due

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["member"].email = "member@example.org"
    users["member"].save()
    schedule(org, users["coordinator"])
    # A worker claimed it and died: the row says "sending" with a lease in the future.
    OutgoingEmail.objects.update(
        status="sending", claimed_by="dead", claimed_until=timezone.now() + datetime.timedelta(seconds=60)
    )
    assert send_due(worker="alive") == 0
    assert send_due(worker="alive", now=timezone.now() + datetime.timedelta(seconds=61)) == 1
    assert len(mail.outbox) == 1


def test_a_member_answers_their_invitation_once(client_as, org, users):
    screening_round = schedule(org, users["coordinator"])
    invitation = screening_round.invitations.get(person=users["member"].person)
    client = client_as("member")
    home = client.get(reverse("screening_home", kwargs={"org": org.slug}))
    assert invitation.pk in [i.pk for i, _instrument in home.context["invitations"]]
    url = reverse("invitation_fill", kwargs={"org": org.slug, "invitation": invitation.pk})
    response = client.post(url, phq9_post([1] * 9))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.completed_at and invitation.administration.screening_round == screening_round
    # A double click: nothing new, sent to the result already given.
    again = client.post(url, phq9_post([1] * 9))
    assert again.status_code == 302 and Administration.objects.count() == 1
    home = client.get(reverse("screening_home", kwargs={"org": org.slug}))
    assert home.context["invitations"] == []


def test_a_closed_or_cancelled_round_takes_no_answers_and_says_so(client_as, org, users):
    screening_round = schedule(org, users["coordinator"])
    invitation = screening_round.invitations.get(person=users["member"].person)
    url = reverse("invitation_fill", kwargs={"org": org.slug, "invitation": invitation.pk})
    ScreeningRound.objects.filter(pk=screening_round.pk).update(closes_at=timezone.now())
    response = client_as("member").post(url, phq9_post([3] * 9))
    assert response.status_code == 409 and 'id="round-not-open"' in response.content.decode()
    assert not Administration.objects.exists() and not Alert.objects.exists()
    with pytest.raises(RoundNotOpen):
        administration_record(
            organization=org,
            person=invitation.person,
            instrument=PHQ9,
            answers=[3] * 9,
            invitation=invitation,
        )
    cancelled = schedule(org, users["coordinator"])
    cancel = reverse("round_cancel", kwargs={"org": org.slug, "screening_round": cancelled.pk})
    # The first tap only asks: nothing is cancelled until the second says yes.
    asked = client_as("coordinator").post(cancel)
    assert asked.status_code == 200 and b'id="confirm-yes"' in asked.content
    cancelled.refresh_from_db()
    assert cancelled.state != "cancelled"
    client_as("coordinator").post(cancel, {"confirm": "yes"})
    cancelled.refresh_from_db()
    assert cancelled.state == "cancelled"
    invitation = cancelled.invitations.get(person=users["member"].person)
    response = client_as("member").post(
        reverse("invitation_fill", kwargs={"org": org.slug, "invitation": invitation.pk}), phq9_post([0] * 9)
    )
    assert response.status_code == 409 and not Administration.objects.exists()


def test_a_tampered_or_partial_answer_in_a_round_writes_nothing(client_as, org, users):
    screening_round = schedule(org, users["coordinator"])
    invitation = screening_round.invitations.get(person=users["member"].person)
    url = reverse("invitation_fill", kwargs={"org": org.slug, "invitation": invitation.pk})
    partial = client_as("member").post(url, phq9_post([1, 2, 3]))
    assert partial.status_code == 400
    assert client_as("member").post(url, phq9_post([1] * 8 + [9])).status_code == 400
    invitation.refresh_from_db()
    assert invitation.completed_at is None and not Administration.objects.exists()
    # The answers given stay chosen, the rest are asked for: nobody starts again.
    page = partial.content.decode()
    radios = re.findall(r'<input type="radio" name="(item_\w+)" value="(\d)"[^>]*?( checked)?>', page)
    assert len(radios) == sum(len(item.options) for item in PHQ9.items)
    assert {(name, value) for name, value, checked in radios if checked} == {
        (f"item_{item.id}", str(value)) for item, value in zip(PHQ9.items, (1, 2, 3), strict=False)
    }
    assert page.count("Silakan pilih satu jawaban untuk pertanyaan ini.") == 6  # the six unanswered


def test_double_submission_through_the_service_is_refused(org, users):
    screening_round = schedule(org, users["coordinator"])
    invitation = screening_round.invitations.get(person=users["member"].person)
    administration_record(
        organization=org, person=invitation.person, instrument=PHQ9, answers=[0] * 9, invitation=invitation
    )
    with pytest.raises(AlreadyDone):
        administration_record(
            organization=org,
            person=invitation.person,
            instrument=PHQ9,
            answers=[0] * 9,
            invitation=invitation,
        )
    assert Administration.objects.count() == 1


def test_results_are_routed_by_severity(client_as, org, users, classes):
    screening_round = schedule(org, users["coordinator"], population="class", value="X-1")
    answers = {
        0: [0, 0, 0, 0, 0, 0, 0, 0, 1],  # risk answer → alert and outreach
        1: [3, 3, 3, 3, 3, 3, 3, 2, 0],  # severe → outreach, no alert
        2: [2, 2, 2, 2, 2, 0, 0, 0, 0],  # moderate → offer
        3: [0] * 9,  # minimal → nothing
    }
    made = {}
    for n, values in answers.items():
        person = classes["X-1"][n].person
        made[n] = administration_record(
            organization=org,
            person=person,
            instrument=PHQ9,
            answers=values,
            invitation=screening_round.invitations.get(person=person),
        )
    assert Alert.objects.get().source_ref == f"screening.administration:{made[0].pk}"
    assert [made[n].outreach_reason for n in range(4)] == ["risk", "severe", "", ""]
    assert [made[n].offer for n in range(4)] == ["", "", "offered", ""]
    queue = client_as("counselor").get(reverse("outreach_queue", kwargs={"org": org.slug}))
    assert list(queue.context["page"]) == [made[0], made[1]]  # risk first


def test_a_moderate_result_offers_peer_support_which_reaches_the_outreach_list(client_as, org, users):
    client = client_as("member")
    response = client.post(
        reverse("screening_fill", kwargs={"org": org.slug, "code": "phq9"}),
        phq9_post([2, 2, 2, 2, 2, 0, 0, 0, 0]),
    )
    administration = Administration.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert 'id="offer-form"' in page and 'id="result-crisis"' not in page
    url = reverse("offer_answer", kwargs={"org": org.slug, "administration": administration.pk})
    assert client.post(url, {"answer": "bogus"}).status_code == 302
    administration.refresh_from_db()
    assert administration.offer == "offered"  # a tampered answer changed nothing
    client.post(url, {"answer": "peer_support"})
    administration.refresh_from_db()
    assert administration.offer == "peer_support" and administration.outreach_reason == "peer_support"
    client.post(url, {"answer": "declined"})  # answered already: stays
    administration.refresh_from_db()
    assert administration.offer == "peer_support"
    # Someone else's offer is not theirs to answer.
    assert client_as("peer_supporter").post(url, {"answer": "declined"}).status_code == 403


def test_a_counselor_reaches_out_once_and_a_colleague_is_told(client_as, org, users, student):
    administration = administration_record(
        organization=org, person=student.person, instrument=PHQ9, answers=[3, 3, 3, 3, 3, 3, 3, 2, 0]
    )
    url = reverse("outreach_done", kwargs={"org": org.slug, "administration": administration.pk})
    first = client_as("counselor").post(url, {"note": "Ngobrol di ruang BK."}, follow=True)
    assert "Recorded" in first.content.decode() or "dicatat" in first.content.decode().lower()
    administration.refresh_from_db()
    assert administration.reached_out_by == users["counselor"] and administration.outreach_note
    _, colleague = make_person(org, "C-2", roles=["counselor"], username="counselor2")
    other = client_as("member")  # any client object; sign in as the colleague
    other.force_login(colleague)
    response = other.post(url, {"note": ""}, follow=True)
    assert response.status_code == 200
    administration.refresh_from_db()
    assert administration.reached_out_by == users["counselor"]  # the first one stands
    assert not list(
        client_as("counselor").get(reverse("outreach_queue", kwargs={"org": org.slug})).context["page"]
    )


def test_scheduling_refuses_bad_input_and_writes_nothing(client_as, org, users, classes):
    url = reverse("round_new", kwargs={"org": org.slug})
    today = timezone.localdate()
    base = {
        "title": "Cek",
        "instrument": "phq9",
        "population": "organization",
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=5)).isoformat(),
    }
    client = client_as("coordinator")
    bad = [
        {"opens_on": (today - datetime.timedelta(days=1)).isoformat()},
        {"closes_on": (today - datetime.timedelta(days=1)).isoformat()},
        {"closes_on": (today + datetime.timedelta(days=90)).isoformat()},
        {"population": "class"},  # no class chosen
        {"population": "class", "class_name": "XII-9"},  # not a class here
        {"instrument": "satisfaction"},  # not a check-in
        {"instrument": "nope"},
    ]
    for change in bad:
        response = client.post(url, base | change)
        assert response.status_code == 400, change
        assert response.context["form"].errors, change
    assert not ScreeningRound.objects.exists() and not ScreeningInvitation.objects.exists()
    response = client.post(url, base | {"population": "grade", "grade": "10"})
    assert response.status_code == 302
    assert ScreeningRound.objects.get().invitations.count() == 24


def test_the_coordinator_sees_completion_and_results_with_small_groups_hidden(client_as, org, users, classes):
    screening_round = schedule(org, users["coordinator"], population="grade", value="10")
    # all twelve answer, one of them severe; X-2: only three answer.
    for n, membership in enumerate(classes["X-1"]):
        values = [3, 3, 3, 3, 3, 3, 3, 2, 0] if n == 0 else [0] * 9
        administration_record(
            organization=org,
            person=membership.person,
            instrument=PHQ9,
            answers=values,
            invitation=screening_round.invitations.get(person=membership.person),
        )
    for membership in classes["X-2"][:3]:
        administration_record(
            organization=org,
            person=membership.person,
            instrument=PHQ9,
            answers=[0] * 9,
            invitation=screening_round.invitations.get(person=membership.person),
        )
    response = client_as("coordinator").get(
        reverse("round_detail", kwargs={"org": org.slug, "screening_round": screening_round.pk})
    )
    summary = response.context["summary"]
    assert summary.invited == 24 and summary.completed == 15
    completion = summary.completion
    assert completion.row_totals == {"X-1": 12, "X-2": 12} and completion.total == 24
    assert completion.cells["X-2", "completed"] is None  # 3 answered: under 5
    # ...and it cannot be worked out from X-1 and the column total either.
    assert completion.cells["X-1", "completed"] is None or completion.column_totals["completed"] is None
    bands = summary.bands
    assert bands.row_totals["X-2"] is None  # under 10 answers: hidden whole
    assert bands.cells["X-1", "severe"] is None  # one severe student
    assert bands.total == 15
    page = response.content.decode()
    assert "Hidden to protect privacy" in page or "Disembunyikan" in page
    for membership in classes["X-1"]:
        assert membership.person.full_name not in page  # aggregates only, never names


def test_counselors_see_rounds_but_only_coordinators_schedule(client_as, org, users):
    assert client_as("counselor").get(reverse("round_list", kwargs={"org": org.slug})).status_code == 200
    assert client_as("counselor").get(reverse("round_new", kwargs={"org": org.slug})).status_code == 403


def test_completion_and_results_are_drawn_as_bars_with_the_numbers_as_text(client_as, org, users, classes):
    screening_round = schedule(org, users["coordinator"], population="grade", value="10")
    for membership in classes["X-1"][:6] + classes["X-2"][:12]:
        administration_record(
            organization=org,
            person=membership.person,
            instrument=PHQ9,
            answers=[0] * 9,
            invitation=screening_round.invitations.get(person=membership.person),
        )
    response = client_as("coordinator").get(
        reverse("round_detail", kwargs={"org": org.slug, "screening_round": screening_round.pk})
    )
    summary = response.context["summary"]
    completion = {
        bar.label: (bar.value, bar.total, bar.percent, bar.text) for bar in summary.completion_bars()
    }
    assert completion == {"X-1": (6, 12, 50, "6 dari 12 (50%)"), "X-2": (12, 12, 100, "12 dari 12 (100%)")}
    bands = {bar.label: (bar.value, bar.percent) for bar in summary.band_bars()}
    assert bands[str(PHQ9.bands[0].label)] == (18, 100)
    assert all(
        value in (0, None) for label, (value, _p) in bands.items() if label != str(PHQ9.bands[0].label)
    )
    page = response.content.decode()
    assert 'id="completion-bars"' in page and 'id="band-bars"' in page
    assert '<rect class="bar-fill" width="50" height="10"/>' in page and "6 dari 12 (50%)" in page
    assert 'aria-hidden="true"' in page and "<script" not in page.split('id="completion-bars"')[1][:2000]


def test_a_hidden_number_has_no_bar(client_as, org, users, classes):
    screening_round = schedule(org, users["coordinator"], population="grade", value="10")
    for membership in classes["X-1"][:3]:
        administration_record(
            organization=org,
            person=membership.person,
            instrument=PHQ9,
            answers=[0] * 9,
            invitation=screening_round.invitations.get(person=membership.person),
        )
    response = client_as("coordinator").get(
        reverse("round_detail", kwargs={"org": org.slug, "screening_round": screening_round.pk})
    )
    bars = response.context["summary"].band_bars()
    assert all(bar.value is None and bar.text == "*" for bar in bars)  # 3 answers: all hidden
    assert (
        'class="bar-fill"' not in response.content.decode().split('id="band-bars"')[1].split("</figure>")[0]
    )


def test_two_open_invitations_of_one_questionnaire_come_first_opened_first_with_their_titles(
    client_as, org, users
):
    """A campaign's survey before and after can be open together: the student must see which is
    which, and the one before first."""
    today = timezone.localdate()
    member = users["member"].person
    instrument = get_instrument("knowledge_stigma")
    rounds = {}
    for title in ("Survei sesudah", "Survei sebelum"):  # scheduled in the wrong order on purpose
        rounds[title] = round_schedule(
            organization=org,
            title=title,
            instrument=instrument,
            population="organization",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=7),
            by=users["coordinator"],
        )
    rounds_tick()
    ScreeningRound.objects.filter(pk=rounds["Survei sebelum"].pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=1)
    )
    home = client_as("member").get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    assert home.index("Survei sebelum") < home.index("Survei sesudah")  # titles shown: two of one kind
    assert ScreeningInvitation.objects.filter(person=member).count() == 2
