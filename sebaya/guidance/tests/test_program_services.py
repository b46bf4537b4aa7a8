"""The BK program's writes: creating a program (defaults, school year, one per year and grade),
items (months, choices, the person responsible), approval, items from the needs found, the
program semester and its calendar read, RPLs with optimistic locking, and progress."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from conftest import make_person
from sebaya.audit.models import AuditEvent
from sebaya.guidance.models import Activity, AnnualProgram, ProgramItem, ServicePlan
from sebaya.guidance.services import program as services
from sebaya.guidance.services import program_needs
from sebaya.guidance.services import program_plans as plans
from sebaya.kernel.versioning import EditConflict
from sebaya.people.models import Role


@pytest.fixture(autouse=True)
def _english():
    # The messages are checked in English (the default language is Indonesian).
    with translation.override("en"):
        yield


@pytest.fixture
def program(org, users):
    return services.program_create(
        organization=org, by=users["coordinator"], school_year="2026/2027", grade="X"
    )


def test_a_new_program_has_the_default_rows_in_every_component(org, users, program):
    assert program.status == AnnualProgram.Status.DRAFT
    assert program.title == "BK program 2026/2027, grade X"
    components = set(program.items.values_list("component", flat=True))
    assert components == {"layanan_dasar", "peminatan", "responsif", "dukungan_sistem"}
    assert set(program.items.values_list("domain", flat=True)) == {"pribadi", "sosial", "belajar", "karier"}
    assert AuditEvent.objects.filter(target_id=str(program.pk), detail__bk_program="created").exists()


def test_the_school_year_defaults_to_the_current_one_and_is_checked(org, users, settings):
    made = services.program_create(organization=org, by=users["coordinator"], with_defaults=False)
    assert services.validate_school_year(made.school_year) is None
    assert not made.items.exists()
    with pytest.raises(ValidationError, match="two consecutive years"):
        services.program_create(organization=org, by=users["coordinator"], school_year="2026/2028")
    with pytest.raises(ValidationError, match="two consecutive years"):
        services.program_create(organization=org, by=users["coordinator"], school_year="26/27")


def test_one_program_per_year_and_grade_with_a_clear_error(org, other_org, users, program):
    with pytest.raises(ValidationError, match="already a program for grade X in 2026/2027"):
        services.program_create(organization=org, by=users["counselor"], school_year="2026/2027", grade="X")
    # The whole school is another program; another organization has its own.
    services.program_create(organization=org, by=users["counselor"], school_year="2026/2027")
    with pytest.raises(ValidationError, match="whole school in 2026/2027"):
        services.program_create(organization=org, by=users["counselor"], school_year="2026/2027")
    services.program_create(organization=other_org, by=users["outsider"], school_year="2026/2027", grade="X")
    assert AnnualProgram.objects.filter(organization=org).count() == 2


def item_fields(**more):
    return {
        "component": "layanan_dasar",
        "domain": "belajar",
        "topic": "Mengelola waktu belajar",
        "service_type": "bimbingan_klasikal",
        "months": [8, 7],
        **more,
    }


def test_items_keep_months_in_school_year_order_and_refuse_bad_input(org, users, program):
    item = services.item_save(program=program, by=users["counselor"], **item_fields(months=["1", 12, 7]))
    assert item.months == [7, 12, 1]
    for bad in ([0], [13], ["x"], [None]):
        with pytest.raises(ValidationError, match="from 1 to 12"):
            services.item_save(program=program, by=users["counselor"], **item_fields(months=bad))
    with pytest.raises(ValidationError, match="Choose a bidang"):
        services.item_save(program=program, by=users["counselor"], **item_fields(domain="x"))
    with pytest.raises(ValidationError, match="Write the topic"):
        services.item_save(program=program, by=users["counselor"], **item_fields(topic="  "))
    # Only a counselor of this organization may be responsible.
    with pytest.raises(ValidationError, match="counselor of this organization"):
        services.item_save(program=program, by=users["counselor"], **item_fields(responsible=users["member"]))
    saved = services.item_save(
        program=program, by=users["counselor"], item=item, **item_fields(responsible=users["counselor"])
    )
    assert saved.responsible == users["counselor"] and saved.months == [7, 8]


def test_approval_records_the_time_and_a_change_returns_to_draft(org, users, program):
    approved = services.program_approve(program=program, by=users["coordinator"])
    assert approved.status == "approved" and approved.approved_at is not None
    with pytest.raises(services.NotAllowedNow):
        services.program_approve(program=approved, by=users["coordinator"])
    services.item_save(program=approved, by=users["counselor"], **item_fields())
    approved.refresh_from_db()
    assert approved.status == "draft" and approved.approved_at is None
    empty = services.program_create(
        organization=org, by=users["coordinator"], grade="XI", with_defaults=False
    )
    with pytest.raises(services.NotAllowedNow) as refusal:
        services.program_approve(program=empty, by=users["coordinator"])
    assert refusal.value.code == "empty"


def test_program_texts_are_saved_with_optimistic_locking(org, users, program):
    services.program_update(
        program=program, by=users["counselor"], version=program.version, rationale="Karena…"
    )
    stale = program.version - 1
    with pytest.raises(EditConflict) as clash:
        services.program_update(program=program, by=users["coordinator"], version=stale, rationale="Lain")
    assert clash.value.current.rationale == "Karena…"


def test_items_from_the_top_needs(org, users, program, db):
    from sebaya.screening.models import ScreeningRound

    asked = {}

    def fake_top_needs(*, organization, rounds, grade=None, class_name=None, limit=10):
        asked.update(organization=organization, rounds=rounds, grade=grade, limit=limit)
        found = [
            ("Saya sulit berkonsentrasi saat belajar", "belajar", 64),
            ("Saya cemas menghadapi ujian", "pribadi", 48),
            ("Tanpa bidang", "x", 10),
        ]
        return [{"text": t, "domain": d, "share": s, "count": s // 2, "answered": 50} for t, d, s in found]

    with pytest.raises(services.NotAllowedNow) as refusal:
        program_needs.items_from_needs(program=program, by=users["counselor"], top_needs=fake_top_needs)
    assert refusal.value.code == "no_rounds"
    rounds = [ScreeningRound(organization=org, pk=None)]
    added = program_needs.items_from_needs(
        program=program, by=users["counselor"], rounds=rounds, top_needs=fake_top_needs
    )
    assert added == 2 and asked["grade"] == "X" and asked["organization"] == org
    item = program.items.get(need="Saya cemas menghadapi ujian")
    assert (item.component, item.domain, item.need_share, item.service_type) == (
        "layanan_dasar",
        "pribadi",
        48,
        "bimbingan_klasikal",
    )
    # Asked again, the needs already answered are not added twice.
    assert (
        program_needs.items_from_needs(
            program=program, by=users["counselor"], rounds=rounds, top_needs=fake_top_needs
        )
        == 0
    )


def test_placements_sit_on_mondays_inside_the_semester_and_feed_the_calendar(org, users, program):
    item = program.items.first()
    placed = services.placement_add(
        item=item, by=users["counselor"], semester=1, week_of=datetime.date(2026, 8, 13), class_name="X-1"
    )
    assert placed.week_of == datetime.date(2026, 8, 10)  # the Monday of that week
    with pytest.raises(ValidationError, match="not in semester 2 of 2026/2027"):
        services.placement_add(
            item=item, by=users["counselor"], semester=2, week_of=datetime.date(2026, 8, 10)
        )
    with pytest.raises(ValidationError, match="not in semester 1"):
        services.placement_add(
            item=item, by=users["counselor"], semester=1, week_of=datetime.date(2027, 2, 1)
        )
    services.placement_add(item=item, by=users["counselor"], semester=2, week_of=datetime.date(2027, 2, 3))
    weeks = services.placements_between(
        organization=org, start=datetime.date(2026, 8, 15), end=datetime.date(2026, 8, 31)
    )
    assert [(w.week_of, w.week_end, w.class_name, w.topic) for w in weeks] == [
        (datetime.date(2026, 8, 10), datetime.date(2026, 8, 16), "X-1", item.topic)
    ]
    assert weeks[0].program_id == program.pk and weeks[0].grade == "X" and not weeks[0].approved


def test_rpl_from_an_item_and_optimistic_editing(org, users, program):
    item = program.items.get(topic="Managing stress and emotions")
    initial = plans.initial_from_item(item)
    assert initial["component"] == "layanan_dasar" and initial["audience"] == "Grade X"
    fields = {
        **initial,
        "semester": 1,
        "minutes": 45,
        "goals": "Siswa mengenali tanda stres",
        "steps": plans.steps_join("Salam", "Diskusi", "Refleksi"),
    }
    plan = plans.plan_save(organization=org, by=users["counselor"], item=item, **fields)
    assert plan.item == item and plans.steps_split(plan.steps) == {
        "opening": "Salam",
        "core": "Diskusi",
        "closing": "Refleksi",
    }
    plans.plan_save(organization=org, by=users["counselor"], plan=plan, version=1, goals="Baru")
    with pytest.raises(EditConflict):
        plans.plan_save(organization=org, by=users["coordinator"], plan=plan, version=1, goals="Lama")
    with pytest.raises(ValidationError, match="goals"):
        plans.plan_save(organization=org, by=users["counselor"], **{**fields, "goals": " "})
    with pytest.raises(ValidationError, match="5 to 480"):
        plans.plan_save(organization=org, by=users["counselor"], **{**fields, "minutes": 2})
    assert ServicePlan.objects.count() == 1
    assert plans.steps_split("Tanpa bagian") == {"opening": "", "core": "Tanpa bagian", "closing": ""}


def test_progress_counts_done_activities_through_their_rpl(org, users, program):
    basic = list(program.items.filter(component="layanan_dasar", domain="pribadi"))
    plan = plans.plan_save(
        organization=org,
        by=users["counselor"],
        item=basic[0],
        **{**plans.initial_from_item(basic[0]), "semester": 1, "goals": "x"},
    )

    def activity(status):
        return Activity.objects.create(
            organization=org,
            kind="bimbingan_klasikal",
            title="Kelas X-1",
            plan=plan,
            audience="class",
            audience_value="X-1",
            status=status,
            created_by=users["counselor"],
        )

    activity("done")
    activity("done")
    activity("planned")
    rows = services.program_progress(program)
    basic_row = next(r for r in rows["component"] if r.code == "layanan_dasar")
    assert (basic_row.planned, basic_row.delivered, basic_row.activities) == (6, 1, 2)
    personal = next(r for r in rows["domain"] if r.code == "pribadi")
    assert (
        personal.delivered == 1
        and personal.planned == ProgramItem.objects.filter(program=program, domain="pribadi").count()
    )
    assert sum(r.delivered for r in rows["component"]) == 1


def test_only_counselors_of_the_organization_are_responsible(org, users, other_org, program):
    _m, other_counselor = make_person(other_org, "oc", roles=[Role.COUNSELOR], username="oc")
    with pytest.raises(ValidationError):
        services.item_save(program=program, by=users["counselor"], **item_fields(responsible=other_counselor))
