"""Recruitment and selection: rounds, applications with a guardian's consent, nominations, the
panel's rubric scores, the ranked list, decisions and their publication."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.mail.models import OutgoingEmail
from sebaya.people.models import Role
from sebaya.programs import recruitment
from sebaya.programs.models import Application, Nomination, PanelScore, RecruitmentRound, SelectionCriterion
from sebaya.programs.services import NotAllowedNow
from sebaya.safety.models import Alert
from sebaya.support.models import SupporterProfile

TODAY = datetime.date.today


@pytest.fixture
def open_round(org, users):
    today = timezone.localdate()
    return recruitment.round_create(
        organization=org,
        by=users["coordinator"],
        title="Rekrutmen 2027",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=14),
        places=2,
    )


def applicant(org, identifier, *, minor=True, email=""):
    birth = timezone.localdate().replace(year=timezone.localdate().year - (16 if minor else 19))
    membership, user = make_person(
        org, identifier, username=f"u-{identifier}", full_name=f"Applicant {identifier}", birth_date=birth
    )
    if email:
        user.email = email
        user.save()
    return membership.person, user


def apply(open_round, person, **fields):
    defaults = {
        "motivation": "Saya ingin membantu teman.",
        "availability": ["mon_afternoon"],
        "guardian_name": "Ibu Ani",
        "guardian_consent": True,
    }
    return recruitment.apply(recruitment_round=open_round, person=person, **{**defaults, **fields})


def score_all(application, scorer, value):
    rubric = recruitment.criteria(application.organization)
    recruitment.scores_save(application=application, by=scorer, scores={c.pk: value for c in rubric})


def test_a_round_cannot_close_before_it_opens(org, users):
    with pytest.raises(ValueError):
        recruitment.round_create(
            organization=org,
            by=users["coordinator"],
            title="x",
            opens_on=TODAY(),
            closes_on=TODAY() - datetime.timedelta(days=1),
            places=1,
        )
    assert not RecruitmentRound.objects.exists()


def test_opening_a_round_gives_the_organization_the_default_rubric(open_round, org):
    assert [c.code for c in recruitment.criteria(org)] == [
        "empathy",
        "communication",
        "reliability",
        "interview",
    ]
    assert sum(c.weight for c in recruitment.criteria(org)) == 10


def test_a_minor_needs_a_guardians_consent_and_nothing_is_written_without_it(open_round, org):
    person, _user = applicant(org, "A1")
    with pytest.raises(ValueError):
        apply(open_round, person, guardian_consent=False)
    with pytest.raises(ValueError):
        apply(open_round, person, guardian_name=" ")
    assert not Application.objects.exists()
    application = apply(open_round, person)
    assert application.guardian_consent_at is not None and application.guardian_name == "Ibu Ani"


def test_an_adult_applies_without_a_guardian(open_round, org):
    person, _user = applicant(org, "A2", minor=False)
    application = apply(open_round, person, guardian_name="", guardian_consent=False)
    assert application.guardian_consent_at is None


def test_a_round_that_does_not_ask_for_consent_takes_a_minor_without_it(open_round, org):
    open_round.guardian_consent = False
    open_round.save()
    person, _user = applicant(org, "A3")
    assert apply(open_round, person, guardian_name="", guardian_consent=False).pk


def test_applying_twice_is_refused_but_after_withdrawing_one_may_apply_again(open_round, org):
    person, _user = applicant(org, "A4")
    application = apply(open_round, person)
    with pytest.raises(NotAllowedNow) as refused:
        apply(open_round, person)
    assert refused.value.code == "already_applied"
    recruitment.withdraw(application=application)
    again = apply(open_round, person, motivation="Saya sudah siap.")
    assert again.pk == application.pk and again.status == Application.Status.SUBMITTED


def test_a_closed_round_takes_no_applications(open_round, org):
    open_round.closes_on = TODAY() - datetime.timedelta(days=1)
    open_round.save()
    person, _user = applicant(org, "A5")
    with pytest.raises(NotAllowedNow):
        apply(open_round, person)
    assert not Application.objects.exists()


def test_words_of_risk_in_an_application_raise_an_alert(open_round, org):
    person, _user = applicant(org, "A6")
    apply(open_round, person, motivation="Dulu aku pernah ingin bunuh diri, jadi aku ingin menolong teman.")
    alert = Alert.objects.get()
    assert alert.person_id == person.pk and alert.source_ref.startswith("application:")


def test_the_apply_page_asks_a_minor_for_consent_in_their_language(client, open_round, org):
    person, user = applicant(org, "A7")
    client.force_login(user)
    url = reverse("apply", kwargs={"org": org.slug, "recruitment_round": open_round.pk})
    page = client.get(url)
    assert "guardian_consent" in page.context["form"].fields
    response = client.post(url, {"motivation": "Ingin membantu", "guardian_name": "Ibu"})
    assert response.status_code == 400
    assert "orang tua atau wali" in response.content.decode()
    assert not Application.objects.exists()
    in_english(client)
    response = client.post(url, {"motivation": "I want to help", "guardian_name": ""})
    assert "parent's or guardian's name" in response.content.decode().replace("&#x27;", "'")
    response = client.post(
        url,
        {
            "motivation": "Ingin membantu",
            "guardian_name": "Ibu",
            "guardian_consent": "on",
            "availability": ["mon_afternoon"],
        },
    )
    assert response.status_code == 302
    assert Application.objects.get().availability == ["mon_afternoon"]


def test_a_nomination_is_the_nominees_choice(client, open_round, org, users):
    person, user = applicant(org, "N1", email="n1@example.org")
    nomination = recruitment.nominate(
        recruitment_round=open_round, person=person, by=users["counselor"], reason="Pendengar yang baik"
    )
    assert OutgoingEmail.objects.filter(to="n1@example.org", purpose="programs.nominated").count() == 1
    assert "Pendengar" not in OutgoingEmail.objects.get().body  # the reason stays with the staff
    with pytest.raises(NotAllowedNow):
        recruitment.nominate(
            recruitment_round=open_round, person=person, by=users["counselor"], reason="lagi"
        )
    client.force_login(user)
    url = reverse("nomination_answer", kwargs={"org": org.slug, "nomination": nomination.pk})
    response = client.post(url, {"answer": "accept"})
    assert response["Location"] == reverse(
        "apply", kwargs={"org": org.slug, "recruitment_round": open_round.pk}
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    assert client.post(url, {"answer": "decline"}).status_code == 302  # already answered: nothing changes
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    assert apply(open_round, person).nomination_id == nomination.pk


def test_someone_else_cannot_answer_a_nomination(client_as, open_round, org, users):
    person, _user = applicant(org, "N2")
    nomination = recruitment.nominate(
        recruitment_round=open_round, person=person, by=users["counselor"], reason="x"
    )
    url = reverse("nomination_answer", kwargs={"org": org.slug, "nomination": nomination.pk})
    assert client_as("member").post(url, {"answer": "decline"}).status_code == 403
    assert Nomination.objects.get().status == Nomination.Status.PENDING


def test_a_peer_supporter_cannot_be_nominated_or_apply_again(open_round, org, users):
    supporter = users["peer_supporter"].person
    with pytest.raises(NotAllowedNow) as refused:
        recruitment.nominate(
            recruitment_round=open_round, person=supporter, by=users["counselor"], reason="x"
        )
    assert refused.value.code == "already_supporter"


def test_combine_weights_the_means_and_waits_for_every_criterion():
    assert recruitment.combine({"a": 5, "b": 1}, {"a": 3, "b": 1}) == 75.0
    assert recruitment.combine({"a": 3, "b": 3}, {"a": 1, "b": 9}) == 50.0
    assert recruitment.combine({"a": 5}, {"a": 1, "b": 1}) is None
    assert recruitment.combine({}, {}) is None


def test_scores_must_cover_the_rubric_from_1_to_5(open_round, org, users):
    person, _user = applicant(org, "S1")
    application = apply(open_round, person)
    rubric = recruitment.criteria(org)
    with pytest.raises(ValueError):
        recruitment.scores_save(application=application, by=users["counselor"], scores={rubric[0].pk: 3})
    with pytest.raises(ValueError):
        recruitment.scores_save(
            application=application, by=users["counselor"], scores={c.pk: 6 for c in rubric}
        )
    assert not PanelScore.objects.exists()


def test_the_ranking_combines_the_panel_and_puts_unscored_applicants_last(open_round, org, users):
    _m, second_counselor = make_person(org, "C2", roles=[Role.COUNSELOR], username="counselor2")
    people = [applicant(org, f"R{n}")[0] for n in range(3)]
    applications = [apply(open_round, person) for person in people]
    score_all(applications[0], users["counselor"], 3)
    score_all(applications[0], second_counselor, 3)
    score_all(applications[1], users["counselor"], 5)
    score_all(applications[1], second_counselor, 2)  # 3.5 on average, and a disagreement
    rows = recruitment.ranking(open_round)
    assert [row.application.pk for row in rows] == [
        applications[1].pk,
        applications[0].pk,
        applications[2].pk,
    ]
    assert rows[0].combined == 62.5 and rows[0].panel == 2 and rows[0].disagreement
    assert rows[1].combined == 50.0 and not rows[1].disagreement
    assert rows[2].combined is None and rows[2].panel == 0


def test_nobody_scores_their_own_application(open_round, org, users):
    counselor = users["counselor"]
    application = Application.objects.create(
        organization=org, round=open_round, person=counselor.person, motivation="x"
    )
    with pytest.raises(NotAllowedNow):
        score_all(application, counselor, 5)


def test_a_decision_needs_a_reason_and_publishing_waits_for_every_decision(open_round, org, users):
    people = [applicant(org, f"D{n}", email=f"d{n}@example.org") for n in range(3)]
    applications = [apply(open_round, person) for person, _user in people]
    coordinator = users["coordinator"]
    with pytest.raises(ValueError):
        recruitment.decide(application=applications[0], status="selected", reason=" ", by=coordinator)
    recruitment.decide(application=applications[0], status="selected", reason="Empati tinggi", by=coordinator)
    recruitment.decide(
        application=applications[1], status="waitlisted", reason="Tempat penuh", by=coordinator
    )
    with pytest.raises(NotAllowedNow) as refused:
        recruitment.publish(recruitment_round=open_round, by=coordinator)
    assert refused.value.code == "undecided"
    recruitment.decide(
        application=applications[2], status="not_selected", reason="Belum siap", by=coordinator
    )
    assert recruitment.publish(recruitment_round=open_round, by=coordinator) == 3

    selected = people[0][0]
    membership = selected.memberships.get(organization=org)
    assert membership.roles.filter(role=Role.PEER_SUPPORTER).exists()
    profile = SupporterProfile.objects.get(membership=membership)
    assert profile.status == SupporterProfile.Status.TRAINEE and not profile.certified
    assert profile.availability == ["mon_afternoon"]
    assert not people[1][0].memberships.get().roles.filter(role=Role.PEER_SUPPORTER).exists()

    emails = {e.to: e.body for e in OutgoingEmail.objects.filter(purpose="programs.decision")}
    assert "terpilih" in emails["d0@example.org"]
    assert "daftar tunggu" in emails["d1@example.org"]
    assert "Belum siap" not in emails["d2@example.org"] and "Terima kasih" in emails["d2@example.org"]
    assert Application.objects.filter(notified_at__isnull=False).count() == 3

    with pytest.raises(NotAllowedNow):
        recruitment.publish(recruitment_round=open_round, by=coordinator)
    with pytest.raises(NotAllowedNow):
        recruitment.decide(application=applications[1], status="selected", reason="x", by=coordinator)
    assert OutgoingEmail.objects.filter(purpose="programs.decision").count() == 3


def test_the_staff_pages_score_decide_and_publish(client_as, open_round, org, users):
    person, user = applicant(org, "V1")
    application = apply(open_round, person)
    kwargs = {"org": org.slug, "application": application.pk}
    score, decide = reverse("application_score", kwargs=kwargs), reverse("application_decide", kwargs=kwargs)
    counselor = client_as("counselor")
    rubric = recruitment.criteria(org)
    assert counselor.post(score, {f"c_{rubric[0].pk}": "4"}).status_code == 400
    assert not PanelScore.objects.exists()
    response = counselor.post(score, {f"c_{c.pk}": "4" for c in rubric})
    assert response.status_code == 302 and PanelScore.objects.count() == len(rubric)
    assert counselor.post(decide, {"status": "selected", "reason": "x"}).status_code == 403

    coordinator = client_as("coordinator")
    assert coordinator.post(score, {f"c_{c.pk}": "4" for c in rubric}).status_code == 403
    assert coordinator.post(decide, {"status": "selected", "reason": ""}).status_code == 400
    coordinator.post(decide, {"status": "selected", "reason": "Siap"})
    round_url = reverse("recruitment_round", kwargs={"org": org.slug, "recruitment_round": open_round.pk})
    page = coordinator.get(round_url)
    assert page.context["ranking"][0][0].combined == 75.0
    publish = reverse("recruitment_publish", kwargs={"org": org.slug, "recruitment_round": open_round.pk})
    assert b'id="confirm-yes"' in coordinator.post(publish).content
    assert RecruitmentRound.objects.get().published_at is None  # asked, not yet sent
    coordinator.post(publish, {"confirm": "yes"})
    assert RecruitmentRound.objects.get().published_at is not None

    client_as("member")  # nothing for an unrelated member to see
    applicant_client = client_as("member")
    applicant_client.force_login(user)
    home = applicant_client.get(reverse("join_home", kwargs={"org": org.slug}))
    assert "application-selected" in home.content.decode()


def test_the_application_page_no_longer_takes_a_score_or_a_decision(client_as, open_round, org):
    """Scoring and deciding have their own addresses: the page itself only shows."""
    application = apply(open_round, applicant(org, "V2")[0])
    url = reverse("application_detail", kwargs={"org": org.slug, "application": application.pk})
    rubric = recruitment.criteria(org)
    scores = {f"c_{c.pk}": "4" for c in rubric}
    assert client_as("counselor").post(url, {"what": "score", **scores}).status_code == 405
    decision = {"what": "decide", "status": "selected", "reason": "Siap"}
    assert client_as("coordinator").post(url, decision).status_code == 405
    application.refresh_from_db()
    assert not PanelScore.objects.exists() and application.status not in Application.DECISIONS


def test_opening_a_round_on_the_page_checks_the_dates(client_as, org):
    coordinator = client_as("coordinator")
    url = reverse("recruitment_list", kwargs={"org": org.slug})
    response = coordinator.post(
        url, {"title": "R", "opens_on": "2027-01-10", "closes_on": "2027-01-01", "places": "5"}
    )
    assert response.status_code == 400 and not RecruitmentRound.objects.exists()
    assert "penutupan" in response.content.decode()
    response = coordinator.post(
        url,
        {
            "title": "R",
            "opens_on": "2027-01-01",
            "closes_on": "2027-01-10",
            "places": "5",
            "guardian_consent": "on",
        },
    )
    assert response.status_code == 302 and RecruitmentRound.objects.get().guardian_consent
    assert client_as("counselor").post(url, {"title": "R"}).status_code == 403


def test_the_rubric_is_the_organizations_to_change(client_as, org):
    recruitment.criteria(org)
    coordinator = client_as("coordinator")
    url = reverse("rubric", kwargs={"org": org.slug})
    criteria = list(SelectionCriterion.objects.filter(organization=org))
    data = {}
    for c in criteria:
        data.update({f"{c.pk}-name_id": c.name_id, f"{c.pk}-name_en": c.name_en, f"{c.pk}-weight": "1"})
    assert coordinator.post(url, data).status_code == 400  # every criterion switched off
    for c in criteria:
        data[f"{c.pk}-is_active"] = "on"
    data[f"{criteria[0].pk}-weight"] = "5"
    data.update(
        {"new-name_id": "Kerja sama", "new-name_en": "Teamwork", "new-weight": "2", "new-is_active": "on"}
    )
    assert coordinator.post(url, data).status_code == 302
    rubric = recruitment.criteria(org)
    assert [c.weight for c in rubric] == [5, 1, 1, 1, 2] and rubric[-1].code == "teamwork"
    data[f"{criteria[0].pk}-weight"] = "11"
    assert coordinator.post(url, data).status_code == 400
    assert recruitment.criteria(org)[0].weight == 5


def test_nominating_picks_a_person_by_typing_their_name_with_their_class(client_as, org, open_round):
    first, _u = make_person(org, "aulia-1", full_name="Aulia Pratama", class_name="X-1")
    twin, _u = make_person(org, "aulia-2", full_name="Aulia Pratama", class_name="X-1")
    other, _u = make_person(org, "aulia-3", full_name="Aulia Pratama", class_name="X-2")
    client = client_as("counselor")
    page_url = reverse("recruitment_round", kwargs={"org": org.slug, "recruitment_round": open_round.pk})
    page = client.get(page_url).content.decode()
    # A searchable box with the names to choose from, not a <select> of the whole school.
    assert 'list="id_person_list"' in page and '<datalist id="id_person_list">' in page
    assert '<option value="Aulia Pratama (X-1)">' in page and '<option value="Aulia Pratama (X-2)">' in page
    assert '<option value="Aulia Pratama (X-1) · 2">' in page  # the same name in the same class
    assert '<select name="person"' not in page
    url = reverse("nominate", kwargs={"org": org.slug, "recruitment_round": open_round.pk})
    client.post(url, {"person": "Aulia Pratama (X-2)", "reason": "Pendengar yang baik"})
    assert [n.person for n in Nomination.objects.all()] == [other.person]
    client.post(url, {"person": "  Aulia   Pratama (X-1) · 2 ", "reason": "Suka menolong"})
    nominated = set(Nomination.objects.values_list("person_id", flat=True))
    assert len(nominated) == 2 and (first.person_id in nominated) != (twin.person_id in nominated)
    refused = client.post(url, {"person": "Aulia", "reason": "x"}, follow=True)
    assert Nomination.objects.count() == 2
    page = refused.content.decode()
    assert "Pilih nama dari daftar" in page, [m.message for m in refused.context["messages"]]
