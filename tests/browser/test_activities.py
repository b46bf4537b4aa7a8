"""A support group in a browser on a 360 px phone: the coordinator creates it, led by a trained
peer supporter with a counselor supervising; a student registers under a chosen name; the peer
supporter shows the meeting's QR code and the student opens its address, marked present. The
coordinator changes an activity: more places, and the first person waiting moves up."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_person
from sebaya.guidance.models import Attendance, Registration
from sebaya.guidance.services import activities as guidance
from sebaya.guidance.services import registration as registering
from sebaya.support.models import SupporterProfile
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def test_a_peer_led_support_group_with_qr_attendance(new_context, org, users):
    peer = users["peer_supporter"]
    membership = peer.person.memberships.get(organization=org)
    SupporterProfile.objects.create(organization=org, membership=membership, certified=True)

    coordinator = new_context(**PHONE).new_page()
    sign_in(coordinator, "coordinator", totp=True)
    goto(coordinator, f"/o/{org.slug}/kegiatan/")
    problems = axe_problems(coordinator)
    coordinator.locator("#activity-new").click()
    form = coordinator.locator("#activity-form")
    expect(form).to_be_visible()
    coordinator.wait_for_load_state("load")  # the script that shows the group settings listens from here
    # The group settings show, filled in, only for the kinds that use them.
    form.locator("select[name=kind]").select_option("bimbingan_klasikal")
    expect(form.locator("textarea[name=agreement]")).to_be_hidden()
    expect(form.locator("input[name=names_hidden]")).to_be_hidden()
    form.locator("select[name=kind]").select_option("support_group")
    expect(form.locator("textarea[name=agreement]")).to_have_value(re.compile("tetap di kelompok ini"))
    expect(form.locator("input[name=names_hidden]")).to_be_checked()
    form.locator("input[name=title]").fill("Kelompok dukungan: cemas ujian")
    form.locator("select[name=audience]").select_option("open")
    form.locator("input[name=capacity]").fill("8")
    form.get_by_label("peer_supporter person").check()
    form.locator("select[name=supervisor]").select_option(label="counselor person")
    problems += axe_problems(coordinator)
    form.locator("button[type=submit]").click()
    expect(coordinator.locator("h1")).to_have_text("Kelompok dukungan: cemas ujian")
    coordinator.locator("#meeting-new").click()
    meeting_form = coordinator.locator("#meeting-form")
    # The whole day in the school's time zone: the QR code works now.
    meeting_form.locator("input[name=date]").fill(timezone.localdate().isoformat())
    meeting_form.locator("input[name=start]").fill("00:00")
    meeting_form.locator("input[name=end]").fill("23:59")
    meeting_form.locator("input[name=place]").fill("Ruang BK")
    meeting_form.locator("button[type=submit]").click()
    expect(coordinator.locator("#meetings .meeting")).to_have_count(1)
    problems += axe_problems(coordinator)

    student = new_context(**PHONE).new_page()
    sign_in(student, "member")
    goto(student, f"/o/{org.slug}/")
    student.locator("#menu-button").click()
    student.locator("#menu-activities").click()
    problems += axe_problems(student)
    student.locator("#activities-offered a").first.click()
    student.locator("#activity-register").click()
    register = student.locator("#register-form")
    expect(register).to_contain_text("tetap di kelompok ini")  # the group agreement, in Indonesian
    register.locator("input[name=agree]").check()
    register.locator("input[name=shown_name]").fill("Bintang")
    problems += axe_problems(student)
    register.locator("button[type=submit]").click()
    expect(student.locator("#my-registration")).to_contain_text("Bintang")
    problems += axe_problems(student)
    assert Registration.objects.get().shown_name == "Bintang"

    leader = new_context(**PHONE).new_page()
    sign_in(leader, "peer_supporter")
    goto(leader, f"/o/{org.slug}/kegiatan/")
    leader.locator("#activities-leading a").first.click()
    expect(leader.locator("#roster")).to_contain_text("member person")  # the facilitator sees real names
    leader.locator("#meetings a", has_text="Kode QR").click()
    leader.locator("#qr-open").click()
    expect(leader.locator("#qr-code svg")).to_be_visible()
    box = leader.locator("#qr-code svg").bounding_box()
    assert box["width"] >= 200 and box["x"] + box["width"] <= 360  # large, and inside the phone's width
    problems += axe_problems(leader)
    address = leader.locator("#qr-url").inner_text()

    # The student's camera opens the address in the signed-in browser.
    student.goto(address, wait_until="domcontentloaded")
    expect(student.locator("#attend-outcome")).to_have_attribute("data-outcome", "marked")
    problems += axe_problems(student)
    assert Attendance.objects.get().how == "qr"

    leader.reload(wait_until="domcontentloaded")
    expect(leader.locator("#qr-present")).to_contain_text("1 hadir")
    leader.locator("#qr-close").click()
    expect(leader.locator("#qr-open")).to_be_visible()
    student.goto(address, wait_until="domcontentloaded")
    expect(student.locator("h1")).not_to_have_text(
        "Kelompok dukungan: cemas ujian"
    )  # the old code: not found
    assert not problems, "\n".join(problems)


def test_the_coordinator_changes_an_activity_and_the_first_waiting_moves_up(new_context, org, users):
    activity = guidance.activity_create(
        organization=org,
        by=users["coordinator"],
        kind="bimbingan_kelompok",
        title="Mengelola stres",
        audience="open",
        capacity=2,
        facilitators=[users["counselor"]],
    )
    *registered, waiting = (make_person(org, f"W-{n}", full_name=f"Murid {n}")[0].person for n in range(3))
    for person in [*registered, waiting]:
        registering.register(activity=activity, person=person, agreed=True)

    coordinator = new_context(**PHONE).new_page()
    sign_in(coordinator, "coordinator", totp=True)
    goto(coordinator, f"/o/{org.slug}/kegiatan/{activity.pk}/")
    coordinator.locator("#activity-edit").click()
    form = coordinator.locator("#activity-form")
    expect(form.locator("input[name=title]")).to_have_value("Mengelola stres")
    problems = axe_problems(coordinator)
    form.locator("input[name=title]").fill("Mengelola stres ujian")
    form.locator("input[name=capacity]").fill("1")
    form.locator("button[type=submit]").click()
    expect(form.locator("[role=alert]")).to_contain_text("Sudah 2 orang terdaftar")  # refused
    expect(form.locator("input[name=title]")).to_have_value("Mengelola stres ujian")  # the input kept
    form.locator("input[name=capacity]").fill("3")
    form.locator("button[type=submit]").click()
    expect(coordinator.locator("h1")).to_have_text("Mengelola stres ujian")
    expect(coordinator.locator("body")).to_contain_text("1 orang naik dari daftar tunggu.")
    problems += axe_problems(coordinator)
    assert Registration.objects.get(person=waiting).status == "registered"
    assert not problems, "\n".join(problems)
