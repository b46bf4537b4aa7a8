"""Changing an activity after it is made: the page for staff, a stale version kept as a conflict,
places never below the people registered and places added going to the first people waiting,
the kind kept once meetings exist, cancelling, and every change audited."""

import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from conftest import in_english, make_person
from sebaya.audit.models import AuditEvent
from sebaya.guidance.models import Activity, Campaign, Registration
from sebaya.guidance.services import activities as services
from sebaya.guidance.services import registration as registering
from sebaya.guidance.services.activities import ActivityError
from sebaya.guidance.tests.test_activities import certified_peer, make_activity, make_meeting, people
from sebaya.kernel.versioning import EditConflict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client_as(client_as):
    return lambda kind: in_english(client_as(kind))


def posted(activity, **changes) -> dict:
    """What the edit page's form sends unchanged, with `changes`."""
    activity.refresh_from_db()
    data = {
        "kind": activity.kind,
        "title": activity.title,
        "description": activity.description,
        "domain": activity.domain,
        "plan": activity.plan_id or "",
        "campaign": activity.campaign_id or "",
        "audience": activity.audience,
        "audience_value": activity.audience_value,
        "capacity": activity.capacity or "",
        "facilitators": [u.pk for u in activity.facilitators.all()],
        "supervisor": activity.supervisor_id or "",
        "agreement": activity.agreement,
        "status": activity.status,
        "version": activity.version,
    }
    if activity.names_hidden:
        data["names_hidden"] = "on"
    return data | changes


def update(activity, by, **changes):
    """`activity_update` with the activity's current values and `changes`."""
    activity.refresh_from_db()
    values = {name: getattr(activity, name) for name in services.EDITABLE_FIELDS}
    values["facilitators"] = list(activity.facilitators.all())
    values["version"] = activity.version
    return services.activity_update(activity=activity, by=by, **(values | changes))


def edit_url(org, activity):
    return reverse("activity_edit", kwargs={"org": org.slug, "activity": activity.pk})


def test_staff_change_an_activity_on_its_page_and_the_change_is_audited(client_as, org, users):
    activity = make_activity(org, users, capacity=10)
    campaign = Campaign.objects.create(
        organization=org,
        title="Sekolah ramah",
        goal="x",
        starts_on="2026-08-01",
        ends_on="2026-09-01",
        created_by=users["coordinator"],
    )
    peer = certified_peer(org, users)
    client = client_as("coordinator")
    detail = client.get(reverse("activity_detail", kwargs={"org": org.slug, "activity": activity.pk}))
    assert edit_url(org, activity) in detail.content.decode()
    page = client.get(edit_url(org, activity))
    assert page.status_code == 200 and 'value="Mengelola stres"' in page.content.decode()
    answer = client.post(
        edit_url(org, activity),
        posted(
            activity,
            title="Mengelola stres ujian",
            description="Untuk kelas XII",
            capacity="12",
            campaign=campaign.pk,
            kind="discussion_group",
            supervisor=users["counselor"].pk,
            facilitators=[users["counselor"].pk, peer.pk],
        ),
    )
    assert answer.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.description, activity.capacity) == (
        "Mengelola stres ujian",
        "Untuk kelas XII",
        12,
    )
    assert activity.campaign == campaign and activity.version == 2
    assert set(activity.facilitators.all()) == {users["counselor"], peer}
    assert activity.kind == "discussion_group" and activity.supervisor == users["counselor"]
    event = AuditEvent.objects.filter(target_id=str(activity.pk), detail__has_key="changed").get()
    assert event.detail["changed"] == [
        "campaign",
        "capacity",
        "description",
        "kind",
        "supervisor",
        "title",
        "facilitators",
    ]
    # A participant sees the activity but no way to change it.
    registering.register(activity=activity, person=users["member"].person, agreed=True)
    member = client_as("member")
    shown = member.get(reverse("activity_detail", kwargs={"org": org.slug, "activity": activity.pk}))
    assert shown.status_code == 200 and edit_url(org, activity) not in shown.content.decode()
    assert member.get(edit_url(org, activity)).status_code == 403


def test_a_stale_version_keeps_the_users_text_and_shows_what_was_saved(client_as, org, users):
    activity = make_activity(org, users)
    stale = posted(activity, title="Judul saya")
    update(activity, users["counselor"], title="Judul rekan")
    client = client_as("coordinator")
    answer = client.post(edit_url(org, activity), stale)
    page = answer.content.decode()
    assert answer.status_code == 409
    assert "Someone else saved this record" in page and 'value="Judul saya"' in page
    assert "Judul rekan" in page  # the version saved meanwhile, beside the form
    activity.refresh_from_db()
    assert activity.title == "Judul rekan" and activity.version == 2
    # Saving again keeps the user's text.
    assert client.post(edit_url(org, activity), stale | {"version": 2}).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Judul saya"
    with pytest.raises(EditConflict):
        services.activity_update(
            activity=activity,
            by=users["coordinator"],
            version=1,
            kind=activity.kind,
            title="x",
            audience="open",
            facilitators=[users["counselor"]],
        )


def test_places_cannot_go_below_the_people_registered(client_as, org, users):
    activity = make_activity(org, users, capacity=3)
    for person in people(org, 3):
        registering.register(activity=activity, person=person, agreed=True)
    answer = client_as("coordinator").post(
        edit_url(org, activity), posted(activity, capacity="2", title="Baru")
    )
    assert answer.status_code == 400
    assert "3 people are registered, so there must be at least 3 places." in answer.content.decode()
    activity.refresh_from_db()
    assert (activity.capacity, activity.title, activity.version) == (3, "Mengelola stres", 1)
    assert update(activity, users["coordinator"], capacity=3)[0].capacity == 3


def test_places_added_go_to_the_first_people_waiting_in_order(client_as, org, users):
    activity = make_activity(org, users, capacity=1)
    first, *waiting = people(org, 5)
    registering.register(activity=activity, person=first, agreed=True)
    for person in waiting:
        assert registering.register(activity=activity, person=person, agreed=True).status == "waiting"
    answer = client_as("coordinator").post(
        edit_url(org, activity), posted(activity, capacity="3"), follow=True
    )
    assert "2 people moved up from the waiting list." in answer.content.decode()
    status = dict(Registration.objects.values_list("person", "status"))
    assert [status[p.pk] for p in waiting] == ["registered", "registered", "waiting", "waiting"]
    moved = AuditEvent.objects.filter(detail__moved_up=True).values_list("target_id", flat=True)
    assert set(moved) == {str(r.pk) for r in Registration.objects.filter(person__in=waiting[:2])}
    # No limit any more: everyone waiting has a place.
    _activity, moved_up = update(activity, users["coordinator"], capacity=None)
    assert [r.person for r in moved_up] == waiting[2:]
    assert not Registration.objects.filter(status="waiting").exists()


def test_cancelling_is_a_status_and_moves_no_one_up(org, users):
    activity = make_activity(org, users, capacity=1)
    a, b, c = people(org, 3)
    registering.register(activity=activity, person=a, agreed=True)
    registering.register(activity=activity, person=b, agreed=True)
    activity, moved_up = update(activity, users["coordinator"], status="cancelled", capacity=2)
    assert activity.status == Activity.Status.CANCELLED and moved_up == []
    assert Registration.objects.get(person=b).status == "waiting"
    with pytest.raises(ActivityError, match="not taking registrations"):
        registering.register(activity=activity, person=c, agreed=True)


def test_the_kind_stays_once_the_activity_has_meetings(org, users):
    activity = make_activity(org, users, kind="konseling_kelompok")
    # Before any meeting the kind may still change.
    activity, _moved = update(activity, users["coordinator"], kind="bimbingan_kelompok")
    activity, _moved = update(activity, users["coordinator"], kind="konseling_kelompok")
    make_meeting(activity, users)
    # Group counseling keeps its notes encrypted: it never becomes a kind with plain notes.
    with pytest.raises(ActivityError, match="kind cannot change once the activity has meetings"):
        update(activity, users["coordinator"], kind="bimbingan_kelompok", title="Lain")
    activity.refresh_from_db()
    assert activity.kind == "konseling_kelompok" and activity.title == "Mengelola stres"
    assert activity.notes_confidential
    # Other changes still go through.
    assert update(activity, users["coordinator"], title="Lain")[0].title == "Lain"


def test_the_edit_keeps_the_creation_rules(org, users, other_org):
    activity = make_activity(org, users)
    with pytest.raises(ActivityError, match="at least one facilitator"):
        update(activity, users["coordinator"], facilitators=[])
    with pytest.raises(ActivityError, match="supervising counselor"):
        update(activity, users["coordinator"], kind="discussion_group", supervisor=None)
    with pytest.raises(ActivityError, match="which class or grade"):
        update(activity, users["coordinator"], audience="class", audience_value=" ")
    foreign = Campaign.objects.create(
        organization=other_org,
        title="Lain",
        goal="x",
        starts_on="2026-08-01",
        ends_on="2026-09-01",
        created_by=users["coordinator"],
    )
    with pytest.raises(ActivityError, match="campaign of this school"):
        update(activity, users["coordinator"], campaign=foreign)
    activity.refresh_from_db()
    assert activity.version == 1
    assert not AuditEvent.objects.filter(target_id=str(activity.pk), detail__has_key="changed").exists()


def test_places_added_while_people_register_are_counted_once(transactional_db, org, users):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serializes writers anyway")
    from django.db import connections

    activity = make_activity(org, users, capacity=1)
    first, *waiting = people(org, 4)
    registering.register(activity=activity, person=first, agreed=True)
    for person in waiting:
        registering.register(activity=activity, person=person, agreed=True)
    newcomers = [make_person(org, f"N-{i}", full_name=f"Baru {i}")[0].person for i in range(4)]
    barrier, errors = threading.Barrier(1 + len(newcomers)), []

    def run(work):
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    works = [lambda: update(activity, users["coordinator"], capacity=3)] + [
        (lambda p=p: registering.register(activity=activity, person=p, agreed=True)) for p in newcomers
    ]
    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Registration.objects.filter(status="registered").count() == 3
    # The places added went to the first people waiting, ahead of anyone who came later.
    status = dict(Registration.objects.values_list("person", "status"))
    assert [status[p.pk] for p in waiting] == ["registered", "registered", "waiting"]


def test_group_settings_are_kept_only_for_the_kinds_that_use_them(client_as, org, users):
    client = client_as("coordinator")
    page = client.get(reverse("activity_new", kwargs={"org": org.slug})).content.decode()
    # Nothing is filled in for a class: the script shows the settings and the standard
    # agreement only when a group kind is chosen.
    textarea = re.search(r'<textarea name="agreement"[^>]*>(.*?)</textarea>', page, re.S)
    assert 'data-group-kinds="' in page and textarea.group(1).strip() == ""
    form = {
        "kind": "bimbingan_klasikal",
        "title": "Mengenal beasiswa",
        "audience": "class",
        "audience_value": "X-1",
        "facilitators": [users["counselor"].pk],
        "agreement": "We keep what is shared here.",
        "names_hidden": "on",
    }
    assert client.post(reverse("activity_new", kwargs={"org": org.slug}), form).status_code == 302
    classroom = Activity.objects.get(title="Mengenal beasiswa")
    assert classroom.agreement == "" and not classroom.names_hidden
    # A class member registers without any agreement to accept.
    (student,) = people(org, 1, class_name="X-1")
    assert registering.register(activity=classroom, person=student).status == "registered"
    # A new group left without an agreement gets the standard one; group guidance never hides names.
    group = make_activity(org, users, agreement="", names_hidden=True)
    assert group.agreement.startswith("What is shared") and not group.names_hidden
    # Changing a group into a workshop drops its group settings.
    update(group, users["coordinator"], kind="workshop", names_hidden=True)
    group.refresh_from_db()
    assert group.agreement == "" and not group.names_hidden
