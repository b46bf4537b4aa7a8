"""The BK cycle as whole user journeys in a real browser, each step checked by what a person sees:

1. a needs assessment for a class → the needs found → the annual program built from them → an RPL
   → classroom guidance carrying it, its meeting and attendance → the jurnal BK and its report →
   the program's progress;
2. a support group led by a certified peer supporter, with attendance by its QR code;
3. a campaign whose pre/post survey shows a change only once 10 people answered both.

Most students answer through the services (as many phones would); one or two answer in the browser
on a 360 px phone, so every screen a student sees is walked through at least once.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_person
from sebaya.guidance.models import Activity, AnnualProgram, Attendance, Campaign, Registration
from sebaya.guidance.services import registration as registering
from sebaya.guidance.views.qr import qr_svg
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import ScreeningRound
from sebaya.screening.services import administration_record
from sebaya.support.models import SupporterProfile
from tests.browser.conftest import axe_problems, goto, sign_in, sign_out

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
SCHOLARSHIPS = "Saya ingin tahu tentang beasiswa."  # akpd k07, bidang karier
EXAMS = "Saya ingin belajar menyiapkan diri menghadapi ujian."  # akpd b04, bidang belajar
ANXIETY = "Saya ingin tahu cara mengelola rasa cemas atau khawatir."  # akpd p03


def _phone(new_context):
    return new_context(**PHONE).new_page()


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width} px wide on a 360 px phone"


def _answer_by_service(org, screening_round, memberships, answers_for):
    """Students who answered on their own phones: the same service the fill page calls."""
    instrument = get_instrument(screening_round.instrument_code)
    for membership in memberships:
        administration_record(
            organization=org,
            person=membership.person,
            instrument=instrument,
            answers=answers_for(instrument),
            invitation=screening_round.invitations.get(person=membership.person),
        )


def _answer_on_phone(phone, instrument, choose, *, invitation=None):
    """From the student's home page: the invitation (its link, when several are open), one
    statement per screen, then send."""
    links = phone.locator(".invitation a.button")
    (links.first if invitation is None else links.and_(phone.locator(f"[href*='{invitation.pk}']"))).click()
    steps = phone.locator("fieldset[data-step]")
    for index, item in enumerate(instrument.items):  # answering a statement moves to the next
        expect(steps.nth(index)).to_be_visible()
        steps.nth(index).locator(f"input[value='{choose(item)}']").check()
    with phone.expect_navigation(wait_until="domcontentloaded"):
        phone.locator("#instrument-submit").click()


# --- 1. The BK cycle ------------------------------------------------------------------------------


def test_the_bk_cycle_from_needs_to_progress(new_context, org, users):
    counselor = users["counselor"]
    classmates = [make_person(org, f"X1-{n}", grade="10", class_name="X-1")[0] for n in range(10)]
    ayu, _u = make_person(
        org, "X1-ayu", username="ayu", full_name="Ayu Lestari", grade="10", class_name="X-1"
    )
    budi, _u = make_person(
        org, "X1-budi", username="budi", full_name="Budi Santoso", grade="10", class_name="X-1"
    )
    make_person(org, "X2-0", grade="10", class_name="X-2")  # another class: not invited

    # The coordinator schedules the needs questionnaire (AKPD) for class X-1.
    page = new_context().new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/guidance/needs/")
    expect(page.locator("#needs-none")).to_have_text("Belum ada asesmen kebutuhan.")
    page.locator("#needs-schedule").click()
    form = page.locator("#round-form")
    form.locator("input[name=title]").fill("AKPD kelas X-1")
    form.locator("select[name=instrument]").select_option("akpd")
    form.locator("select[name=population]").select_option("class")
    form.locator("select[name=class_name]").select_option("X-1")
    form.locator("input[name=closes_on]").fill(form.locator("input[name=opens_on]").input_value())
    problems = axe_problems(page)
    form.locator("button[type=submit]").click()
    expect(page.locator("#round-state")).to_have_text("Buka")
    problems += axe_problems(page)
    sign_out(page)
    screening_round = ScreeningRound.objects.get(organization=org)
    assert screening_round.invitations.count() == 12  # the class, not X-2

    # Ten classmates answered on their phones: scholarships and exams.
    _answer_by_service(
        org,
        screening_round,
        classmates,
        lambda akpd: [1 if item.id in {"k07", "b04"} else 0 for item in akpd.items],
    )
    # Ayu and Budi answer here, on a 360 px phone.
    for username, wanted, marked in (
        ("ayu", {"k07", "p03"}, "2 pernyataan"),
        ("budi", {"k07"}, "1 pernyataan"),
    ):
        phone = _phone(new_context)
        sign_in(phone, username)
        expect(phone.locator(".invitation")).to_contain_text("Apa yang kamu butuhkan")
        _answer_on_phone(phone, get_instrument("akpd"), lambda item, w=wanted: 1 if item.id in w else 0)
        expect(phone.locator("#needs-count")).to_have_text(f"{marked} ditandai.")
        _no_sideways_scroll(phone)
        problems += axe_problems(phone)
        phone.context.close()

    # The counselor reads the needs found: twelve answered, scholarships first, as bars.
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/guidance/needs/")
    expect(page.locator("#needs-answered")).to_have_text("12 siswa menjawab.")
    top = page.locator("#needs-top li")
    expect(top).to_have_count(2)  # anxiety: marked by one student, too few to show a number
    expect(top.nth(0)).to_contain_text(SCHOLARSHIPS)
    expect(top.nth(0)).to_contain_text("100%")
    expect(top.nth(1)).to_contain_text(EXAMS)
    expect(top.nth(1)).to_contain_text("83%")

    def area(name):
        return page.locator(".needs-area").filter(has=page.get_by_role("heading", name=name, exact=True))

    career = area("Karier")
    expect(career.locator("rect.bar-fill[width='100']")).to_have_count(1)
    expect(career).to_contain_text("100% (12/12)")
    expect(area("Belajar")).to_contain_text("83% (10/12)")
    expect(page.locator("#needs-by-class")).to_contain_text("X-1")
    problems += axe_problems(page)

    # The annual program for grade 10, built from the needs found.
    goto(page, f"/o/{org.slug}/bk-program/")
    page.locator("#program-new-link").click()
    new_form = page.locator("#program-new-form")
    new_form.locator("select[name=grade]").select_option("10")  # the roster's grades
    new_form.locator("input[name=with_defaults]").uncheck()  # only the needs found, to count them
    new_form.locator("button[type=submit]").click()
    expect(page.locator("#program-status")).to_contain_text("Draf")
    expect(page.locator("tr.program-item")).to_have_count(0)
    # One click: the newest needs assessment is offered, chosen already; the program remembers it.
    expect(page.locator("#needs-round option:checked")).to_have_text("AKPD kelas X-1")
    problems += axe_problems(page)
    page.locator("#from-needs").click()
    expect(page.locator(".messages")).to_contain_text("2 butir ditambahkan dari kebutuhan yang ditemukan.")
    rows = page.locator("tr.program-item")
    expect(rows).to_have_count(2)
    scholarship_row = rows.filter(has_text=SCHOLARSHIPS)
    expect(scholarship_row).to_contain_text("(100%)")
    expect(scholarship_row).to_contain_text("Karier")
    expect(scholarship_row).to_contain_text("Bimbingan klasikal")
    expect(rows.filter(has_text=EXAMS)).to_contain_text("(83%)")
    problems += axe_problems(page)
    program = AnnualProgram.objects.get(organization=org)

    # An RPL for the scholarships item.
    scholarship_row.locator("a.plan-new-link").click()
    plan_form = page.locator("#plan-form")
    expect(plan_form.locator("input[name=title]")).to_have_value(SCHOLARSHIPS)
    plan_form.locator("input[name=audience]").fill("X-1")
    plan_form.locator("textarea[name=goals]").fill("Siswa mengenal jenis beasiswa dan cara mendaftar.")
    plan_form.locator("textarea[name=core]").fill("Menelusuri tiga beasiswa bersama dalam kelompok kecil.")
    plan_form.locator("button[type=submit]").click()
    expect(page.locator("#plan-pdf-link")).to_be_visible()
    goto(page, f"/o/{org.slug}/bk-program/{program.pk}/")
    expect(page.locator("tr.program-item", has_text=SCHOLARSHIPS)).to_contain_text("Sudah ditulis: 1")

    # Classroom guidance for X-1 carrying that RPL.
    goto(page, f"/o/{org.slug}/kegiatan/")
    activity_form = _open_activity_form(page)
    activity_form.locator("select[name=kind]").select_option("bimbingan_klasikal")
    activity_form.locator("input[name=title]").fill("Mengenal beasiswa (X-1)")
    activity_form.locator("select[name=domain]").select_option("karier")
    activity_form.locator("select[name=plan]").select_option(label=SCHOLARSHIPS)
    activity_form.locator("select[name=audience]").select_option("class")
    activity_form.locator("input[name=audience_value]").fill("X-1")
    activity_form.get_by_label("counselor person").check()
    # Classroom guidance has no group agreement and no hidden names: the form does not show them.
    expect(activity_form.locator("textarea[name=agreement]")).to_be_hidden()
    expect(activity_form.locator("input[name=names_hidden]")).to_be_hidden()
    problems += axe_problems(page)
    activity_form.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Mengenal beasiswa (X-1)")
    expect(page.locator("dl.facts")).to_contain_text(SCHOLARSHIPS)  # its RPL
    activity = Activity.objects.get(title="Mengenal beasiswa (X-1)")

    # The class on the list: the counselor registers Ayu with the picker; Budi registers on his
    # phone; the other ten are registered the same way staff do (one at a time: there is no
    # "the whole class" button).
    page.locator("#activity-enrol").click()
    picker = page.locator("input[name=person]")
    picker.press_sequentially("Ayu")
    picker.fill("Ayu Lestari (X-1)")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Terdaftar.")
    budi_phone = _phone(new_context)
    sign_in(budi_phone, "budi")
    goto(budi_phone, f"/o/{org.slug}/kegiatan/")
    budi_phone.locator("#activities-offered a", has_text="Mengenal beasiswa").click()
    budi_phone.locator("#activity-register").click()
    budi_phone.locator("#register-form button[type=submit]").click()
    expect(budi_phone.locator("#my-registration")).to_contain_text("Kamu sudah terdaftar.")
    _no_sideways_scroll(budi_phone)
    problems += axe_problems(budi_phone)
    for membership in classmates:
        registering.register(activity=activity, person=membership.person, by=counselor)

    # A meeting spanning today in the school's time zone, so it is under way now (the list in
    # services/attendance.py has no time rule today; the QR code's hour of margin would hold),
    # and the jurnal counts it in this month.
    goto(page, f"/o/{org.slug}/kegiatan/{activity.pk}/")
    expect(page.locator("#roster li")).to_have_count(12)
    page.locator("#meeting-new").click()
    meeting_form = page.locator("#meeting-form")
    day = timezone.localdate()
    meeting_form.locator("input[name=date]").fill(day.isoformat())
    meeting_form.locator("input[name=start]").fill("00:00")
    meeting_form.locator("input[name=end]").fill("23:59")
    meeting_form.locator("input[name=place]").fill("Kelas X-1")
    meeting_form.locator("button[type=submit]").click()
    expect(page.locator("#meetings .meeting")).to_have_count(1)
    page.locator("#meetings a", has_text="Kehadiran dan catatan").click()
    attendance = page.locator("#meeting-attendance")
    boxes = attendance.locator("input[name=present]")
    expect(boxes).to_have_count(12)
    for index in range(12):
        boxes.nth(index).check()
    attendance.get_by_label("Person X1-9").uncheck()  # one student was away
    problems += axe_problems(page)
    attendance.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Presensi tersimpan: 11 hadir.")
    record = page.locator("#meeting-record")
    record.locator("textarea[name=note]").fill("Siswa aktif bertanya tentang beasiswa daerah.")
    record.locator("input[name=held]").check()
    record.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Pertemuan tersimpan.")
    expect(page.locator("#meeting-record input[name=held]")).to_be_checked()
    goto(page, f"/o/{org.slug}/kegiatan/{activity.pk}/")
    expect(page.locator("#meetings .meeting")).to_contain_text("Sudah dilaksanakan · 11 hadir")

    # The evaluation closes the activity: the program item counts as delivered.
    page.locator("#activity-evaluate").click()
    evaluation = page.locator("#evaluation-form")
    evaluation.locator("textarea[name=process]").fill("Berjalan lancar; semua kelompok presentasi.")
    evaluation.locator("textarea[name=result]").fill("Siswa dapat menyebut tiga beasiswa dan syaratnya.")
    evaluation.locator("input[name=done]").check()
    evaluation.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Evaluasi tersimpan.")
    expect(page.locator("main p.muted").first).to_contain_text("Selesai")

    # The counselor's jurnal BK, and this month's report with the students reached.
    goto(page, f"/o/{org.slug}/jurnal/?month={day:%Y-%m}")
    line = page.locator("#journal tbody tr", has_text="Mengenal beasiswa (X-1)")
    expect(line).to_contain_text("Bimbingan klasikal")
    expect(line).to_contain_text("Karier")
    problems += axe_problems(page)
    page.locator("#journal-report-link").click()
    expect(page.locator("main")).to_contain_text(
        "Siswa yang dilayani (dihitung di tiap pertemuan): 11 dalam bimbingan klasikal"
    )
    expect(page.locator("main")).to_contain_text("1 layanan tercatat.")
    problems += axe_problems(page)

    # The program's progress: one of its two topics delivered, in layanan dasar and in karier.
    goto(page, f"/o/{org.slug}/bk-program/{program.pk}/progress/")
    expect(page.locator("#progress-summary")).to_contain_text(
        "1 dari 2 topik yang direncanakan sudah terlaksana"
    )
    expect(page.locator("#component-bars")).to_contain_text("1 dari 2 topik · 1 kegiatan selesai")
    expect(page.locator("#domain-bars")).to_contain_text("1 dari 1 topik · 1 kegiatan selesai")
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)


# --- 2. A support group with QR attendance ----------------------------------------------------------


def _open_activity_form(page):
    """The new-activity form, once its script listens: a kind chosen before that keeps no defaults."""
    page.locator("#activity-new").click()
    form = page.locator("#activity-form")
    expect(form).to_be_visible()
    page.wait_for_load_state("load")
    return form


def test_a_support_group_with_qr_attendance(new_context, org, users):
    peer = users["peer_supporter"]
    SupporterProfile.objects.create(
        organization=org, membership=peer.person.memberships.get(organization=org), certified=True
    )

    counselor = new_context().new_page()
    sign_in(counselor, "counselor", totp=True)
    goto(counselor, f"/o/{org.slug}/kegiatan/")
    form = _open_activity_form(counselor)
    form.locator("select[name=kind]").select_option("support_group")
    # A support group hides the participants' names unless the counselor says otherwise.
    expect(form.locator("input[name=names_hidden]")).to_be_checked()
    form.locator("input[name=title]").fill("Kelompok dukungan: rindu rumah")
    form.locator("select[name=audience]").select_option("open")
    form.locator("input[name=capacity]").fill("6")
    form.get_by_label("peer_supporter person").check()
    form.locator("select[name=supervisor]").select_option(label="counselor person")
    problems = axe_problems(counselor)
    form.locator("button[type=submit]").click()
    expect(counselor.locator("h1")).to_have_text("Kelompok dukungan: rindu rumah")
    expect(counselor.locator("dl.facts")).to_contain_text("0 dari 6 terisi")
    counselor.locator("#meeting-new").click()
    meeting_form = counselor.locator("#meeting-form")
    # The whole day in the school's time zone: the QR code works now (an hour's margin either side).
    meeting_form.locator("input[name=date]").fill(timezone.localdate().isoformat())
    meeting_form.locator("input[name=start]").fill("00:00")
    meeting_form.locator("input[name=end]").fill("23:59")
    meeting_form.locator("input[name=place]").fill("Ruang BK")
    meeting_form.locator("button[type=submit]").click()
    expect(counselor.locator("#meetings .meeting")).to_have_count(1)

    # A student registers on a phone, accepting the group agreement.
    student = _phone(new_context)
    sign_in(student, "member")
    goto(student, f"/o/{org.slug}/kegiatan/")
    student.locator("#activities-offered a", has_text="rindu rumah").click()
    student.locator("#activity-register").click()
    register = student.locator("#register-form")
    expect(register).to_contain_text("tetap di kelompok ini")
    register.locator("input[name=shown_name]").fill("Pelangi")
    register.locator("button[type=submit]").click()  # without agreeing: refused, nothing saved
    expect(register.locator("[role=alert], .errorlist").first).to_contain_text("setuju")
    assert not Registration.objects.exists()
    register.locator("input[name=agree]").check()
    problems += axe_problems(student)
    register.locator("button[type=submit]").click()
    expect(student.locator("#my-registration")).to_contain_text("Pelangi")
    _no_sideways_scroll(student)
    problems += axe_problems(student)

    # The peer supporter who leads it opens the meeting's QR code on their phone.
    leader = _phone(new_context)
    sign_in(leader, "peer_supporter")
    goto(leader, f"/o/{org.slug}/kegiatan/")
    leader.locator("#activities-leading a", has_text="rindu rumah").click()
    expect(leader.locator("#roster")).to_contain_text("member person")
    leader.locator("#meetings a", has_text="Kode QR").click()
    leader.locator("#qr-open").click()
    expect(leader.locator("#qr-code svg")).to_be_visible()
    expect(leader.locator("#qr-present")).to_contain_text("0 hadir")
    problems += axe_problems(leader)
    address = leader.locator("#qr-url").inner_text().strip()
    assert re.fullmatch(r"http://[^/]+/o/school/kegiatan/hadir/[\w-]+/", address), address
    # No QR decoder is installed: instead the drawn code is checked to be exactly the code of
    # the address shown under it (the same modules), and the student's camera then opens that
    # address in the signed-in browser.
    drawn = leader.locator("#qr-code svg path").get_attribute("d")
    assert drawn == re.search(r' d="([^"]+)"', str(qr_svg(address, title="x"))).group(1)

    student.goto(address, wait_until="domcontentloaded")
    expect(student.locator("#attend-outcome")).to_have_attribute("data-outcome", "marked")
    problems += axe_problems(student)
    leader.reload(wait_until="domcontentloaded")
    expect(leader.locator("#qr-present")).to_contain_text("1 hadir")

    # The counselor supervising it sees the student present on the meeting's list.
    meeting = Activity.objects.get().meetings.get()
    goto(counselor, f"/o/{org.slug}/kegiatan/{meeting.activity_id}/pertemuan/{meeting.pk}/")
    expect(counselor.get_by_label("member person")).to_be_checked()
    assert Attendance.objects.get().how == "qr"
    assert not problems, "\n".join(problems)


# --- 3. A campaign with a pre/post survey -----------------------------------------------------------

BEFORE = [3] * 10  # "not sure" everywhere: 30 of 50 (knowledge 15, attitudes 15)
AFTER = [4, 2, 4, 4, 2, 2, 4, 2, 2, 4]  # true statements agreed, stigma disagreed: 40 (20 and 20)


def test_a_campaign_with_its_pre_and_post_survey(new_context, org, users):
    classmates = [make_person(org, f"X2-{n}", grade="10", class_name="X-2")[0] for n in range(11)]
    citra, _u = make_person(
        org, "X2-citra", username="citra", full_name="Citra Dewi", grade="10", class_name="X-2"
    )

    page = new_context().new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/campaigns/")
    page.locator("#campaign-new").click()
    form = page.locator("#campaign-form")
    form.locator("input[name=title]").fill("Bicara itu berani")
    form.locator("textarea[name=goal]").fill("Lebih banyak siswa X-2 yang tahu ke mana mencari bantuan.")
    form.locator("select[name=population]").select_option("class")
    form.locator("input[name=population_value]").fill("X-2")
    today = timezone.localdate().isoformat()
    form.locator("input[name=starts_on]").fill(today)
    form.locator("input[name=ends_on]").fill(today)
    problems = axe_problems(page)
    form.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Bicara itu berani")
    expect(page.locator("#campaign-change")).to_contain_text("Jadwalkan kedua survei")
    # Both surveys open today (a survey cannot open in the past; the one after may open the
    # same day as the one before).
    for which in ("pre", "post"):
        page.locator(f"#survey-{which}-schedule").click()
        expect(page.locator(f"#survey-{which}")).to_contain_text("Buka")
    campaign = Campaign.objects.get()
    pre, post = campaign.pre_round, campaign.post_round
    assert pre.invitations.count() == post.invitations.count() == 12
    problems += axe_problems(page)

    # Eleven answered before; eight of them after as well: too few pairs, nothing shown.
    _answer_by_service(org, pre, classmates, lambda _i: BEFORE)
    _answer_by_service(org, post, classmates[:8], lambda _i: AFTER)
    page.reload(wait_until="domcontentloaded")
    expect(page.locator("#change-too-few")).to_contain_text("kurang dari 10 orang mengisi kedua survei")
    expect(page.locator("#change-table")).to_have_count(0)

    # Citra answers both on her phone. Finding: the two invitations look alike and the newest is
    # listed first, so a student who opens the first one answers the survey *after* before the
    # survey *before* (the test opens each by its address, as the numbers below depend on it).
    phone = _phone(new_context)
    sign_in(phone, "citra")
    invitations = phone.locator(".invitation")
    expect(invitations).to_have_count(2)
    expect(invitations.nth(0)).to_contain_text("Apa yang kamu tahu tentang kesehatan jiwa")
    expect(invitations.nth(1)).to_contain_text("Apa yang kamu tahu tentang kesehatan jiwa")
    stigma = get_instrument("knowledge_stigma")
    for survey, answers in ((pre, BEFORE), (post, AFTER)):
        goto(phone, f"/o/{org.slug}/")
        _answer_on_phone(
            phone,
            stigma,
            lambda item, a=answers: a[int(item.number) - 1],
            invitation=survey.invitations.get(person=citra.person),
        )
        expect(phone.locator("#result-summary")).to_be_visible()
        _no_sideways_scroll(phone)
        problems += axe_problems(phone)
    goto(phone, f"/o/{org.slug}/")
    expect(phone.locator(".invitation")).to_have_count(0)
    page.reload(wait_until="domcontentloaded")
    expect(page.locator("#change-too-few")).to_be_visible()  # 9 pairs

    # Three more after: twelve pairs, the change shown, with the caution for a small number.
    _answer_by_service(org, post, classmates[8:], lambda _i: AFTER)
    page.reload(wait_until="domcontentloaded")
    change = page.locator("#campaign-change")
    expect(change).to_contain_text("12 orang mengisi kedua survei.")
    expect(page.locator("#change-caution")).to_be_visible()
    rows = page.locator("#change-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("30,0")
    expect(rows.nth(0)).to_contain_text("40,0")
    expect(rows.nth(0)).to_contain_text("+10,0")
    expect(rows.nth(1)).to_contain_text("Pengetahuan")
    expect(rows.nth(1)).to_contain_text("+5,0")
    expect(rows.nth(2)).to_contain_text("+5,0")
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)
