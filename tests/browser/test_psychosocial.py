"""Psychosocial response on a phone in a shelter: the coordinator records a flood; a field worker
registers a family on a 360 px phone, is warned about a likely duplicate and decides."""

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
