"""Awareness campaigns: making and changing one, linking activities, the pre/post survey as
screening rounds, the reach with small groups hidden, and the change shown only for 10 or more
people who answered both (with a caution under 30)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.audit.models import AuditEvent
from sebaya.guidance import campaigns as reading
from sebaya.guidance.models import Activity, Attendance, Campaign, Meeting
from sebaya.guidance.services import campaigns as services
from sebaya.kernel.versioning import EditConflict
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 8, 3)
# The scale's answers: before, "not sure" everywhere (total 30); after, agreeing with what is true
# and disagreeing with what stigmatizes (each item scores 4: total 40).
BEFORE = [3] * 10
AFTER = [4, 2, 4, 4, 2, 2, 4, 2, 2, 4]  # k1 a1 k2 a2 k3 a3 k4 a4 k5 a5 (a1 k3 a3 a4 k5 reversed)


def _campaign(org, by, **fields):
    values = {
        "title": "Kenali Kesehatan Jiwa",
        "goal": "Mengurangi stigma",
        "population": "grade",
        "population_value": "10",
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(days=30),
    }
    return services.campaign_save(organization=org, by=by, **(values | fields))


def _students(org, count, *, grade="10", class_name="X-1", prefix="S"):
    return [
        make_person(org, f"{prefix}{n}", grade=grade, class_name=class_name)[0].person for n in range(count)
    ]


def _answer(org, screening_round, people, answers):
    instrument = get_instrument("knowledge_stigma")
    for person in people:
        administration_record(
            organization=org,
            person=person,
            instrument=instrument,
            answers=answers,
            invitation=screening_round.invitations.get(person=person),
        )


def _surveyed(org, users, pairs, *, only_before=0):
    people = _students(org, pairs + only_before)
    campaign = _campaign(org, users["coordinator"])
    today = timezone.localdate()
    pre = services.campaign_survey_schedule(
        campaign=campaign, which="pre", opens_on=today, closes_on=today, by=users["coordinator"]
    )
    post = services.campaign_survey_schedule(
        campaign=campaign, which="post", opens_on=today, closes_on=today, by=users["coordinator"]
    )
    _answer(org, pre, people, BEFORE)
    _answer(org, post, people[:pairs], AFTER)
    campaign.refresh_from_db()
    return campaign


# --- Making and changing ------------------------------------------------------------------------------


def test_a_campaign_is_made_with_its_audience_and_audited(org, users):
    campaign = _campaign(org, users["coordinator"])
    campaign.refresh_from_db()
    assert (campaign.population, campaign.population_value) == ("grade", "10")
    assert AuditEvent.objects.filter(target_id=str(campaign.pk), detail__campaign="created").exists()
    whole = _campaign(org, users["coordinator"], population="organization", population_value="ignored")
    whole.refresh_from_db()
    assert (whole.population, whole.population_value) == ("organization", "")
    with pytest.raises(services.CampaignError) as error:
        _campaign(org, users["coordinator"], population="class", population_value="  ")
    assert error.value.code == "audience_value"


def test_the_migration_splits_the_audience_text_into_two_fields(transactional_db, org, users):
    """0003 turns "organization", "grade:<g>" and "class:<name>" into `population` and
    `population_value` (and back)."""
    executor = MigrationExecutor(connection)
    before, after = [("guidance", "0002_activities")], [("guidance", "0003_campaign_population")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("guidance", "Campaign")
    texts = ["organization", "grade:10", "class:X IPA 1", "", "class:", "nonsense"]
    for n, audience in enumerate(texts):
        old.objects.create(
            organization_id=org.pk,
            title=f"K{n}",
            goal="x",
            audience=audience,
            starts_on=TODAY,
            ends_on=TODAY,
            created_by_id=users["coordinator"].pk,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("guidance", "Campaign")
    split = {c.title: (c.population, c.population_value) for c in new.objects.all()}
    assert split == {
        "K0": ("organization", ""),
        "K1": ("grade", "10"),
        "K2": ("class", "X IPA 1"),
        "K3": ("organization", ""),
        "K4": ("organization", ""),
        "K5": ("organization", ""),
    }
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("guidance", "Campaign")
    assert dict(old.objects.values_list("title", "audience"))["K2"] == "class:X IPA 1"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_bad_input_is_refused_and_nothing_is_written(org, users):
    with pytest.raises(services.CampaignError) as error:
        _campaign(org, users["coordinator"], ends_on=TODAY - datetime.timedelta(days=1))
    assert error.value.code == "ends_before_starts"
    with pytest.raises(services.CampaignError):
        _campaign(org, users["coordinator"], population="class", population_value=" ")
    assert not Campaign.objects.exists()


def test_the_form_says_what_is_wrong(client_as, org, users, student):
    client = in_english(client_as("coordinator"))
    url = reverse("campaign_new", kwargs={"org": org.slug})
    response = client.post(
        url,
        {
            "title": "",
            "goal": "x",
            "population": "class",
            "population_value": "Z-9",
            "starts_on": "2026-08-10",
            "ends_on": "2026-08-01",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The campaign cannot end before it starts." in page
    assert "No one in this organization is in Z-9" in page
    assert not Campaign.objects.exists()
    response = client.post(
        url,
        {
            "title": "Pekan Peduli",
            "goal": "Lebih banyak yang mau bercerita",
            "population": "grade",
            "population_value": "10",
            "starts_on": "2026-08-01",
            "ends_on": "2026-08-10",
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/campaigns/{campaign.pk}/")


def test_two_editors_do_not_overwrite_each_other(client_as, org, users):
    campaign = _campaign(org, users["coordinator"])
    services.campaign_save(
        organization=org,
        by=users["counselor"],
        campaign=campaign,
        version=1,
        title="Baru",
        goal="g",
        population="organization",
        starts_on=TODAY,
        ends_on=TODAY,
    )
    with pytest.raises(EditConflict):
        services.campaign_save(
            organization=org,
            by=users["coordinator"],
            campaign=campaign,
            version=1,
            title="Lama",
            goal="g",
            population="organization",
            starts_on=TODAY,
            ends_on=TODAY,
        )
    response = client_as("coordinator").post(
        reverse("campaign_edit", kwargs={"org": org.slug, "campaign": campaign.pk}),
        {
            "title": "Lama",
            "goal": "g",
            "population": "organization",
            "starts_on": TODAY,
            "ends_on": TODAY,
            "version": 1,
        },
    )
    assert response.status_code == 409
    assert Campaign.objects.get().title == "Baru"


def _activity(org, by, title="Kelas Peduli", **fields):
    return Activity.objects.create(
        organization=org, kind="bimbingan_klasikal", title=title, audience="open", created_by=by, **fields
    )


def test_activities_are_linked_and_unlinked(client_as, org, other_org, users):
    campaign = _campaign(org, users["coordinator"])
    activity = _activity(org, users["coordinator"])
    client = client_as("counselor")
    url = reverse("campaign_activities", kwargs={"org": org.slug, "campaign": campaign.pk})
    assert client.post(url, {"activity": activity.pk}).status_code == 302
    assert Activity.objects.get(pk=activity.pk).campaign == campaign
    page = client.get(reverse("campaign_detail", kwargs={"org": org.slug, "campaign": campaign.pk}))
    assert "Kelas Peduli" in page.content.decode()
    client.post(url, {"unlink": activity.pk})
    assert Activity.objects.get(pk=activity.pk).campaign is None
    # Another organization's activity cannot be linked, by the page or the service.
    theirs = _activity(other_org, users["outsider"])
    client.post(url, {"activity": theirs.pk})
    assert Activity.objects.get(pk=theirs.pk).campaign is None
    with pytest.raises(services.CampaignError):
        services.campaign_link(campaign=campaign, activity=theirs, by=users["counselor"])


# --- The surveys ------------------------------------------------------------------------------------


def test_the_surveys_are_rounds_of_the_scale_for_the_audience(org, users):
    in_grade = _students(org, 3)
    _students(org, 2, grade="11", class_name="XI-1", prefix="E")
    campaign = _campaign(org, users["coordinator"])
    today = timezone.localdate()
    pre = services.campaign_survey_schedule(
        campaign=campaign, which="pre", opens_on=today, closes_on=today, by=users["coordinator"]
    )
    assert pre.instrument_code == "knowledge_stigma"
    assert (pre.population, pre.population_value) == ("grade", "10")
    assert {i.person_id for i in pre.invitations.all()} == {p.pk for p in in_grade}
    campaign.refresh_from_db()
    assert campaign.pre_round == pre
    with pytest.raises(services.CampaignError) as error:
        services.campaign_survey_schedule(
            campaign=campaign, which="pre", opens_on=today, closes_on=today, by=users["coordinator"]
        )
    assert error.value.code == "already_scheduled"
    with pytest.raises(services.CampaignError) as error:
        services.campaign_survey_schedule(
            campaign=campaign,
            which="post",
            opens_on=today - datetime.timedelta(days=1),
            closes_on=today,
            by=users["coordinator"],
        )
    assert error.value.code == "post_before_pre"


def test_the_survey_page_tells_bad_dates(client_as, org, users):
    campaign = _campaign(org, users["coordinator"])
    client = in_english(client_as("coordinator"))
    url = reverse("campaign_survey", kwargs={"org": org.slug, "campaign": campaign.pk, "which": "post"})
    response = client.post(url, {"post-opens_on": "2026-09-10", "post-closes_on": "2026-09-01"}, follow=True)
    assert "The survey cannot close before it opens." in response.content.decode()
    assert Campaign.objects.get().post_round is None


# --- Reach -----------------------------------------------------------------------------------------------


def test_reach_counts_people_once_and_hides_small_classes(org, users):
    campaign = _campaign(org, users["coordinator"])
    activity = _activity(org, users["coordinator"], campaign=campaign)
    other = _activity(org, users["coordinator"], title="Bukan kampanye")
    now = timezone.now()
    meetings = [
        Meeting.objects.create(activity=activity, starts_at=now, ends_at=now + datetime.timedelta(hours=1))
        for _ in range(2)
    ]
    unlinked = Meeting.objects.create(activity=other, starts_at=now, ends_at=now)
    a = _students(org, 6, class_name="X-1", prefix="A")
    b = _students(org, 7, class_name="X-2", prefix="B")
    c = _students(org, 2, class_name="X-3", prefix="C")
    for person in a + b + c:
        for meeting in meetings:
            Attendance.objects.create(meeting=meeting, person=person)
        Attendance.objects.create(meeting=unlinked, person=person)
    absent = _students(org, 1, class_name="X-2", prefix="D")[0]
    Attendance.objects.create(meeting=meetings[0], person=absent, present=False)

    reach = reading.reach(campaign)
    assert reach.attendances == 30 and reach.people == 15
    by_class = {bar.label: bar.value for bar in reach.by_class}
    # X-3 (2 people) is hidden, and X-1 with it: 15 − 7 − 6 would give X-3 away.
    assert by_class == {"X-1": None, "X-2": 7, "X-3": None}
    assert reach.anything_hidden
    assert {bar.label: bar.value for bar in reach.by_grade} == {"10": 15}

    # Grade 11 comes, one class of 3: the school's 18 minus grade 10's 15 would give it away, so
    # grade 10 is hidden too. can stay: grade 10 is then 13 + the hidden X-3.
    for person in _students(org, 3, grade="11", class_name="XI-1", prefix="E"):
        Attendance.objects.create(meeting=meetings[0], person=person)
    reach = reading.reach(campaign)
    assert reach.people == 18
    assert {bar.label: bar.value for bar in reach.by_grade} == {"10": None, "11": None}
    by_class = {bar.label: bar.value for bar in reach.by_class}
    assert by_class == {"X-1": 6, "X-2": 7, "X-3": None, "XI-1": None}


def test_a_campaign_that_reached_fewer_than_five_shows_no_numbers(client_as, org, users):
    campaign = _campaign(org, users["coordinator"])
    activity = _activity(org, users["coordinator"], campaign=campaign)
    now = timezone.now()
    meeting = Meeting.objects.create(
        activity=activity, starts_at=now, ends_at=now + datetime.timedelta(hours=1)
    )
    for person in _students(org, 3):
        Attendance.objects.create(meeting=meeting, person=person)
    reach = reading.reach(campaign)
    assert reach.people is None and reach.attendances is None and reach.anything_hidden
    page = client_as("coordinator").get(
        reverse("campaign_detail", kwargs={"org": org.slug, "campaign": campaign.pk})
    )
    assert page.status_code == 200 and 'id="reach-few"' in page.content.decode()


# --- Change ---------------------------------------------------------------------------------------------


def _change_page(client_as, org, campaign):
    client = in_english(client_as("counselor"))
    return client.get(
        reverse("campaign_detail", kwargs={"org": org.slug, "campaign": campaign.pk})
    ).content.decode()


def test_no_change_is_shown_under_ten_pairs(client_as, org, users):
    campaign = _surveyed(org, users, 9, only_before=3)
    change = reading.change(campaign)
    assert change.state == "too_few" and not change.shown and change.scores == []
    page = _change_page(client_as, org, campaign)
    assert 'id="change-too-few"' in page and "fewer than 10 people answered both" in page
    assert 'id="change-table"' not in page


def test_ten_pairs_show_the_change_with_a_caution(client_as, org, users):
    campaign = _surveyed(org, users, 10, only_before=2)
    change = reading.change(campaign)
    assert change.state == "small" and change.pairs == 10 and change.answered_before == 12
    total, knowledge, attitudes = change.scores
    assert (total.before, total.after, total.change) == (30, 40, 10)
    assert (knowledge.before, knowledge.after, attitudes.change) == (15, 20, 5)
    page = _change_page(client_as, org, campaign)
    assert 'id="change-table"' in page and 'id="change-caution"' in page
    assert "+10.0" in page and "Knowledge" in page


def test_thirty_pairs_show_the_change_without_the_caution(client_as, org, users):
    campaign = _surveyed(org, users, 30)
    assert reading.change(campaign).state == "shown"
    page = _change_page(client_as, org, campaign)
    assert 'id="change-table"' in page and 'id="change-caution"' not in page


def test_the_campaign_pages_are_staff_only(client_as, org, users):
    campaign = _campaign(org, users["coordinator"])
    url = reverse("campaign_detail", kwargs={"org": org.slug, "campaign": campaign.pk})
    assert client_as("member").get(url).status_code == 403
    assert client_as("coordinator").get(reverse("campaign_list", kwargs={"org": org.slug})).status_code == 200
