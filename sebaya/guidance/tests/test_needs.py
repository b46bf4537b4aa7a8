"""Needs assessment: the organization's own questionnaires (versions, refused definitions), the
results (shares, ranking, small groups hidden, filters), top_needs for the program, and the pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conftest import in_english, make_person
from sebaya.audit.models import AuditEvent
from sebaya.guidance.needs import needs_results, needs_rounds, top_needs
from sebaya.guidance.services.needs import (
    NeedsEditError,
    StatementInput,
    questionnaire_copy,
    questionnaire_save,
)
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import OrganizationInstrument, ScreeningInvitation
from sebaya.screening.services import administration_record, round_schedule

AKPD = get_instrument("akpd")


def statements_of(instrument):
    risks = {r.item: r.level for r in instrument.risk_items}
    domain = {item_id: s.code for s in instrument.subscales for item_id in s.items}
    return [
        StatementInput(item.id, item.text.id, item.text.en, domain[item.id], risks.get(item.id, ""))
        for item in instrument.items
    ]


# --- The organization's own questionnaires --------------------------------------------------------------


def test_copy_then_every_save_is_a_new_version(org, users):
    row = questionnaire_copy(organization=org, base_code="akpd", by=users["coordinator"])
    assert (row.code, row.version, row.base_code) == ("akpd_school", 1, "akpd")
    first = get_instrument("akpd_school", 1)
    assert first.is_needs and len(first.items) == 40 and "SMA Test" in first.short_name.id
    # Copying again gives the same copy.
    assert questionnaire_copy(organization=org, base_code="akpd", by=users["coordinator"]) == row

    edited = statements_of(first)[1:]  # p01 removed
    edited[0] = StatementInput("p02", "Saya ingin lebih berani.", "I want to be braver.", "pribadi", "")
    edited.append(StatementInput("", "Saya ingin belajar memasak.", "I want to learn to cook.", "karier", ""))
    edited.append(
        StatementInput("", "Saya takut pulang ke rumah.", "I am afraid to go home.", "sosial", "concern")
    )
    second = questionnaire_save(
        organization=org, code=row.code, statements=edited, expected_version=1, by=users["coordinator"]
    )
    assert second.version == 2
    new = get_instrument("akpd_school")  # the latest
    assert new.version == 2 and len(new.items) == 41 and new.range == (0, 41)
    assert new.item("p02").text.en == "I want to be braver." and "p01" not in {i.id for i in new.items}
    added = [i for i in new.items if i.text.en == "I am afraid to go home."][0]
    assert added.id.startswith("s") and new.risk_items[-1].item == added.id
    assert new.risk_items[-1].level == "concern"
    # The old version keeps its wording.
    assert get_instrument("akpd_school", 1).item("p02").text.en == "I want to learn to be more confident."
    assert AuditEvent.objects.filter(detail__needs_questionnaire="akpd_school").count() == 2


def test_a_bad_definition_is_refused_with_the_parsers_errors_and_nothing_is_written(org, users):
    row = questionnaire_copy(organization=org, base_code="dcm", by=users["coordinator"])
    bad = statements_of(get_instrument(row.code))
    bad[0] = StatementInput(bad[0].id, "Teks", "", "pribadi", "")  # no English
    with pytest.raises(NeedsEditError) as caught:
        questionnaire_save(
            organization=org, code=row.code, statements=bad, expected_version=1, by=users["coordinator"]
        )
    assert caught.value.code == "invalid"
    assert any("p01" in e and ".text" in e and "non-empty" in e for e in caught.value.errors)
    wrong_area = statements_of(get_instrument(row.code))
    wrong_area[0] = StatementInput("p01", "A", "B", "emosi", "")
    with pytest.raises(NeedsEditError) as caught:
        questionnaire_save(
            organization=org,
            code=row.code,
            statements=wrong_area,
            expected_version=1,
            by=users["coordinator"],
        )
    assert any("'emosi' is not a bidang" in e for e in caught.value.errors)
    assert OrganizationInstrument.objects.filter(code=row.code).count() == 1


def test_a_stale_save_is_refused(org, users):
    row = questionnaire_copy(organization=org, base_code="akpd", by=users["coordinator"])
    statements = statements_of(get_instrument(row.code))
    questionnaire_save(
        organization=org, code=row.code, statements=statements, expected_version=1, by=users["coordinator"]
    )
    with pytest.raises(NeedsEditError) as caught:
        questionnaire_save(
            organization=org,
            code=row.code,
            statements=statements,
            expected_version=1,
            by=users["coordinator"],
        )
    assert caught.value.code == "stale" and OrganizationInstrument.objects.filter(code=row.code).count() == 2


def test_codes_differ_between_organizations(org, other_org, users):
    ours = questionnaire_copy(organization=org, base_code="akpd", by=users["coordinator"])
    other_org.slug, other_org.name = "school-", "Other"
    other_org.save()
    theirs = questionnaire_copy(organization=other_org, base_code="akpd", by=users["outsider"])
    assert ours.code != theirs.code and theirs.code.startswith("akpd_school")


# --- Results -----------------------------------------------------------------------------------------


@pytest.fixture
def answered(org, users):
    """An AKPD round for the whole school: X-1 (12 students), X-2 (12), XI-1 (4, grade 11)."""
    today = timezone.localdate()
    people = []
    for class_name, grade, n in (("X-1", "10", 12), ("X-2", "10", 12), ("XI-1", "11", 4)):
        for i in range(n):
            membership, _user = make_person(org, f"{class_name}-{i}", grade=grade, class_name=class_name)
            people.append((membership, class_name, i))
    screening_round = round_schedule(
        organization=org,
        title="AKPD",
        instrument=AKPD,
        population="organization",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
        by=users["coordinator"],
    )
    for membership, class_name, i in people:
        yes = {"k07"}  # everyone: scholarships
        if class_name == "X-1":
            yes |= {"b04"}  # exams: the whole of X-1
        if i < 3:
            yes |= {"s01"}  # 3 in each class: a small count
        invitation = ScreeningInvitation.objects.get(
            screening_round=screening_round, person=membership.person
        )
        administration_record(
            organization=org,
            person=membership.person,
            instrument=AKPD,
            answers=[1 if item.id in yes else 0 for item in AKPD.items],
            invitation=invitation,
        )
    return screening_round


def test_shares_are_ranked_and_small_counts_hidden(org, answered):
    results = needs_results(organization=org, rounds=[answered])
    assert results.answered == 28 and not results.hidden
    first, second = results.statements[:2]
    assert (first.key, first.count, first.answered, first.share) == (("akpd", "k07"), 28, 28, 100)
    assert (second.key, second.count, second.share) == (("akpd", "b04"), 12, 43)
    s01 = next(s for s in results.statements if s.key == ("akpd", "s01"))
    assert s01.count == 9 and not s01.shown and s01.share is None  # 9 < 10: hidden
    zero = next(s for s in results.statements if s.key == ("akpd", "p01"))
    assert zero.shown and zero.share == 0  # nobody: shown
    hidden_at = results.statements.index(s01)
    assert all(s.shown for s in results.statements[:hidden_at])  # hidden ones come last
    with translation.override("id"):  # not whatever language an earlier test's request left active
        areas = {str(name): bars for name, bars in results.by_domain()}
    assert list(areas) == ["Pribadi", "Sosial", "Belajar", "Karier"]
    assert areas["Karier"][0].percent == 100 and areas["Karier"][0].text == "100% (28/28)"
    assert any(bar.value is None and bar.text == "*" for bar in areas["Sosial"])


def test_filters_by_grade_and_class_and_small_groups(org, answered):
    x2 = needs_results(organization=org, rounds=[answered], class_name="X-2")
    assert x2.answered == 12 and not x2.hidden and x2.statements[0].share == 100
    small = needs_results(organization=org, rounds=[answered], class_name="XI-1")
    assert (
        small.hidden_because == "small" and not any(s.shown for s in small.statements) and small.top() == []
    )
    # Grade 11 is XI-1 alone (4 students): the school's 28 minus grade 10's 24 would tell it, so
    # grade 10 is hidden too, and then one of its classes, or X-2 would tell grade 10.
    grade10 = needs_results(organization=org, rounds=[answered], grade="10")
    assert grade10.hidden_because == "protecting" and grade10.top() == []
    assert needs_results(organization=org, rounds=[answered], class_name="X-1").hidden_because == "protecting"
    assert needs_results(organization=org, rounds=[answered], grade="11").hidden_because == "small"


def test_no_hidden_count_can_be_found_by_subtracting_one_view_from_another(org, users, answered):
    """A second class in grade 11 (12 students) lets grade 10 be shown again: XI-1 is then
    protected by XI-2 within grade 11. No statement count of a hidden group, nor any small count,
    can be found as a view minus its other views."""
    for i in range(12):
        membership, _user = make_person(org, f"XI-2-{i}", grade="11", class_name="XI-2")
        invitation = ScreeningInvitation.objects.create(
            organization=org,
            screening_round=answered,
            person=membership.person,
            grade="11",
            class_name="XI-2",
        )
        marked = {"k07", "s01"} if i < 2 else {"k07"}
        administration_record(
            organization=org,
            person=membership.person,
            instrument=AKPD,
            answers=[1 if item.id in marked else 0 for item in AKPD.items],
            invitation=invitation,
        )
    views = {
        (): needs_results(organization=org, rounds=[answered]),
        ("10",): needs_results(organization=org, rounds=[answered], grade="10"),
        ("11",): needs_results(organization=org, rounds=[answered], grade="11"),
    }
    for class_name, grade in (("X-1", "10"), ("X-2", "10"), ("XI-1", "11"), ("XI-2", "11")):
        views[(grade, class_name)] = needs_results(organization=org, rounds=[answered], class_name=class_name)
    assert not views[("10",)].hidden and not views[()].hidden and not views[("11",)].hidden
    assert (
        views[("11", "XI-1")].hidden_because == "small"
        and views[("11", "XI-2")].hidden_because == "protecting"
    )
    assert not views[("10", "X-1")].hidden and not views[("10", "X-2")].hidden
    sums = [
        ((), [("10",), ("11",)]),
        (("10",), [("10", "X-1"), ("10", "X-2")]),
        (("11",), [("11", "XI-1"), ("11", "XI-2")]),
    ]

    def number(path, key):
        found = [s for s in views[path].statements if s.key == key]
        return found[0].count if found and found[0].shown else None

    for key in {s.key for s in views[()].statements}:
        for parent, kids in sums:
            numbers = [number(path, key) for path in (parent, *kids)]
            assert sum(n is None for n in numbers) != 1, (key, parent, numbers)
            assert all(n is None or n == 0 or n >= 10 for n in numbers), (key, numbers)
    # s01 was marked by 3 + 3 in grade 10 and 3 + 2 in grade 11: each of those hidden, the
    # school's 11 shown (it tells only the sum of two hidden grades).
    assert [number(path, ("akpd", "s01")) for path in [(), ("10",), ("11",)]] == [11, None, None]


def test_top_needs_for_the_program(org, other_org, answered):
    top = top_needs(organization=org, rounds=[answered], limit=2)
    assert [(t["item"], t["domain"], t["share"], t["count"], t["answered"]) for t in top] == [
        ("k07", "karier", 100, 28, 28),
        ("b04", "belajar", 43, 12, 28),
    ]
    assert top[0]["text_id"] == "Saya ingin tahu tentang beasiswa." and top[0]["risk"] is False
    assert top_needs(organization=org, rounds=[answered], class_name="XI-1") == []
    # Another organization's rounds count for nothing.
    assert top_needs(organization=other_org, rounds=[answered]) == []
    assert [r.pk for r in needs_rounds(org)] == [answered.pk] and needs_rounds(other_org) == []


# --- Pages -------------------------------------------------------------------------------------------


def test_the_results_page_shows_bars_and_the_top_needs_per_class(client_as, org, answered):
    url = reverse("needs_results", kwargs={"org": org.slug})
    for kind in ("counselor", "coordinator"):
        page = client_as(kind).get(url)
        html = page.content.decode()
        assert page.status_code == 200 and 'class="bar-fill"' in html and "100% (28/28)" in html
        assert 'id="needs-by-class"' in html
    by_class = {row[0]: row for row in page.context["by_class"]}
    assert by_class["XI-1"][1].hidden
    assert [s.key[1] for s in by_class["X-2"][2]] == ["k07"]  # all of X-2 marked it
    assert by_class["X-1"][1].hidden_because == "protecting"  # see the filters' test
    assert "Disembunyikan untuk melindungi kelas yang lebih kecil." in html  # the page is in Indonesian
    filtered = client_as("counselor").get(url, {"round": answered.pk, "class": "XI-1"}).content.decode()
    assert 'id="needs-hidden"' in filtered
    # A student's name never appears: aggregates only.
    assert "Person X-1-0" not in html


def test_the_coordinator_copies_and_edits_a_questionnaire(client_as, org):
    client = client_as("coordinator")
    response = client.post(reverse("needs_copy", kwargs={"org": org.slug, "code": "akpd"}))
    assert response.status_code == 302
    edit_url = response["Location"]
    page = client.get(edit_url)
    assert len(page.context["rows"]) == 40 and 'id="s-p01-text_id"' in page.content.decode()
    # A new statement without English or bidang: clear errors, nothing saved.
    bad = client.post(edit_url, {"version": "1", "item": "", "text_id": "Saya ingin belajar menabung."})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Tulis pernyataan dalam kedua bahasa." in html and "Pilih bidang pernyataan ini." in html
    assert OrganizationInstrument.objects.filter(code="akpd_school").count() == 1
    added = {
        "item": "",
        "text_id": "Saya ingin belajar menabung.",
        "text_en": "I want to learn to save money.",
    }
    added |= {"domain": "karier", "risk": "", "action": "save"}
    assert client.post(edit_url, {"version": "1", **added}).status_code == 302
    changed = {"item": "s10", "text_id": "Saya dirundung.", "text_en": "I am bullied.", "domain": "sosial"}
    changed |= {"risk": "crisis", "action": "save"}
    assert client.post(edit_url, {"version": "2", **changed}).status_code == 302
    assert client.post(edit_url, {"version": "3", "item": "p01", "action": "remove"}).status_code == 302
    latest = get_instrument("akpd_school")
    assert latest.version == 4 and len(latest.items) == 40 and latest.items[0].id == "p02"
    assert latest.items[-1].text.en == "I want to learn to save money."
    assert latest.risk_items[-1].item == "s10" and latest.risk_items[-1].level == "crisis"
    # A stale version is refused and the latest shown.
    stale = client.post(edit_url, {"version": "1", "item": "p02", "action": "remove"})
    assert stale.status_code == 400 and "Inilah versi terbaru." in stale.content.decode()
    assert get_instrument("akpd_school").version == 4
    # The round form offers the organization's own version.
    form = client.get(reverse("round_new", kwargs={"org": org.slug})).context["form"]
    assert "akpd_school" in dict(form.fields["instrument"].choices)


def test_items_from_the_needs_in_one_click_on_the_newest_round(client_as, org, users, answered):
    from sebaya.guidance.services import program as program_services

    client = in_english(client_as("counselor"))
    school = program_services.program_create(
        organization=org, by=users["coordinator"], school_year="2026/2027", with_defaults=False
    )
    detail = reverse("bk_program_detail", kwargs={"org": org.slug, "program": school.pk})
    page = client.get(detail).content.decode()
    # The round is offered on the program's page, chosen already.
    assert f'<option value="{answered.pk}" selected>AKPD</option>' in page
    make = reverse("bk_program_from_needs", kwargs={"org": org.slug, "program": school.pk})
    shown = client.post(make, {"needs_round": str(answered.pk)}, follow=True).content.decode()
    assert "items added from the needs found" in shown
    assert school.items.filter(need_share=100).exists()  # k07: everyone asked
    assert list(school.needs_rounds.all()) == [answered]  # remembered, as the texts page does
    # A grade with too few answers (4 in grade 11) says so instead of "0 items added".
    grade11 = program_services.program_create(
        organization=org, by=users["coordinator"], school_year="2026/2027", grade="11", with_defaults=False
    )
    make = reverse("bk_program_from_needs", kwargs={"org": org.slug, "program": grade11.pk})
    shown = client.post(make, {"needs_round": str(answered.pk)}, follow=True).content.decode()
    assert "No needs assessment results for grade 11" in shown and not grade11.items.exists()
    # Another organization's round (or nonsense) is refused.
    refused = client.post(make, {"needs_round": "not-a-round"}, follow=True).content.decode()
    assert "Choose one of the needs assessments offered." in refused
