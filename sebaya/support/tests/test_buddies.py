"""Batch buddy matching: optimal (checked against exhaustive search), fair, within capacities."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sebaya.support.buddies import UNASSIGNED, Buddy, Student, pair_cost, plan_cost, solve


def brute_force(students, buddies):
    """The cheapest cost over every way of giving each student a buddy or nobody."""
    best = None
    choices = [None, *buddies]
    for assignment in itertools.product(choices, repeat=len(students)):
        loads = {b.id: b.load for b in buddies}
        pairs, unassigned, allowed = [], [], True
        for student, buddy in zip(students, assignment, strict=True):
            if buddy is None:
                unassigned.append(student.id)
                continue
            if pair_cost(student, buddy) is None or loads[buddy.id] >= buddy.capacity:
                allowed = False
                break
            loads[buddy.id] += 1
            pairs.append((student.id, buddy.id, 0))
        if allowed:
            cost = plan_cost(students, buddies, pairs, unassigned)
            best = cost if best is None else min(best, cost)
    return best


languages = st.frozensets(st.sampled_from(["su", "jv"]), max_size=1)


@st.composite
def cases(draw):
    buddies = [
        Buddy(
            id=f"b{n}",
            gender=draw(st.sampled_from("FM")),
            grade=draw(st.sampled_from([11, 12])),
            capacity=draw(st.integers(0, 2)),
            languages=draw(languages),
            load=0,
        )
        for n in range(draw(st.integers(1, 3)))
    ]
    buddies = [
        Buddy(**(b.__dict__ | {"load": draw(st.integers(0, b.capacity))})) if b.capacity else b
        for b in buddies
    ]
    students = [
        Student(
            id=f"s{n}",
            gender=draw(st.sampled_from("FM")),
            grade=10,
            languages=draw(languages),
            conflicts=frozenset(draw(st.sets(st.sampled_from([b.id for b in buddies]), max_size=1))),
        )
        for n in range(draw(st.integers(0, 5)))
    ]
    return students, buddies


@settings(max_examples=300, deadline=None)
@given(cases())
def test_the_solver_finds_the_cheapest_batch_as_exhaustive_search_does(case):
    students, buddies = case
    plan = solve(students, buddies)
    assert plan.total_cost == brute_force(students, buddies)
    # And the plan it gives is a real one: allowed pairs, within capacity, everyone once.
    by_buddy = {b.id: b for b in buddies}
    by_student = {s.id: s for s in students}
    for buddy_id, load in plan.loads().items():
        assert by_buddy[buddy_id].load + load <= by_buddy[buddy_id].capacity
    for student_id, buddy_id, cost in plan.pairs:
        assert cost == pair_cost(by_student[student_id], by_buddy[buddy_id]) is not None
    assert sorted([p[0] for p in plan.pairs] + plan.unassigned) == sorted(s.id for s in students)


def test_load_is_spread_fairly_and_nobody_is_left_out_needlessly():
    buddies = [Buddy(id=f"b{n}", gender="F", grade=11, capacity=5) for n in range(4)]
    students = [Student(id=f"s{n}", gender="F", grade=10) for n in range(10)]
    plan = solve(students, buddies)
    assert sorted(plan.loads().values()) == [2, 2, 3, 3] and not plan.unassigned
    assert plan.total_cost == 2 * 1 + 2 * 3  # loads 2, 2, 3, 3 cost 1 + 1 + 3 + 3


def test_a_declared_conflict_is_never_paired_and_capacity_limits_are_kept():
    buddies = [
        Buddy(id="a", gender="F", grade=11, capacity=1),
        Buddy(id="b", gender="M", grade=11, capacity=1),
    ]
    students = [
        Student(id="s1", gender="F", grade=10, conflicts=frozenset({"a"})),
        Student(id="s2", gender="M", grade=10),
        Student(id="s3", gender="F", grade=10),
    ]
    plan = solve(students, buddies)
    assert ("s1", "a") not in [(s, b) for s, b, _c in plan.pairs]
    assert len(plan.pairs) == 2 and len(plan.unassigned) == 1
    assert plan.total_cost == brute_force(students, buddies) and plan.total_cost >= UNASSIGNED


# --- In the app and on the command line -------------------------------------------------------------------

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from conftest import make_person  # noqa: E402
from sebaya.people.models import Role  # noqa: E402
from sebaya.support import services  # noqa: E402
from sebaya.support.models import BuddyBatch, BuddyPair, SupporterConflict  # noqa: E402


@pytest.fixture
def intake(org, users):
    new = [make_person(org, f"N-{n}", grade="10", class_name="X-1", gender="female")[0] for n in range(5)]
    buddies = []
    for n in range(2):
        membership, _u = make_person(org, f"B-{n}", roles=[Role.PEER_SUPPORTER], grade="11", gender="female")
        buddies.append(
            services.supporter_profile_save(
                membership=membership, by=users["coordinator"], certified=True, buddy_capacity=2
            )
        )
    SupporterConflict.objects.create(
        supporter=buddies[0], person=new[0].person, created_by=users["coordinator"]
    )
    return new, buddies


def test_the_command_prints_pairs_and_cost_and_writes_only_without_dry_run(org, intake, capsys):
    call_command("match", "buddies", "--org", org.slug, "--grade", "10", "--dry-run")
    out = capsys.readouterr().out
    assert "4 pairs, 1 without a buddy" in out and not BuddyBatch.objects.exists()
    assert "cost" not in out and "close fit" in out and "no buddy of the same gender with a free place" in out
    call_command("match", "buddies", "--org", org.slug, "--grade", "10")
    batch = BuddyBatch.objects.get()
    assert batch.status == "confirmed" and batch.pairs.count() == 4
    new, buddies = intake
    assert not BuddyPair.objects.filter(student=new[0].person, buddy=buddies[0]).exists()
    # Students with a confirmed buddy are not paired again.
    call_command("match", "buddies", "--org", org.slug, "--grade", "10", "--dry-run")
    assert "0 pairs, 1 without a buddy" in capsys.readouterr().out


def test_a_coordinator_previews_edits_and_confirms(client_as, org, users, intake):
    new, buddies = intake
    membership, _u = make_person(org, "B-9", roles=[Role.PEER_SUPPORTER], grade="11", gender="female")
    spare = services.supporter_profile_save(
        membership=membership, by=users["coordinator"], certified=True, buddy_capacity=2
    )
    client = client_as("coordinator")
    response = client.post(reverse("buddy_home", kwargs={"org": org.slug}), {"grade": "10"})
    batch = BuddyBatch.objects.get()
    url = reverse("buddy_batch", kwargs={"org": org.slug, "batch": batch.pk})
    assert response["Location"] == url and batch.pairs.count() == 5 and not batch.unassigned
    edit = reverse("buddy_pair_edit", kwargs={"org": org.slug, "batch": batch.pk})
    confirm = reverse("buddy_batch_confirm", kwargs={"org": org.slug, "batch": batch.pk})
    conflicted = batch.pairs.get(student=new[0].person)
    assert conflicted.buddy != buddies[0]
    # The conflicted pair is refused, and so is a buddy who is full; nothing changes.
    client.post(edit, {"pair": conflicted.pk, "buddy": str(buddies[0].pk)})
    conflicted.refresh_from_db()
    assert conflicted.buddy != buddies[0]
    loads = {b: batch.pairs.filter(buddy=b).count() for b in [*buddies, spare]}
    full = next(b for b, n in loads.items() if n == 2)
    roomy = next(b for b, n in loads.items() if n < 2)
    moving = batch.pairs.filter(buddy=full).exclude(student=new[0].person).first()
    client.post(edit, {"pair": moving.pk, "buddy": str(roomy.pk)})
    moving.refresh_from_db()
    assert moving.buddy == roomy and moving.edited_by == users["coordinator"]
    back = batch.pairs.filter(buddy=roomy).exclude(pk=moving.pk).first()
    if back is not None and batch.pairs.filter(buddy=roomy).count() == 2:
        client.post(edit, {"pair": back.pk, "buddy": str(roomy.pk)})  # already there: fine
    client.post(confirm)
    batch.refresh_from_db()
    assert batch.status == "confirmed"
    client.post(edit, {"pair": moving.pk, "buddy": str(full.pk)})  # confirmed: no more edits
    moving.refresh_from_db()
    assert moving.buddy == roomy


def test_the_batch_page_no_longer_takes_an_action_field(client_as, org, intake):
    """Confirming, discarding and editing have their own addresses: the page itself only shows."""
    new, buddies = intake
    batch = services.buddy_batch_propose(organization=org, intake_grade="10")
    pairs = list(batch.pairs.values_list("pk", "buddy_id"))
    client = client_as("coordinator")
    url = reverse("buddy_batch", kwargs={"org": org.slug, "batch": batch.pk})
    for data in (
        {"action": "confirm"},
        {"action": "discard"},
        {"action": "edit", "pair": pairs[0][0], "buddy": str(buddies[-1].pk)},
    ):
        assert client.post(url, data).status_code == 405
    batch.refresh_from_db()
    assert batch.status == "draft" and list(batch.pairs.values_list("pk", "buddy_id")) == pairs


# --- Fit and reasons, in words ------------------------------------------------------------------


def test_fit_words_and_what_keeps_a_pair_from_the_closest_fit():
    from sebaya.support.buddies import FIT_CLOSE, FIT_FAIR, FIT_GOOD, fit_reasons, pair_fit

    student = Student(id="s", gender="female", grade=10, languages=frozenset({"jv"}))
    same = Buddy(id="a", gender="female", grade=11, capacity=1, languages=frozenset({"jv"}))
    other = Buddy(id="b", gender="male", grade=12, capacity=1)
    assert pair_fit(pair_cost(student, same)) == FIT_CLOSE and fit_reasons(student, same) == []
    assert pair_fit(1) == FIT_GOOD and pair_fit(pair_cost(student, other)) == FIT_FAIR
    assert fit_reasons(student, other) == ["gender", "language", "grade_gap"]


def test_each_student_left_out_has_a_reason_the_coordinator_can_act_on():
    from sebaya.support.buddies import (
        ALL_FULL,
        CONFLICT,
        FREE_NOW,
        NO_BUDDIES,
        SAME_GENDER_FULL,
        why_unassigned,
    )

    girl = Student(id="s", gender="female", grade=10)
    unstated = Student(id="u", gender="unstated", grade=10)
    full = Buddy(id="a", gender="female", grade=11, capacity=1, load=1)
    roomy = Buddy(id="b", gender="male", grade=11, capacity=2)
    assert why_unassigned(girl, [], {}) == NO_BUDDIES
    assert why_unassigned(girl, [full], {}) == SAME_GENDER_FULL
    assert why_unassigned(unstated, [full], {}) == ALL_FULL
    conflicted = Student(id="c", gender="female", grade=10, conflicts=frozenset({"b"}))
    assert why_unassigned(conflicted, [full, roomy], {}) == CONFLICT
    assert why_unassigned(girl, [full, roomy], {"b": 1}) == FREE_NOW
    assert why_unassigned(girl, [full, roomy], {"b": 2}) == SAME_GENDER_FULL


def test_the_batch_page_speaks_of_fit_and_says_why_a_student_has_no_buddy(client_as, org, intake):
    batch = services.buddy_batch_propose(organization=org, intake_grade="10")
    client = client_as("coordinator")
    url = reverse("buddy_batch", kwargs={"org": org.slug, "batch": batch.pk})
    page = client.get(url).content.decode()
    assert "biaya" not in page.lower() and "Kecocokan" in page and "Sangat cocok" in page
    assert 'id="buddy-unassigned"' in page
    assert "Tidak ada teman pendamping perempuan dengan tempat kosong." in page
    client.cookies["sebaya_language"] = "en"
    page = client.get(url).content.decode()
    assert "cost" not in page.lower() and "Very close fit" in page
    assert "No female buddy has a free place." in page
