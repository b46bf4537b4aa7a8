"""A guardian's phone is a phone number (Indonesian forms), on the person page and in a roster."""

import pytest
from django.urls import reverse

from conftest import in_english
from sebaya.people.phones import is_phone
from sebaya.roster.parsing import parse_rows

GOOD = [
    "0812-3456-7890",
    "+62 812 3456 7890",
    "6281234567890",
    "081234567",
    "022-555-0101",
    " 0812 3456 7890 ",
]
BAD = [
    "08123",  # too short
    "0812345678901234",  # 16 digits
    "+62 0812 3456 789",  # the 0 is dropped after +62
    "+1 202 555 0100",  # not an Indonesian number
    "1234567890",
    "(022) 5550101",
    "call me: 0812345678",
    "0812/3456/7890",
    "-0812345678",
    "08-12",
    "0812\n3456789",
    "０８１２３４５６７８９",  # full-width digits
    "0８１２３４５６７８９",
]


@pytest.mark.parametrize("value", GOOD)
def test_indonesian_numbers_are_phones(value):
    assert is_phone(value)


@pytest.mark.parametrize("value", BAD)
def test_anything_else_is_not(value):
    assert not is_phone(value)


def edit(client, org, student, phone):
    return client.post(
        reverse("person_edit", kwargs={"org": org.slug, "person": student.person_id}),
        {
            "person-full_name": "Siti Student",
            "person-gender": "female",
            "person-guardian_name": "Ibu Siti",
            "person-guardian_phone": phone,
            "membership-external_id": "S-001",
            "membership-grade": "10",
            "membership-is_active": "on",
        },
    )


@pytest.mark.parametrize("phone", ["bukan nomor", "08123", "=HYPERLINK(1)"])
def test_the_person_page_refuses_a_guardian_phone_that_is_not_one(client_as, org, student, phone):
    response = edit(in_english(client_as("org_admin")), org, student, phone)
    assert response.status_code == 400
    assert "Please write a phone number such as 0812-3456-7890" in response.content.decode()
    student.person.refresh_from_db()
    assert student.person.guardian_phone == "" and student.person.guardian_name == ""  # nothing saved


def test_the_person_page_keeps_a_guardian_phone_as_written(client_as, org, student):
    assert edit(client_as("org_admin"), org, student, " +62 812-3456-7890 ").status_code == 302
    student.person.refresh_from_db()
    assert student.person.guardian_phone == "+62 812-3456-7890"


def test_a_roster_row_with_a_guardian_phone_that_is_not_one_has_an_error():
    header = ["nis", "nama", "hp wali"]
    rows, _columns, _ignored = parse_rows(
        header, [(2, ["1", "Siti", "0812-3456-7890"]), (3, ["2", "Budi", "x"])]
    )
    assert rows[0].errors == []
    assert len(rows[1].errors) == 1 and "x" in rows[1].errors[0]
