"""Supervision sessions (missing one stops new matches), live sessions, evaluation, the program
view, and supporters keeping their own times and pauses."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from sebaya.kernel.crypto import new_notes_key, note_decrypt, reencrypt_notes
from sebaya.people.models import Role
from sebaya.programs import evaluation, services, supervision
from sebaya.programs.curriculum import practice_checklist
from sebaya.programs.models import LiveAttendance, Module, SupervisionSession
from sebaya.programs.services import NotAllowedNow
from sebaya.programs.tests.test_programs import pass_every_module
from sebaya.support import services as support
from sebaya.support.models import MATCHABLE, Message, SupporterProfile, SupportRelationship

HOUR = datetime.timedelta(hours=1)


def supporter(org, identifier, *, username=None, certified=True):
    membership, user = make_person(
        org, identifier, roles=[Role.PEER_SUPPORTER], username=username, full_name=f"Supporter {identifier}"
    )
    profile = SupporterProfile.objects.create(
        organization=org,
        membership=membership,
        certified=certified,
        status=SupporterProfile.Status.ACTIVE if certified else SupporterProfile.Status.TRAINEE,
        availability=["mon_afternoon"],
    )
    return profile, user


def matchable_ids(org):
    return set(SupporterProfile.objects.filter(MATCHABLE, organization=org).values_list("pk", flat=True))


def plan(org, counselor, supporters, *, starts_at=None, kind="group"):
    return supervision.supervision_schedule(
        organization=org,
        kind=kind,
        starts_at=starts_at or timezone.now() - HOUR,
        place="Ruang BK",
        by=counselor,
        supporters=supporters,
    )


def record(session, counselor, present, ratings=None, notes=""):
    return supervision.supervision_record(
        session=session,
        version=session.version,
        present={p.pk for p in present},
        ratings=ratings or {},
        notes=notes,
        by=counselor,
    )


def test_missing_supervision_stops_new_matches_until_the_next_one_attended(org, users):
    counselor = users["counselor"]
    anna, _u = supporter(org, "P1")
    budi, _u = supporter(org, "P2")
    first = plan(org, counselor, [anna, budi], starts_at=timezone.now() - 48 * HOUR)
    record(first, counselor, present=[anna])
    budi.refresh_from_db()
    assert budi.supervision_missed and not budi.matchable
    assert matchable_ids(org) == {anna.pk}
    help_request = support.help_request_submit(
        organization=org, person=users["member"].person, topic="academic"
    )[0]
    assert [p.candidate.id for p in support.proposals_for(help_request)] == [anna.pk]
    with pytest.raises(support.NotAllowedNow):
        support.relationship_start(help_request=help_request, supporter_id=budi.pk, by=counselor)

    second = plan(org, counselor, [budi], kind="individual")
    record(second, counselor, present=[budi])
    assert matchable_ids(org) == {anna.pk, budi.pk}

    # Attendance of the older session taken again later does not undo the newer one.
    first.refresh_from_db()
    record(first, counselor, present=[])
    budi.refresh_from_db()
    anna.refresh_from_db()
    assert not budi.supervision_missed and anna.supervision_missed


def test_attendance_waits_for_the_session_and_checks_its_people(org, users):
    counselor = users["counselor"]
    anna, _u = supporter(org, "P1")
    budi, _u = supporter(org, "P2")
    later = plan(org, counselor, [anna], starts_at=timezone.now() + HOUR)
    with pytest.raises(NotAllowedNow):
        record(later, counselor, present=[anna])
    now = plan(org, counselor, [anna])
    with pytest.raises(ValueError):
        record(now, counselor, present=[budi])  # not expected at this session
    with pytest.raises(ValueError):
        supervision.supervision_record(
            session=now, version=now.version, present={anna.pk}, ratings={anna.pk: 9}, notes="", by=counselor
        )
    with pytest.raises(ValueError):
        plan(org, counselor, [anna, budi], kind="individual")
    now.refresh_from_db()
    assert now.recorded_at is None and not SupporterProfile.objects.filter(supervision_missed=True).exists()


def test_supervision_notes_are_encrypted_and_rotate_with_the_keys(org, users, settings):
    counselor = users["counselor"]
    anna, _u = supporter(org, "P1")
    session = record(
        plan(org, counselor, [anna]), counselor, present=[anna], notes="Anna lelah; bahas batasan."
    )
    stored = SupervisionSession.objects.values_list("notes", flat=True).get(pk=session.pk)
    assert "Anna" not in stored and note_decrypt(stored) == "Anna lelah; bahas batasan."
    settings.SEBAYA_NOTES_KEYS = [new_notes_key(), *settings.SEBAYA_NOTES_KEYS]
    assert reencrypt_notes()[0] >= 1
    settings.SEBAYA_NOTES_KEYS = settings.SEBAYA_NOTES_KEYS[:1]
    assert note_decrypt(SupervisionSession.objects.get(pk=session.pk).notes) == "Anna lelah; bahas batasan."


def test_the_supervision_page_takes_attendance_and_refuses_a_stale_save(client_as, org, users):
    counselor = users["counselor"]
    anna, _u = supporter(org, "P1")
    budi, _u = supporter(org, "P2")
    session = plan(org, counselor, [anna, budi])
    url = reverse("supervision_record", kwargs={"org": org.slug, "session": session.pk})
    client = client_as("counselor")
    # A rating for someone who was not there is refused, and nothing is written.
    response = client.post(url, {"version": "1", f"rating_{budi.pk}": "4", f"present_{anna.pk}": "on"})
    assert response.status_code == 400
    assert not SupervisionSession.objects.get().recorded_at
    response = client.post(
        url, {"version": "1", f"present_{anna.pk}": "on", f"rating_{anna.pk}": "4", "notes": "ok"}
    )
    assert response.status_code == 302
    assert set(session.attendance.values_list("supporter_id", "present", "rating")) == {
        (anna.pk, True, 4),
        (budi.pk, False, None),
    }
    stale = client.post(url, {"version": "1", f"present_{budi.pk}": "on"})
    assert stale.status_code == 409
    assert SupporterProfile.objects.get(pk=budi.pk).supervision_missed


def test_planning_on_the_page(client_as, org, users):
    anna, _u = supporter(org, "P1")
    client = client_as("counselor")
    url = reverse("supervision_plan", kwargs={"org": org.slug})
    response = client.post(url, {"kind": "individual", "starts_at": "2027-01-05T10:00", "supporters": []})
    assert response.status_code == 400 and not SupervisionSession.objects.exists()
    response = client.post(
        url, {"kind": "individual", "starts_at": "2027-01-05T10:00", "place": "BK", "supporters": [anna.pk]}
    )
    assert response.status_code == 302
    assert SupervisionSession.objects.get().attendance.get().supporter_id == anna.pk
    assert client_as("coordinator").post(url, {}).status_code == 403


def _another_counselor(org):
    _membership, user = make_person(org, "C-2", roles=[Role.COUNSELOR], username="konselor2")
    return user


def test_only_the_supervisor_reads_and_writes_the_notes_and_ratings(client_as, org, users, client):
    """Security probe (issue 11): any counselor could read and overwrite another's notes."""
    anna, _u = supporter(org, "P1")
    session = record(
        plan(org, users["counselor"], [anna]),
        users["counselor"],
        present=[anna],
        ratings={anna.pk: 4},
        notes="Anna lelah; bahas batasan.",
    )
    kwargs = {"org": org.slug, "session": session.pk}
    assert "Anna lelah" in client_as("counselor").get(reverse("supervision_session", kwargs=kwargs)).text
    other = _another_counselor(org)
    client.force_login(other)
    page = client.get(reverse("supervision_session", kwargs=kwargs))
    assert page.status_code == 200 and "Anna lelah" not in page.text and "rating_" not in page.text
    overwrite = {"version": str(session.version), "notes": "overwritten"}  # Anna marked absent
    assert client.post(reverse("supervision_record", kwargs=kwargs), overwrite).status_code == 403
    assert client.post(reverse("supervision_attendance", kwargs=kwargs), overwrite).status_code == 403
    coordinator_page = client_as("coordinator").get(reverse("supervision_session", kwargs=kwargs)).text
    assert "Anna lelah" not in coordinator_page and "rating_" not in coordinator_page
    assert (
        client_as("coordinator").post(reverse("supervision_record", kwargs=kwargs), overwrite).status_code
        == 403
    )
    session.refresh_from_db()
    assert note_decrypt(session.notes) == "Anna lelah; bahas batasan."
    assert session.attendance.get().present and session.attendance.get().rating == 4
    assert not SupporterProfile.objects.get(pk=anna.pk).supervision_missed


def test_a_coordinator_takes_attendance_and_leaves_notes_and_ratings_alone(client_as, org, users):
    anna, _u = supporter(org, "P1")
    budi, _u = supporter(org, "P2")
    session = record(
        plan(org, users["counselor"], [anna, budi]),
        users["counselor"],
        present=[anna, budi],
        ratings={anna.pk: 5, budi.pk: 3},
        notes="Catatan supervisor",
    )
    url = reverse("supervision_attendance", kwargs={"org": org.slug, "session": session.pk})
    response = client_as("coordinator").post(
        url, {"version": str(session.version), f"present_{anna.pk}": "on"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert note_decrypt(session.notes) == "Catatan supervisor"
    assert set(session.attendance.values_list("supporter_id", "present", "rating")) == {
        (anna.pk, True, 5),
        (budi.pk, False, None),
    }
    assert SupporterProfile.objects.get(pk=budi.pk).supervision_missed
    # The supervisor's page still open on the old version cannot silently undo it.
    stale = client_as("counselor").post(
        reverse("supervision_record", kwargs={"org": org.slug, "session": session.pk}),
        {"version": str(session.version - 1), f"present_{budi.pk}": "on"},
    )
    assert stale.status_code == 409


def test_live_session_attendance(client_as, org, users):
    services.curriculum_install(organization=org)
    module = Module.objects.get(organization=org, code="active_listening")
    trainee, _u = supporter(org, "T1", certified=False)
    client = client_as("coordinator")
    response = client.post(
        reverse("live_sessions", kwargs={"org": org.slug}),
        {"module": module.pk, "starts_at": "2020-01-05T10:00", "place": "Aula"},
    )
    assert response.status_code == 302
    session = module.live_sessions.get()
    url = reverse("live_session", kwargs={"org": org.slug, "session": session.pk})
    assert trainee.membership.person.full_name in client.get(url).content.decode()
    client.post(url, {f"present_{trainee.membership.person_id}": "1"})
    assert LiveAttendance.objects.get(person=trainee.membership.person).present
    assert not LiveAttendance.objects.get(person=users["peer_supporter"].person).present


def test_reply_delays_count_each_wait_once():
    t = datetime.datetime(2026, 1, 1, 8, 0)
    minutes = datetime.timedelta(minutes=1)
    messages = [
        ("a", t, False),
        ("a", t + 5 * minutes, False),  # the same wait
        ("b", t + 6 * minutes, False),
        ("a", t + 30 * minutes, True),
        ("a", t + 31 * minutes, True),  # nothing was waiting
        ("b", t + 66 * minutes, True),
        ("a", t + 70 * minutes, False),  # not answered yet: not counted
    ]
    assert evaluation.reply_delays(messages) == [30 * minutes, 60 * minutes]


def test_feedback_is_shown_only_from_five_answers():
    assert not evaluation.feedback([5, 4, 5, 5]).shown and evaluation.feedback([5, 4, 5, 5]).mean is None
    five = evaluation.feedback([5, 4, 5, 5, 1])
    assert five.shown and five.mean == 4.0 and five.distribution == {1: 1, 2: 0, 3: 0, 4: 1, 5: 3}


def test_an_evaluation_is_for_the_supporter_and_their_supervisor(client_as, org, users):
    profile = SupporterProfile.objects.create(
        organization=org,
        membership=users["peer_supporter"].person.memberships.get(),
        certified=True,
        supervisor=users["counselor"],
    )
    for n in range(5):
        SupportRelationship.objects.create(
            organization=org, supporter=profile, status="closed", feedback_rating=4 + (n % 2)
        )
    url = reverse(
        "supporter_evaluation", kwargs={"org": org.slug, "person": users["peer_supporter"].person_id}
    )
    assert client_as("peer_supporter").get(url).status_code == 200
    page = client_as("counselor").get(url)
    assert page.status_code == 200 and page.context["evaluation"]["feedback"].mean == 4.4
    _m, other_counselor = make_person(org, "C2", roles=[Role.COUNSELOR], username="counselor2")
    client = client_as("counselor")
    client.force_login(other_counselor)
    assert client.get(url).status_code == 403  # not their supervisor
    assert client_as("coordinator").get(url).status_code == 403


def test_supporter_evaluation_figures(org, users):
    profile, _u = supporter(org, "P1")
    relationship = SupportRelationship.objects.create(organization=org, supporter=profile)
    Message.objects.create(relationship=relationship, from_supporter=False, body="halo")
    reply = Message.objects.create(relationship=relationship, from_supporter=True, body="hai")
    Message.objects.filter(pk=reply.pk).update(created_at=reply.created_at + 2 * HOUR)
    session = plan(org, users["counselor"], [profile])
    record(session, users["counselor"], present=[profile], ratings={profile.pk: 5})
    figures = evaluation.supporter_evaluation(profile)
    assert figures["caseload"] == 1 and figures["replies"] == 1 and figures["reply_median_hours"] == 2.0
    assert figures["supervisor_rating"] == 5.0 and figures["supervision_present"] == 1
    assert not figures["feedback"].shown


def test_the_program_view_counts_the_program(client_as, org, users):
    services.curriculum_install(organization=org)
    anna, _u = supporter(org, "P1")
    trainee, _u = supporter(org, "T1", certified=False)
    module = Module.objects.get(organization=org, code="active_listening")
    pass_every_module(trainee.membership.person, [module])
    record(plan(org, users["counselor"], [anna, trainee]), users["counselor"], present=[anna])
    overview = evaluation.program_overview(org)
    assert overview["training_started"] == 1
    assert {m.code: n for m, n in overview["modules"]}["active_listening"] == 1
    assert overview["matchable"] == 1 and overview["supervision_missed"] == 1
    assert (
        overview["supervision_present"],
        overview["supervision_expected"],
        overview["supervision_rate"],
    ) == (
        1,
        2,
        50,
    )
    page = client_as("coordinator").get(reverse("program_overview", kwargs={"org": org.slug}))
    assert page.status_code == 200
    # The funnel as bars against everyone in the program, with the numbers as text beside them.
    training = {bar.label: (bar.value, bar.percent) for bar in page.context["training_bars"]}
    assert training["Konselor sebaya dan peserta pelatihan"] == (3, 100)  # with the fixture's supporter
    assert training["Sudah memulai pelatihan"] == (1, 33)
    html = page.content.decode()
    assert 'id="training-funnel"' in html and '<rect class="bar-fill" width="33" height="10"/>' in html


def test_a_supporter_keeps_their_own_times_and_takes_a_break(client_as, org, users):
    membership = users["peer_supporter"].person.memberships.get()
    profile = SupporterProfile.objects.create(organization=org, membership=membership, certified=True)
    client = client_as("peer_supporter")
    url = reverse("supporter_me", kwargs={"org": org.slug})
    response = client.post(
        url, {"availability": ["tue_afternoon"], "topics": ["academic"], "languages": ["id", "jv"]}
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.availability, profile.topics, profile.languages) == (
        ["tue_afternoon"],
        ["academic"],
        ["id", "jv"],
    )
    assert client.post(url, {"availability": ["someday"]}).status_code == 400

    pause = reverse("supporter_pause", kwargs={"org": org.slug})
    client.post(pause, {"pause": "1", "note": "Ujian"})
    profile.refresh_from_db()
    assert (
        profile.status == "paused" and profile.pause_note == "Ujian" and profile.pk not in matchable_ids(org)
    )
    client.post(pause, {"pause": "0"})
    profile.refresh_from_db()
    assert profile.status == "active" and profile.pk in matchable_ids(org)


def test_a_paused_trainee_comes_back_as_a_trainee_and_certification_makes_a_trainee_active(org, users):
    profile, _u = supporter(org, "T1", certified=False)
    support.supporter_pause_set(profile=profile, by=users["coordinator"], paused=True)
    support.supporter_pause_set(profile=profile, by=users["coordinator"], paused=False)
    assert profile.status == "trainee"
    with pytest.raises(support.NotAllowedNow):
        support.supporter_pause_set(profile=profile, by=users["coordinator"], paused=False)

    services.curriculum_install(organization=org)
    person = profile.membership.person
    pass_every_module(person, Module.objects.filter(organization=org))
    services.practice_assess(
        organization=org,
        person=person,
        by=users["counselor"],
        checklist={item["code"]: True for item in practice_checklist()},
    )
    services.certify(organization=org, person=person, by=users["coordinator"])
    profile.refresh_from_db()
    assert profile.status == "active" and profile.certified and profile.pk in matchable_ids(org)


def test_supporters_are_reminded_a_day_before_supervision_once(org, users):
    from sebaya.mail.models import OutgoingEmail

    anna, user = supporter(org, "P1", username="anna")
    user.email = "anna@example.org"
    user.save()
    starts = timezone.now() + datetime.timedelta(days=2)
    session = plan(org, users["counselor"], [anna], starts_at=starts)
    assert supervision.supervision_remind(now=starts - datetime.timedelta(hours=30)) == 0
    assert supervision.supervision_remind(now=starts - datetime.timedelta(hours=20)) == 1
    assert supervision.supervision_remind(now=starts - datetime.timedelta(hours=19)) == 0
    email = OutgoingEmail.objects.get(purpose="programs.supervision_reminder")
    assert email.to == "anna@example.org" and "supervisi" in email.body
    session.refresh_from_db()
    assert session.reminded_at is not None


def test_a_supporters_name_links_to_the_evaluation_only_for_who_may_open_it(client_as, org, users):
    """The coordinator takes attendance but may not open a supporter's evaluation: no link."""
    anna, _u = supporter(org, "P1")
    session = plan(org, users["counselor"], [anna])
    page_url = reverse("supervision_session", kwargs={"org": org.slug, "session": session.pk})
    evaluation_url = reverse(
        "supporter_evaluation", kwargs={"org": org.slug, "person": anna.membership.person_id}
    )
    supervisor_page = client_as("counselor").get(page_url).text
    assert evaluation_url in supervisor_page
    coordinator = client_as("coordinator")
    coordinator_page = coordinator.get(page_url).text
    assert anna.membership.person.full_name in coordinator_page and evaluation_url not in coordinator_page
    assert coordinator.get(evaluation_url).status_code == 403
