"""Preview and apply: counts, all-or-nothing writes, updates by identifier, accounts and the audit trail."""

import datetime
import json

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from conftest import make_person
from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Membership, MembershipRole, Person, Role
from sebaya.roster import services
from sebaya.roster.models import RosterImport
from sebaya.roster.parsing import RosterFileError
from sebaya.roster.services import RosterChanged, roster_apply, roster_discard, roster_preview
from sebaya.roster.tests.helpers import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(users):
    return users["org_admin"]


@pytest.fixture
def preview(org, admin):
    def make(rows, *, name="roster.csv", organization=None, by=None, **csv_options):
        content = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows, **csv_options)
        return roster_preview(organization=organization or org, by=by or admin, name=name, content=content)

    return make


@pytest.fixture
def apply(admin):
    def run(roster_import, *, make_passwords=False):
        return roster_apply(roster_import=roster_import, by=admin, make_passwords=make_passwords)

    return run


def people_named(*names):
    return Person.objects.filter(full_name__in=names)


def membership(org, identifier):
    return Membership.objects.select_related("person").get(organization=org, external_id=identifier)


def snapshot():
    """Everything an import could write, to prove that a refused one wrote nothing."""
    return (
        sorted(Person.objects.values_list("id", "full_name", "gender", "birth_date")),
        sorted(Membership.objects.values_list("id", "external_id", "grade", "class_name", "is_active")),
        sorted(MembershipRole.objects.values_list("membership_id", "role")),
        sorted(User.objects.values_list("id", "username", "email", "password")),
        AuditEvent.objects.filter(action=AuditAction.ROSTER_IMPORTED).count(),
    )


# --- Preview -----------------------------------------------------------------------------------


def test_preview_counts_new_updates_and_errors_and_writes_no_people(org, student, preview):
    before = snapshot()
    roster_import = preview(
        [
            ["NIS", "Nama", "Kelas"],
            ["S-001", "Siti Student", "X-1"],  # already in the organization
            ["S-002", "Budi", "X-1"],
            ["S-003", "", "X-2"],  # error
            ["S-004", "Dewi", "X-2"],
            ["s-002", "Budi lagi", "X-2"],  # duplicate: error
        ]
    )
    assert snapshot() == before
    assert roster_import.status == RosterImport.Status.PREVIEW
    assert (
        roster_import.row_count,
        roster_import.new_count,
        roster_import.update_count,
        roster_import.error_count,
    ) == (
        5,
        2,
        1,
        2,
    )
    assert roster_import.columns == ["class_name", "full_name", "identifier"]
    stored = RosterImport.objects.get(pk=roster_import.pk)
    assert [(r["line"], r["action"], bool(r["errors"])) for r in stored.rows] == [
        (2, "update", False),
        (3, "new", False),
        (4, "new", True),
        (5, "new", False),
        (6, "new", True),
    ]
    assert stored.rows[4]["errors"][0] == "The identifier s-002 also appears on line 3."


def test_preview_refuses_a_bad_file_and_stores_nothing(org, admin):
    with pytest.raises(RosterFileError, match="identifier"):
        roster_preview(organization=org, by=admin, name="roster.csv", content=b"nama\nSiti\n")
    assert not RosterImport.objects.exists()


def test_preview_refuses_more_rows_than_the_setting_allows(org, admin, settings):
    settings.ROSTER_MAX_ROWS = 3
    content = csv_bytes([["nis", "nama"], *[[str(i), f"P{i}"] for i in range(4)]])
    with pytest.raises(RosterFileError, match="The file has 4 rows; at most 3"):
        roster_preview(organization=org, by=admin, name="roster.csv", content=content)
    settings.ROSTER_MAX_ROWS = 4
    assert roster_preview(organization=org, by=admin, name="roster.csv", content=content).row_count == 4


def test_identifier_of_another_organization_is_a_new_person_here(org, other_org_membership, preview, apply):
    roster_import = preview([["nis", "nama"], ["O-001", "Same Number, Other School"]])
    assert (roster_import.new_count, roster_import.update_count) == (1, 0)
    apply(roster_import)
    assert membership(org, "O-001").person.full_name == "Same Number, Other School"
    other_org_membership.person.refresh_from_db()
    assert other_org_membership.person.full_name == "Other Student"


# --- Errors that depend on the database ---------------------------------------------------------


def test_username_from_identifier_held_in_another_organization_gets_the_neutral_answer(users, preview):
    # "outsider" is the username of an admin of another organization: nothing says so.
    roster_import = preview([["nis", "nama"], ["OUTSIDER", "Someone"], ["S-9", "Fine"]])
    assert roster_import.error_count == 1
    assert roster_import.rows[0]["errors"] == [
        "The username “outsider” cannot be used. Give this row another one in a “username” column, "
        "for example “school.outsider”."
    ]
    assert not roster_import.rows[1]["errors"]


def test_username_column_clash_and_in_file_duplicate(users, preview):
    roster_import = preview(
        [
            ["nis", "nama", "username"],
            ["S-1", "A", "Counselor"],  # taken (case-insensitively) by a member of this organization
            ["S-2", "B", "budi"],
            ["S-3", "C", "BUDI"],  # twice in the file
            ["S-4", "D", "s-2"],  # the username S-2 would get... but S-2 chose "budi", so this is fine
        ]
    )
    errors = [r["errors"] for r in roster_import.rows]
    assert errors[0] == [
        "The username “counselor” already belongs to counselor person (id-counselor) in this "
        "organization. Give this row another one in a “username” column."
    ]
    assert errors[1] == []
    assert errors[2] == ["The username “budi” also appears on line 3."]
    assert errors[3] == []


def test_existing_person_keeps_their_own_username_and_email(org, preview):
    make_person(org, "S-100", username="siti100")
    User.objects.filter(username="siti100").update(email="siti@sekolah.id")
    roster_import = preview(
        [["nis", "nama", "username", "email"], ["S-100", "Siti", "SITI100", "Siti@Sekolah.id"]]
    )
    assert roster_import.error_count == 0
    assert roster_import.update_count == 1


def test_email_clash_with_another_account_and_within_the_file(org, users, preview):
    User.objects.filter(username="counselor").update(email="bk@sekolah.id")
    roster_import = preview(
        [
            ["nis", "nama", "email"],
            ["S-1", "A", "BK@sekolah.id"],
            ["S-2", "B", "ani@sekolah.id"],
            ["S-3", "C", "Ani@Sekolah.id"],
        ]
    )
    assert [r["errors"] for r in roster_import.rows] == [
        ["The email bk@sekolah.id already belongs to counselor person (id-counselor) in this organization."],
        [],
        ["The email ani@sekolah.id also appears on line 3."],
    ]
    assert roster_import.error_count == 2


# --- Apply: all rows or none ----------------------------------------------------------------------


def test_apply_writes_every_row(org, admin, preview, apply):
    roster_import = preview(
        [
            [
                "NISN",
                "Nama Lengkap",
                "Nama Panggilan",
                "L/P",
                "Tgl Lahir",
                "Tingkat",
                "Kelas",
                "Bahasa",
                "Nama Wali",
            ],
            ["20260001", "Siti Aminah", "Siti", "P", "02/01/2010", "10", "X-1", "id;jv", "Ibu Aminah"],
            ["20260002", "Budi Santoso", "", "L", "2009-12-31", "10", "X-2", "", ""],
        ]
    )
    apply(roster_import)
    siti = membership(org, "20260001")
    assert (siti.grade, siti.class_name, siti.is_active) == ("10", "X-1", True)
    person = siti.person
    assert (person.full_name, person.preferred_name, person.gender, str(person.birth_date)) == (
        "Siti Aminah",
        "Siti",
        "female",
        "2010-01-02",
    )
    assert (person.languages, person.guardian_name) == (["id", "jv"], "Ibu Aminah")
    assert siti.role_codes == ["member"]
    assert siti.roles.get().granted_by == admin
    budi = membership(org, "20260002").person
    assert (budi.gender, str(budi.birth_date), budi.preferred_name) == ("male", "2009-12-31", "")
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.APPLIED
    assert roster_import.applied_at is not None
    assert (roster_import.new_count, roster_import.update_count) == (2, 0)


def test_apply_from_xlsx(org, preview, apply):
    roster_import = preview(
        [["NIS", "Nama", "Tanggal Lahir"], [20260001.0, "Siti", datetime.date(2010, 1, 2)]],
        name="siswa.xlsx",
    )
    apply(roster_import)
    siti = membership(org, "20260001")
    assert str(siti.person.birth_date) == "2010-01-02"
    assert User.objects.get(person=siti.person).username == "20260001"


def test_apply_is_refused_while_rows_have_errors_and_writes_nothing(org, preview, apply):
    roster_import = preview([["nis", "nama", "jk"], ["S-1", "Good", "L"], ["S-2", "Bad", "X"]])
    assert roster_import.error_count == 1
    before = snapshot()
    with pytest.raises(RosterChanged):
        apply(roster_import)
    assert snapshot() == before
    assert not people_named("Good").exists()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEW
    assert len(roster_import.rows) == 2


def test_apply_rechecks_and_writes_nothing_when_the_database_changed(org, preview, apply):
    """All or nothing: rows 1 and 2 are fine, row 3 became invalid after the preview."""
    roster_import = preview([["nis", "nama"], ["S-1", "Ani"], ["S-2", "Budi"], ["S-3", "Candra"]])
    assert roster_import.error_count == 0
    User.objects.create_user(username="s-3")  # someone took the username row 3 was going to get
    before = snapshot()
    with pytest.raises(RosterChanged, match="no longer valid"):
        apply(roster_import)
    assert snapshot() == before
    assert not people_named("Ani", "Budi", "Candra").exists()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEW
    assert len(roster_import.rows) == 3


def test_a_failure_while_writing_rolls_back_the_rows_already_written(org, preview, apply, monkeypatch):
    roster_import = preview([["nis", "nama"], ["S-1", "Ani"], ["S-2", "Budi"], ["S-3", "Candra"]])
    seen = {}

    def fail_after_people_were_written(new_accounts, **_options):
        seen["people"] = Person.objects.filter(full_name__in=["Ani", "Budi", "Candra"]).count()
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_create_accounts", fail_after_people_were_written)
    before = snapshot()
    with pytest.raises(RuntimeError):
        apply(roster_import)
    assert seen == {"people": 3}  # they had been written…
    assert snapshot() == before  # …and are gone
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEW
    assert len(roster_import.rows) == 3


def test_a_database_conflict_while_writing_is_reported_and_rolls_back(org, preview, apply, monkeypatch):
    """A conflict that slips past the re-check (a request at the same moment) is a refusal, not a crash."""
    roster_import = preview([["nis", "nama"], ["S-1", "Ani"], ["S-2", "Budi"]])
    # The re-check runs before the other request writes: it finds no clash.
    monkeypatch.setattr(services, "roster_check", lambda *, organization, rows: {})
    User.objects.create_user(username="s-2")
    before = snapshot()
    with pytest.raises(RosterChanged):
        apply(roster_import)
    assert snapshot() == before
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEW


def test_apply_twice_is_refused(org, preview, apply):
    roster_import = preview([["nis", "nama"], ["S-1", "Ani"]])
    apply(roster_import)
    before = snapshot()
    with pytest.raises(RosterChanged, match="already confirmed or discarded"):
        apply(roster_import)
    assert snapshot() == before
    assert Membership.objects.filter(organization=org, external_id="S-1").count() == 1


def test_applied_and_discarded_imports_keep_counts_but_not_rows(org, preview, apply):
    applied = preview([["nis", "nama"], ["S-1", "Ani"], ["S-2", "Budi"]])
    apply(applied)
    discarded = preview([["nis", "nama"], ["S-3", "Candra"]])
    assert roster_discard(roster_import=discarded) is True
    applied.refresh_from_db()
    discarded.refresh_from_db()
    assert (applied.status, applied.rows, applied.row_count, applied.new_count) == ("applied", [], 2, 2)
    assert (discarded.status, discarded.rows, discarded.row_count) == ("discarded", [], 1)
    assert not people_named("Candra").exists()
    with pytest.raises(RosterChanged):
        apply(discarded)
    assert not people_named("Candra").exists()


def test_discard_does_not_touch_an_applied_import(org, preview, apply):
    roster_import = preview([["nis", "nama"], ["S-1", "Ani"]])
    apply(roster_import)
    assert roster_discard(roster_import=roster_import) is False
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.APPLIED


# --- Re-import updates people by their identifier ----------------------------------------------------


def test_reimport_updates_by_identifier_case_insensitively_and_keeps_empty_cells(
    org, student, preview, apply
):
    person = student.person
    person.birth_date = "2010-05-05"
    person.guardian_phone = "0812-1"
    person.save()
    people_before = Person.objects.count()
    roster_import = preview(
        [
            ["nis", "nama", "tingkat", "kelas", "tgl lahir", "hp wali"],
            ["s-001", "Siti Aminah", "", "X-3", "", ""],
        ]
    )
    assert (roster_import.new_count, roster_import.update_count, roster_import.error_count) == (0, 1, 0)
    apply(roster_import)
    assert Person.objects.count() == people_before
    assert Membership.objects.filter(organization=org, external_id__iexact="s-001").count() == 1
    student.refresh_from_db()
    person.refresh_from_db()
    assert student.external_id == "S-001"  # the recorded spelling is kept
    assert (person.full_name, student.grade, student.class_name) == ("Siti Aminah", "10", "X-3")
    assert (str(person.birth_date), person.guardian_phone) == ("2010-05-05", "0812-1")


def test_reimport_of_the_same_file_changes_nothing_but_counts_updates(org, preview, apply):
    rows = [["nis", "nama", "kelas"], ["S-1", "Ani", "X-1"], ["S-2", "Budi", "X-2"]]
    apply(preview(rows))
    before = snapshot()[:3]
    second = preview(rows)
    assert (second.new_count, second.update_count) == (0, 2)
    apply(second)
    assert snapshot()[:3] == before
    assert Person.objects.filter(full_name__in=["Ani", "Budi"]).count() == 2


def test_reimport_adds_roles_without_removing_others(org, preview, apply):
    existing, _user = make_person(org, "S-1", roles=[Role.MEMBER, Role.PEER_SUPPORTER])
    apply(
        preview(
            [
                ["nis", "nama", "peran"],
                ["S-1", "Ani", "Guru BK"],
                ["S-2", "Budi", ""],
                ["S-3", "Candra", "relawan"],
            ]
        )
    )
    assert existing.role_codes == ["counselor", "member", "peer_supporter"]
    assert membership(org, "S-2").role_codes == ["member"]  # new people without a role are members
    assert membership(org, "S-3").role_codes == ["field_worker"]
    # An update without roles keeps what the person holds.
    apply(preview([["nis", "nama"], ["S-3", "Candra"]]))
    assert membership(org, "S-3").role_codes == ["field_worker"]


def test_reimport_reactivates_a_deactivated_membership(org, student, preview, apply):
    student.is_active = False
    student.save()
    apply(preview([["nis", "nama"], ["S-001", "Siti Student"]]))
    student.refresh_from_db()
    assert student.is_active


# --- Accounts and temporary passwords ----------------------------------------------------------


def test_accounts_get_the_identifier_lowercased_as_username(org, preview, apply):
    passwords = apply(
        preview([["nis", "nama"], ["AB-77", "Ani"], ["20260001", "Budi"]]), make_passwords=False
    )
    assert passwords == []
    ani = User.objects.get(person=membership(org, "AB-77").person)
    assert ani.username == "ab-77"
    assert not ani.has_usable_password()
    assert not ani.must_change_password
    assert User.objects.get(person=membership(org, "20260001").person).username == "20260001"


def test_username_and_email_columns_are_used_for_new_accounts(org, preview, apply):
    apply(preview([["nis", "nama", "username", "email"], ["S-1", "Ani", "Ani.W", "Ani@Sekolah.id"]]))
    user = User.objects.get(person=membership(org, "S-1").person)
    assert (user.username, user.email) == ("ani.w", "ani@sekolah.id")


def test_temporary_passwords_sign_in_and_must_be_changed(org, preview, apply):
    passwords = apply(
        preview([["nis", "nama"], ["AB-77", "Ani Wulandari"], ["AB-78", "Budi"]]),
        make_passwords=True,
    )
    assert [(p["line"], p["name"], p["identifier"], p["username"]) for p in passwords] == [
        (2, "Ani Wulandari", "AB-77", "ab-77"),
        (3, "Budi", "AB-78", "ab-78"),
    ]
    assert len({p["password"] for p in passwords}) == 2
    for entry in passwords:
        assert len(entry["password"]) == 14
        user = authenticate(username=entry["username"], password=entry["password"])
        assert user is not None
        assert user.must_change_password
        assert user.person == membership(org, entry["identifier"]).person
        assert entry["password"] not in user.password  # only the hash is stored
        assert authenticate(username=entry["username"], password="wrong-" + entry["password"]) is None


def test_existing_accounts_keep_their_password(org, preview, apply):
    _membership, user = make_person(org, "S-1", username="siti")
    old_hash = user.password
    passwords = apply(preview([["nis", "nama"], ["S-1", "Siti"], ["S-2", "Budi"]]), make_passwords=True)
    assert [p["identifier"] for p in passwords] == ["S-2"]
    user.refresh_from_db()
    assert user.password == old_hash
    assert not user.must_change_password


def test_reimport_can_rename_an_existing_account(org, preview, apply):
    _membership, user = make_person(org, "S-1", username="siti")
    apply(preview([["nis", "nama", "username", "email"], ["S-1", "Siti", "siti.aminah", "siti@sekolah.id"]]))
    user.refresh_from_db()
    assert (user.username, user.email) == ("siti.aminah", "siti@sekolah.id")


def test_temporary_password_alphabet():
    from sebaya.accounts.credentials import PASSWORD_ALPHABET, temporary_password

    password = temporary_password()
    groups = password.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(PASSWORD_ALPHABET)
    assert not set("".join(groups)) & set("0o1li")


# --- Audit ---------------------------------------------------------------------------------------


def test_audit_event_with_counts_and_no_names(org, admin, student, preview, apply):
    roster_import = preview(
        [["nis", "nama", "email"], ["S-001", "Siti Student", ""], ["S-2", "Budi Rahasia", "budi@sekolah.id"]]
    )
    passwords = apply(roster_import, make_passwords=True)
    event = AuditEvent.objects.get(action=AuditAction.ROSTER_IMPORTED)
    assert (event.actor, event.organization) == (admin, org)
    # Siti was already a member without an account: she gets one too.
    assert event.detail == {"import": str(roster_import.pk), "new": 1, "updated": 1, "passwords_made": 2}
    stored = json.dumps(event.detail) + event.target_id + event.target_type
    secrets = [
        "Siti",
        "Budi",
        "Rahasia",
        "budi@sekolah.id",
        "S-2",
        "s-2",
        *(p["password"] for p in passwords),
    ]
    for secret in secrets:
        assert secret not in stored


def test_no_audit_event_when_nothing_is_imported(org, preview, apply):
    roster_import = preview([["nis", "nama"], ["S-1", ""]])
    with pytest.raises(RosterChanged):
        apply(roster_import)
    assert not AuditEvent.objects.filter(action=AuditAction.ROSTER_IMPORTED).exists()


# --- A full-size roster fits in one request -----------------------------------------------------------


def test_queries_do_not_grow_with_the_number_of_rows(
    org, admin, student, apply, django_assert_max_num_queries
):
    header = ["nis", "nama", "kelas", "peran", "email"]
    rows = [header, ["S-001", "Siti Student", "X-9", "konselor sebaya", "siti@sekolah.id"]]
    rows += [[f"N-{i}", f"New {i}", "X-1", "", f"n{i}@sekolah.id"] for i in range(150)]
    content = csv_bytes(rows)
    with django_assert_max_num_queries(15):
        roster_import = roster_preview(organization=org, by=admin, name="big.csv", content=content)
    assert roster_import.error_count == 0
    with django_assert_max_num_queries(30):
        passwords = apply(roster_import, make_passwords=True)
    assert len(passwords) == 151
    assert Membership.objects.filter(organization=org, external_id__startswith="N-").count() == 150
    assert membership(org, "S-001").role_codes == ["member", "peer_supporter"]


def test_temporary_passwords_use_a_lighter_work_factor_that_is_raised_at_first_sign_in(
    org, preview, apply, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    [entry] = apply(preview([["nis", "nama"], ["S-1", "Ani"]]), make_passwords=True)
    user = User.objects.get(username=entry["username"])
    algorithm, iterations, _salt, _hash = user.password.split("$")
    assert (algorithm, int(iterations)) == ("pbkdf2_sha256", services.TEMPORARY_PASSWORD_ITERATIONS)
    assert authenticate(username=entry["username"], password=entry["password"]) == user
    user.refresh_from_db()
    assert int(user.password.split("$")[1]) == PBKDF2PasswordHasher.iterations


def test_an_identifier_that_cannot_be_a_username_asks_for_a_username_column(org, preview, apply):
    header = ["nis", "nama", "username"]
    result = preview(
        [header, ["a@b", "Email Like", ""], ["12 34", "With Space", "with.space"], ["S-9", "Plain", ""]]
    )
    errors = {row["values"]["identifier"]: row["errors"] for row in result.rows}
    assert any("username" in e for e in errors["a@b"])
    assert errors["12 34"] == [] and errors["S-9"] == []


def test_previews_nobody_confirmed_are_discarded_after_a_day(org, preview):
    old = preview([["nis", "nama"], ["S-1", "Old Upload"]])
    RosterImport.objects.filter(pk=old.pk).update(created_at=old.created_at - datetime.timedelta(days=2))
    fresh = preview([["nis", "nama"], ["S-2", "New Upload"]])
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == RosterImport.Status.DISCARDED and old.rows == []
    assert fresh.status == RosterImport.Status.PREVIEW and fresh.rows


def test_a_preview_older_than_a_day_cannot_be_confirmed(org, preview, apply):
    old = preview([["nis", "nama"], ["S-1", "Old Upload"]])
    RosterImport.objects.filter(pk=old.pk).update(created_at=old.created_at - datetime.timedelta(days=2))
    old.refresh_from_db()
    with pytest.raises(RosterChanged):
        apply(old)
    assert not people_named("Old Upload").exists()


# --- Accounts of people who read confidential material (issue 11: admins cannot become counselors)


def test_an_import_never_makes_a_password_for_a_counselor(preview, apply, org):
    from sebaya.accounts.models import CredentialRequest
    from sebaya.mail.models import OutgoingEmail

    rows = [
        ["nis", "nama", "peran", "email"],
        ["G-1", "Bu Rina", "guru bk", "rina@sekolah.id"],
        ["G-2", "Pak Budi", "guru bk", ""],
        ["S-9", "Siti", "siswa", ""],
    ]
    passwords = apply(preview(rows), make_passwords=True)
    shown = {p["identifier"]: p for p in passwords}
    assert shown["S-9"]["password"]  # a student gets one to print
    assert shown["G-1"]["password"] is None and shown["G-1"]["instead"] == "link"
    assert shown["G-2"]["password"] is None and shown["G-2"]["instead"] == "second_admin"
    rina = User.objects.get(person__memberships__external_id="G-1")
    budi = User.objects.get(person__memberships__external_id="G-2")
    assert not rina.has_usable_password() and not budi.has_usable_password()
    assert OutgoingEmail.objects.filter(purpose="accounts.password_link", to="rina@sekolah.id").exists()
    assert CredentialRequest.objects.get(user=budi).state == "waiting"


def test_an_import_cannot_redirect_a_counselors_email(preview, apply, org, users):
    counselor = users["counselor"]
    counselor.email = "asli@sekolah.id"
    counselor.save()
    before = snapshot()
    roster_import = preview([["nis", "nama", "email"], ["id-counselor", "counselor person", "admin@x.id"]])
    assert roster_import.rows[0]["errors"] and "second admin" in roster_import.rows[0]["errors"][0]
    with pytest.raises(RosterChanged):
        apply(roster_import)
    counselor.refresh_from_db()
    assert counselor.email == "asli@sekolah.id" and snapshot() == before
