"""The BK program pages: create a program, add an item with its months, approve it, place it in
the program semester, write an RPL from it (with an edit conflict), and the progress page."""

import datetime

import pytest
from django.urls import reverse

from conftest import in_english, make_person
from sebaya.guidance.models import Activity, AnnualProgram, ServicePlan
from sebaya.guidance.services import program as services
from sebaya.guidance.services import program_needs


@pytest.fixture
def program(org, users):
    return services.program_create(
        organization=org, by=users["coordinator"], school_year="2026/2027", grade="X"
    )


def url(name, org, **kwargs):
    return reverse(name, kwargs={"org": org.slug, **kwargs})


def test_create_a_program_and_refuse_a_second_for_the_same_grade(client_as, org):
    make_person(org, "S-X", grade="X", class_name="X-1")
    client = in_english(client_as("coordinator"))
    page = client.get(url("bk_program_new", org))
    assert page.status_code == 200 and 'name="school_year"' in page.content.decode()
    # The grade is one of the roster's: "10" is not, so nothing could be made from its needs.
    assert '<option value="X">X</option>' in page.content.decode()
    refused = client.post(url("bk_program_new", org), {"school_year": "2026/2027", "grade": "10"})
    assert refused.status_code == 400 and not AnnualProgram.objects.exists()
    response = client.post(
        url("bk_program_new", org), {"school_year": "2026/2027", "grade": "X", "with_defaults": "on"}
    )
    program = AnnualProgram.objects.get(organization=org)
    assert response.status_code == 302 and program.items.count() == 13
    again = client.post(url("bk_program_new", org), {"school_year": "2026/2027", "grade": "X"})
    assert again.status_code == 400 and "already a program for grade X" in again.content.decode()
    bad = client.post(url("bk_program_new", org), {"school_year": "2026-27"})
    assert bad.status_code == 400 and "two consecutive years" in bad.content.decode()
    listed = client.get(url("bk_program_list", org)).content.decode()
    assert program.title in listed


def test_add_an_item_with_months_and_approve(client_as, org, users, program):
    client = in_english(client_as("counselor"))
    page = client.get(url("bk_item_new", org, program=program.pk)).content.decode()
    # Twelve month checkboxes, July first.
    assert page.count('name="months"') == 12 and page.index("July") < page.index("January")
    response = client.post(
        url("bk_item_new", org, program=program.pk),
        {
            "component": "layanan_dasar",
            "domain": "sosial",
            "topic": "Anti perundungan",
            "service_type": "bimbingan_klasikal",
            "months": ["8", "2"],
            "responsible": users["counselor"].pk,
        },
    )
    assert response.status_code == 302
    item = program.items.get(topic="Anti perundungan")
    assert item.months == [8, 2] and item.responsible == users["counselor"]
    detail = client.get(url("bk_program_detail", org, program=program.pk)).content.decode()
    assert "Anti perundungan" in detail and "August, February" in detail
    asked = client.post(url("bk_program_approve", org, program=program.pk))
    assert asked.status_code == 200 and "confirm-yes" in asked.content.decode()
    client.post(url("bk_program_approve", org, program=program.pk), {"confirm": "yes"})
    program.refresh_from_db()
    assert program.status == "approved"


def test_the_needs_button_is_hidden_until_the_needs_module_exists(client_as, org, program):
    page = client_as("coordinator").get(url("bk_program_detail", org, program=program.pk)).content.decode()
    assert ('id="from-needs"' in page) == (program_needs.needs_module() is not None)


def test_place_an_item_in_the_semester(client_as, org, program):
    client = in_english(client_as("counselor"))
    item = program.items.first()
    response = client.post(
        url("bk_semester", org, program=program.pk),
        {"semester": "1", "item": item.pk, "week_of": "2026-09-09", "class_name": "X-2"},
    )
    assert response.status_code == 302
    page = client.get(url("bk_semester", org, program=program.pk) + "?semester=1").content.decode()
    assert "September 2026" in page and "X-2" in page and "7 September 2026" in page
    wrong = client.post(
        url("bk_semester", org, program=program.pk),
        {"semester": "2", "item": item.pk, "week_of": "2026-09-09"},
    )
    assert wrong.status_code == 400 and "not in semester 2" in wrong.content.decode()


def rpl_form(**more):
    return {
        "title": "Mengelola stres",
        "component": "layanan_dasar",
        "domain": "pribadi",
        "service_type": "bimbingan_klasikal",
        "school_year": "2026/2027",
        "semester": "1",
        "minutes": "45",
        "goals": "Siswa mengenali stres",
        "opening": "Salam",
        "core": "Diskusi",
        "closing": "Refleksi",
        **more,
    }


def test_an_rpl_from_an_item_and_an_edit_conflict(client_as, org, program):
    client = in_english(client_as("counselor"))
    item = program.items.filter(component="layanan_dasar").first()
    page = client.get(url("bk_plan_new", org) + f"?item={item.pk}").content.decode()
    assert item.topic in page
    response = client.post(url("bk_plan_new", org), {**rpl_form(), "item": item.pk})
    plan = ServicePlan.objects.get()
    assert response.status_code == 302 and plan.item == item
    edit = url("bk_plan_edit", org, plan=plan.pk)
    assert client.post(edit, rpl_form(version="1", goals="Baru")).status_code == 302
    clash = client.post(edit, rpl_form(version="1", goals="Lama"))
    assert clash.status_code == 409 and "saved this record while you were editing" in clash.content.decode()
    plan.refresh_from_db()
    assert plan.goals == "Baru"
    assert 'id="plan-pdf-link"' in client.get(edit).content.decode()


def test_progress_shows_planned_and_delivered(client_as, org, users, program):
    item = program.items.filter(component="layanan_dasar").first()
    plan = ServicePlan.objects.create(
        organization=org,
        item=item,
        title=item.topic,
        component=item.component,
        domain=item.domain,
        service_type=item.service_type,
        school_year="2026/2027",
        semester=1,
        goals="x",
        created_by=users["counselor"],
    )
    Activity.objects.create(
        organization=org,
        kind="bimbingan_klasikal",
        title="X-1",
        plan=plan,
        audience="class",
        status="done",
        created_by=users["counselor"],
    )
    page = (
        in_english(client_as("coordinator")).get(url("bk_progress", org, program=program.pk)).content.decode()
    )
    assert "1 of 13 planned topics have been delivered" in page
    assert "1 of 6 topics · 1 activities done" in page and 'id="domain-bars"' in page


def test_the_placements_for_the_calendar(org, users, program):
    services.placement_add(
        item=program.items.first(), by=users["counselor"], semester=1, week_of=datetime.date(2026, 7, 20)
    )
    assert (
        len(
            services.placements_between(
                organization=org, start=datetime.date(2026, 7, 1), end=datetime.date(2026, 7, 31)
            )
        )
        == 1
    )
