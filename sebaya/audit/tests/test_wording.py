"""The audit trail reads as sentences in the reader's language, never as keys, codes or ids."""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import in_english
from sebaya.audit import wording
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record


def event(action, detail=None, target_type=""):
    return SimpleNamespace(action=action, detail=detail or {}, target_type=target_type)


@pytest.mark.parametrize(
    ("made", "name", "english", "indonesian"),
    [
        (
            event(AuditAction.RECORD_VIEWED, {"view": "person_detail"}, "people.person"),
            "Aulia Pratama",
            "Viewed the record of Aulia Pratama",
            "Melihat data Aulia Pratama",
        ),
        (
            event(AuditAction.RECORD_CHANGED, {"case": "follow_up_added"}, "counseling.case"),
            "Aulia Pratama",
            "Case of Aulia Pratama: follow-up added",
            "Kasus Aulia Pratama: tindak lanjut ditambahkan",
        ),
        (
            event(AuditAction.RECORD_CHANGED, {"case": "status:proses"}, "counseling.case"),
            "",
            "A case: status set to in progress",
            "Sebuah kasus: status diubah menjadi dalam proses",
        ),
    ],
)
def test_events_in_words(made, name, english, indonesian):
    with translation.override("en"):
        assert wording.describe(made, name=name) == english
    with translation.override("id"):
        assert wording.describe(made, name=name) == indonesian


def test_an_unknown_code_still_reads_as_words():
    with translation.override("en"):
        assert (
            wording.describe(event(AuditAction.RECORD_CHANGED, {"case": "new_code_42"})) == "A case: changed"
        )
        assert wording.describe(event(AuditAction.RECORD_CHANGED, {"mystery": 1}), name="Aulia") == (
            "Sensitive record changed: Aulia"
        )


def test_role_changes_name_the_roles():
    made = event(AuditAction.ROLES_CHANGED, {"added": ["counselor"], "removed": ["member"]})
    with translation.override("en"):
        words = wording.describe(
            made, name="Budi", role_labels={"counselor": "Counselor", "member": "Member"}
        )
    assert words == "Roles of Budi changed: given Counselor; no longer Member"


def test_every_known_code_has_words_in_both_languages():
    for area, changes in wording.CHANGES.items():
        for code in changes:
            made = event(AuditAction.RECORD_CHANGED, {area: code})
            with translation.override("en"):
                english = wording.describe(made, name="Aulia")
            with translation.override("id"):
                indonesian = wording.describe(made, name="Aulia")
            for words in (english, indonesian):
                assert "_" not in words and "status:" not in words, (area, code, words)
            assert indonesian != english, (area, code)  # translated


def test_the_audit_page_shows_sentences_not_keys(client_as, users, org, student):
    record(
        action=AuditAction.RECORD_VIEWED, actor=users["counselor"], organization=org, target=student.person
    )
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=users["counselor"],
        organization=org,
        subject_person_id=student.person_id,
        detail={"case": "status:proses"},
    )
    client = client_as("org_admin")
    page = client.get(reverse("audit_list", kwargs={"org": org.slug})).content.decode()
    assert "Melihat data Siti Student" in page
    assert "Kasus Siti Student: status diubah menjadi dalam proses" in page
    body = re.sub(r"<[^>]+>", " ", page)
    assert "status:proses" not in body and "case:" not in body and str(student.person_id) not in body
    english = in_english(client_as("org_admin")).get(reverse("audit_list", kwargs={"org": org.slug}))
    assert "Viewed the record of Siti Student" in english.content.decode()
