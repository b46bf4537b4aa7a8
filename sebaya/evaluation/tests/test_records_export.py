"""What a de-identified records file holds, and what it never holds.

The file must let an evaluator count, compare and measure intervals, and must not let anyone
name a person: no name, identifier, record id or written text anywhere in any cell; one random
code per person, the same in every sheet; every date of a person moved by the same random number
of days.
"""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone, translation

from conftest import make_person
from sebaya.counseling import services as counseling
from sebaya.counseling.models import Case, CounselingSession
from sebaya.evaluation import records_export_build, records_export_workbook
from sebaya.evaluation.tests.records_seed import build, cells, read, table
from sebaya.privacy.tests.seed import MINE, SECRETS, seed
from sebaya.support import services as support
from sebaya.support.models import HelpRequest

CODE = re.compile(r"^P-[0-9A-F]{6}$")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SHEETS_ID = [
    "BACA SAYA",
    "Orang",
    "Hasil skrining",
    "Permintaan bantuan",
    "Sesi pendampingan sebaya",
    "Kasus",
    "Sesi konseling",
    "Rujukan",
    "Peringatan",
]


def local(org, moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(org.timezone)).replace(tzinfo=None, second=0, microsecond=0)


@pytest.fixture
def seeded(org, users, other_org):
    return seed(org, users, other_org)


def test_every_kind_of_record_has_its_sheet_and_no_name_or_written_text_is_anywhere(org, users, seeded):
    export = build(org, users["org_admin"])
    sheets = read(export)
    assert list(sheets) == SHEETS_ID
    for title in SHEETS_ID[1:]:
        assert len(sheets[title]) > 1, f"{title} is empty"
    found = "\n".join(cells(sheets))
    # Every word a person or a counselor wrote, the supporter's and the students' names, phone numbers…
    for marker in [*MINE, *SECRETS, "0812-3456-7890", "Siti", "Bu Sri", "Round One"]:
        assert marker not in found, marker
    # …every name, identifier and record id of the organization's people and records.
    for membership in org.memberships.select_related("person"):
        assert membership.person.full_name not in found
        assert membership.external_id not in found
    assert not UUID.search(found)
    # The counts the page shows are the rows of the sheets.
    assert export.counts["people"] == len(sheets["Orang"]) - 1
    assert export.counts["cases"] == len(sheets["Kasus"]) - 1


def test_only_codes_from_fixed_lists_and_numbers_fill_the_record_sheets(org, users, seeded):
    sheets = read(build(org, users["org_admin"]))
    people = table(sheets, "Orang")
    assert people and all(CODE.match(row["Kode orang"]) for row in people)
    assert len({row["Kode orang"] for row in people}) == len(people)
    requests = table(sheets, "Permintaan bantuan")
    # The anonymous request is there, without a code.
    assert any(row["Kode orang"] is None for row in requests)
    assert {row["Topik"] for row in requests} >= {"Keluarga", "Duka dan kehilangan"}
    referral = table(sheets, "Rujukan")[0]
    assert referral["Jenis mitra"] == "Psikolog" and referral["Status"] == "Terkirim"


def test_a_person_has_one_code_in_every_sheet_and_a_new_one_in_the_next_file(org, users, seeded):
    first = read(build(org, users["org_admin"]))
    case = table(first, "Kasus")
    assert len(case) == 1  # the member's case alone
    code = case[0]["Kode orang"]
    assert code in {row["Kode orang"] for row in table(first, "Hasil skrining")}
    assert code in {row["Kode orang"] for row in table(first, "Permintaan bantuan")}
    assert code in {row["Kode orang"] for row in table(first, "Sesi pendampingan sebaya")}
    assert {row["Kode orang"] for row in table(first, "Sesi konseling")} == {code}
    assert [row["Kode orang"] for row in table(first, "Orang")].count(code) == 1
    # The peer supporter has a code of their own, and is among the people.
    supporter = table(first, "Sesi pendampingan sebaya")[0]["Kode konselor sebaya"]
    assert CODE.match(supporter) and supporter != code
    assert supporter in {row["Kode orang"] for row in table(first, "Orang")}

    second = read(build(org, users["org_admin"]))
    assert table(second, "Kasus")[0]["Kode orang"] != code
    assert not {r["Kode orang"] for r in table(first, "Orang")} & {
        r["Kode orang"] for r in table(second, "Orang")
    }


def test_dates_move_by_one_offset_per_person_so_intervals_stay_true(org, users):
    counselor = users["counselor"]
    person = make_person(org, "A-1", full_name="Ayu Lestari", grade="10")[0].person
    case = counseling.case_open(
        organization=org, person=person, by=counselor, summary="Cemas", domain="pribadi"
    )
    opened = timezone.now() - datetime.timedelta(days=20, hours=2)
    Case.objects.filter(pk=case.pk).update(opened_at=opened)
    today = timezone.localdate()
    for days_ago in (15, 5):
        counseling.session_record(
            case=case, by=counselor, date=today - datetime.timedelta(days=days_ago), discussed="x"
        )
    request, _code, _pin = support.help_request_submit(organization=org, person=person, topic="anxiety")
    asked = timezone.now() - datetime.timedelta(days=30, minutes=7)
    HelpRequest.objects.filter(pk=request.pk).update(
        created_at=asked, first_contact_at=asked + datetime.timedelta(hours=3, minutes=20)
    )

    sheets = read(build(org, users["org_admin"]))
    case_row = table(sheets, "Kasus")[0]
    code = case_row["Kode orang"]
    offset = case_row["Dibuka"] - local(org, opened)
    assert offset.seconds == 0 and -14 <= offset.days <= 14  # whole days, within two weeks
    sessions = sorted(row["Tanggal"] for row in table(sheets, "Sesi konseling"))
    true_days = sorted(CounselingSession.objects.values_list("date", flat=True))
    assert [
        shown - true
        for shown, true in zip(
            sessions, [datetime.datetime.combine(d, datetime.time()) for d in true_days], strict=True
        )
    ] == [offset, offset]
    assert sessions[1] - sessions[0] == datetime.timedelta(days=10)
    (asked_row,) = [row for row in table(sheets, "Permintaan bantuan") if row["Kode orang"] == code]
    assert asked_row["Diminta"] - local(org, asked) == offset
    assert asked_row["Kontak pertama"] - asked_row["Diminta"] == datetime.timedelta(hours=3, minutes=20)


def test_each_person_has_their_own_random_offset(org, users):
    """Six people asked for help at times told apart by the minute; whole-day shifts keep the time
    of day, so each row is found again. The offsets are not all the same (a chance of 29^-5 that
    six random draws agree)."""
    start = timezone.now() - datetime.timedelta(days=40)
    for n in range(6):
        person = make_person(org, f"B-{n}")[0].person
        request, _code, _pin = support.help_request_submit(organization=org, person=person, topic="academic")
        HelpRequest.objects.filter(pk=request.pk).update(
            created_at=start + datetime.timedelta(hours=n, minutes=n)
        )
    rows = table(read(build(org, users["org_admin"])), "Permintaan bantuan")
    offsets = set()
    for n in range(6):
        true = local(org, start + datetime.timedelta(hours=n, minutes=n))
        (row,) = [r for r in rows if r["Diminta"].time() == true.time()]
        offsets.add((row["Diminta"] - true).days)
    assert len(offsets) > 1 and all(-14 <= days <= 14 for days in offsets)


def test_small_grades_are_left_blank_and_ages_are_bands(org, users):
    for n in range(5):
        person = make_person(org, f"G-{n}", grade="10", birth_date=datetime.date(2010, 1, 1))[0].person
        support.help_request_submit(organization=org, person=person, topic="academic")
    alone = make_person(org, "G-9", grade="12", birth_date=datetime.date(1990, 5, 5))[0].person
    support.help_request_submit(organization=org, person=alone, topic="family")
    people = table(read(build(org, users["org_admin"])), "Orang")
    assert sorted(row["Tingkat"] or "" for row in people) == ["", "10", "10", "10", "10", "10"]
    assert all(row["Kelompok usia"] in {"13–15", "16–17", "25 ke atas"} for row in people)
    assert "1990" not in "".join(cells({"p": [list(r.values()) for r in people]}))


def test_only_the_period_is_in_the_file(org, users):
    person = make_person(org, "C-1")[0].person
    old, _code, _pin = support.help_request_submit(organization=org, person=person, topic="grief")
    HelpRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    support.help_request_submit(organization=org, person=person, topic="family")
    rows = table(read(build(org, users["org_admin"])), "Permintaan bantuan")
    assert [row["Topik"] for row in rows] == ["Keluarga"]


def test_the_readme_says_what_was_done_in_the_language_asked(org, users):
    export = build(org, users["org_admin"], language="en")
    sheets = read(export)
    assert list(sheets)[:3] == ["README", "People", "Screening results"]
    readme = "\n".join(cells({"r": sheets["README"]}))
    assert "Evaluasi program oleh Universitas Contoh" in readme  # the reason, as given
    assert "between -14 and +14" in readme and "same code in every sheet" in readme
    with translation.override("id"):
        assert records_export_workbook.sheets()[0][1] == "Orang"


def test_codes_and_offsets_come_from_a_secure_generator_not_from_ids(monkeypatch):
    drawn = []

    def token_hex(n):
        drawn.append(n)
        return "ABCDEF" if len(drawn) == 1 else "123456"

    monkeypatch.setattr(records_export_build.secrets, "token_hex", token_hex)
    monkeypatch.setattr(records_export_build.secrets, "randbelow", lambda n: 0)
    pseudonyms = records_export_build.Pseudonyms()
    assert pseudonyms.code("P", "anything") == "P-ABCDEF" == pseudonyms.code("P", "anything")
    assert pseudonyms.code("P", "another") == "P-123456"
    assert pseudonyms.offset(("person", 1)) == datetime.timedelta(days=-14)
