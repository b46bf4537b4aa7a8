"""Psychosocial response on a phone in a shelter: the coordinator records a flood; a field worker
registers a family on a 360 px phone, is warned about a likely duplicate and decides; a PFA
contact refers someone at once and a need is handled; the coordinator reads the 4W report."""

from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from sebaya.psychosocial.models import AffectedPerson, Household
from sebaya.psychosocial.services.incidents import incident_create
from tests.browser.conftest import axe_problems, goto, sign_in

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width} px wide on a 360 px phone"


def test_a_field_worker_registers_a_family_on_a_phone(new_context, org, users):
    incident = incident_create(
        organization=org,
        by=users["coordinator"],
        kind="flood",
        title="Banjir Cisurupan",
        started_on=timezone.localdate(),
        villages="Sukamaju",
        exposures=["home_destroyed", "displaced"],
    )
    page = new_context(**PHONE).new_page()
    sign_in(page, "field_worker")
    problems = []
    goto(page, f"/o/{org.slug}/")
    page.locator("#home-incidents").click()
    page.get_by_role("link", name="Banjir Cisurupan").click()
    expect(page.locator("#incident-counts")).to_contain_text("0 orang")
    problems += axe_problems(page)
    _no_sideways_scroll(page)

    page.locator("#affected-register").click()
    _no_sideways_scroll(page)
    page.get_by_label("Nama", exact=True).fill("Dedi Kurniawan")
    page.get_by_label("Laki-laki").check()
    page.get_by_label("Usia (tahun)").fill("41")
    page.get_by_label("Desa").fill("Sukamaju")
    page.get_by_label("Posko atau tempat pengungsian").fill("Posko Masjid Al-Ikhlas")
    page.get_by_label("Atau keluarga baru").fill("Keluarga Pak Dedi")
    page.get_by_label("Dalam keluarga").select_option("head")
    page.get_by_label("Rumah hancur").check()
    page.get_by_label("Setuju sendiri").check()
    problems += axe_problems(page)
    page.locator("#register-another").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Dedi Kurniawan sudah terdata.")

    # His daughter, in the same family, looked after first: she was found without her parents.
    page.get_by_label("Nama", exact=True).fill("Nina Kurniawati")
    page.get_by_label("Perempuan").check()
    page.get_by_label("Usia (tahun)").fill("9")
    page.get_by_label("Desa").fill("Sukamaju")
    page.get_by_label("Keluarga yang sudah terdata").select_option(label="Keluarga Pak Dedi")
    page.get_by_label("Dalam keluarga").select_option("child")
    page.get_by_label("Anak terpisah dari pengasuhnya").check()
    page.get_by_label("Orang tua atau wali setuju").check()
    page.locator("#register-save").click()
    expect(page.locator("h1")).to_have_text("Nina Kurniawati")
    expect(page.locator("#affected-first")).to_contain_text("Anak terpisah dari pengasuhnya")
    expect(page.locator("#affected-family")).to_contain_text("Dedi Kurniawan")
    _no_sideways_scroll(page)

    # At another desk, Pak Dedi is registered again with his name spelled another way.
    goto(page, f"/o/{org.slug}/kejadian/{incident.pk}/warga/baru/")
    page.get_by_label("Nama", exact=True).fill("Dedy Kurniawan")
    page.get_by_label("Laki-laki").check()
    page.get_by_label("Usia (tahun)").fill("42")
    page.get_by_label("Desa").fill("Sukamaju")
    page.get_by_label("Setuju sendiri").check()
    page.locator("#register-save").click()
    expect(page.locator("#likely-duplicates")).to_contain_text("Dedi Kurniawan")
    assert AffectedPerson.objects.count() == 2  # nothing written yet
    page.locator("#likely-duplicates a").first.click()  # it is him: open his registration
    expect(page.locator("h1")).to_have_text("Dedi Kurniawan")
    assert AffectedPerson.objects.count() == 2 and Household.objects.get().members.count() == 2

    goto(page, f"/o/{org.slug}/kejadian/{incident.pk}/")
    expect(page.locator("#incident-counts")).to_contain_text("2 orang")
    expect(page.locator("#incident-first")).to_contain_text("Nina Kurniawati")
    assert not problems, "\n".join(problems)


def test_a_pfa_contact_with_an_immediate_referral_and_a_need_handled_on_a_phone(new_context, org, users):
    import uuid

    from sebaya.psychosocial.models import Contact, Need
    from sebaya.psychosocial.services.registration import affected_register
    from sebaya.safety.models import Alert

    incident = incident_create(
        organization=org,
        by=users["coordinator"],
        kind="flood",
        title="Banjir Cisurupan",
        started_on=timezone.localdate(),
    )
    affected, _made = affected_register(
        incident=incident,
        organization=org,
        by=users["field_worker"],
        client_id=uuid.uuid4(),
        full_name="Ibu Ratna",
        gender="female",
        age_years=38,
        village="Sukamaju",
        site="Posko Masjid Al-Ikhlas",
        consent="self",
    )
    page = new_context(**PHONE).new_page()
    sign_in(page, "field_worker")
    problems = []
    goto(page, f"/o/{org.slug}/kejadian/{incident.pk}/warga/{affected.pk}/")
    page.locator("#contact-new").click()
    expect(page.locator("h1")).to_have_text("Pertolongan pertama psikologis")
    _no_sideways_scroll(page)
    # She says she does not want to go on living: refer at once.
    page.get_by_label("Mungkin menyakiti diri sendiri").check()
    page.get_by_label("Tekanan berat (bingung, sangat gelisah, menarik diri)").check()
    page.get_by_label("Duka karena ada yang meninggal").check()
    page.locator("fieldset", has_text="Hubungkan:").get_by_label("Konselor").check()
    page.locator("fieldset", has_text="Kebutuhan yang perlu").get_by_label(
        "Tempat tinggal sementara"
    ).check()  # a need to follow up
    page.get_by_label("Lama (menit)").fill("25")
    page.get_by_label("Tempat", exact=True).fill("Posko Masjid Al-Ikhlas")
    problems += axe_problems(page)
    page.locator("#contact-save").click()
    # The field worker is told who has the alert and what to do meanwhile.
    expect(page.locator(".messages, [role=status]").first).to_contain_text("counselor person")
    expect(page.locator("#affected-contacts")).to_contain_text("Dirujuk segera")
    _no_sideways_scroll(page)
    alert = Alert.objects.get()
    assert alert.level == "crisis" and alert.person == affected.person
    assert Contact.objects.get().alert == alert

    # The counselor on call sees it in the queue and opens the person's page from it.
    counselor = new_context().new_page()
    sign_in(counselor, "counselor", totp=True)
    goto(counselor, f"/o/{org.slug}/alerts/{alert.pk}/")
    expect(counselor.locator("main")).to_contain_text("PFA: Mungkin menyakiti diri sendiri")
    counselor.locator("#link-person").click()
    expect(counselor.locator("h1")).to_have_text("Ibu Ratna")

    # The shelter need is handled by the field worker: open needs, close it saying what was done.
    goto(page, f"/o/{org.slug}/kejadian/{incident.pk}/")
    page.locator("#incident-needs").click()
    expect(page.locator("#needs")).to_contain_text("Ibu Ratna")
    page.locator("#needs a", has_text="Tempat tinggal sementara").click()
    page.get_by_label("Terpenuhi").check()
    page.locator("#need-edit-save").click()  # without saying what was done: refused
    expect(page.locator("[role=alert]").first).to_contain_text("Tulis singkat apa yang sudah dilakukan")
    page.get_by_label("Yang sudah dilakukan").fill("Dapat tenda keluarga di posko")
    problems += axe_problems(page)
    page.locator("#need-edit-save").click()
    expect(page.locator("#needs")).to_contain_text("Tidak ada kebutuhan terbuka.")
    assert Need.objects.get().status == "met"
    _no_sideways_scroll(page)
    assert not problems, "\n".join(problems)


def test_the_coordinator_reads_the_4w_report_on_a_phone_and_downloads_it(new_context, org, users):
    import csv
    import io
    import uuid

    from sebaya.psychosocial.services.contacts import contact_record
    from sebaya.psychosocial.services.registration import affected_register

    incident = incident_create(
        organization=org,
        by=users["coordinator"],
        kind="flood",
        title="Banjir Cisurupan",
        started_on=timezone.localdate(),
        villages="Sukamaju",
    )
    # Six people reached by PFA in one village: enough that the numbers show (5 or more).
    for n in range(6):
        affected, _made = affected_register(
            incident=incident,
            organization=org,
            by=users["field_worker"],
            client_id=uuid.uuid4(),
            full_name=f"Warga {n}",
            gender="female" if n % 2 else "male",
            age_years=30 + n,
            village="Sukamaju",
            consent="self",
        )
        contact_record(affected=affected, by=users["field_worker"], client_id=uuid.uuid4(), minutes=15)
    page = new_context(**PHONE).new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/kejadian/{incident.pk}/")
    page.locator("#incident-report").click()
    rows = page.locator("#report-4w-rows")
    expect(rows).to_contain_text("Sukamaju")
    expect(rows).to_contain_text("6")
    problems = axe_problems(page)
    _no_sideways_scroll(page)
    with page.expect_download() as download:
        page.locator("#report-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert any("Sukamaju" in row and "6" in row for row in table), table[:3]
    # The situation report opens in the browser's PDF viewer (inline), ready to print.
    pdf = page.request.get(page.locator("#report-pdf").get_attribute("href"))
    assert pdf.ok and pdf.body()[:4] == b"%PDF"
    assert not problems, "\n".join(problems)
