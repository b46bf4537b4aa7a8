"""What a person's own data export holds, and what it never holds."""

import json

import pytest
from django.utils import translation

from sebaya.kernel.personal_data import Section
from sebaya.privacy import exports
from sebaya.privacy.export_render import keys_of, label_for, to_html
from sebaya.privacy.export_sections import SCHEMA, SCHEMA_VERSION, sections
from sebaya.privacy.models import DataExport
from sebaya.privacy.tests.seed import MINE, SECRETS, seed


def build(org, user, *, language="en", worker="w1"):
    """Ask for an export as `user` and let the worker prepare it; the export and its JSON."""
    membership = user.person.memberships.get(organization=org)
    export = exports.export_request(membership=membership, by=user, language=language)
    assert exports.exports_tick(worker=worker) == 1
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY, export.error
    return export, json.loads(bytes(export.json_data))


@pytest.fixture
def seeded(org, users):
    return seed(org, users)


def test_the_export_holds_every_section_with_the_members_own_data(org, users, seeded):
    export, data = build(org, users["member"])
    assert data["schema"] == SCHEMA and data["schema_version"] == SCHEMA_VERSION
    assert data["generated_at"] and data["language"] == "en"
    assert data["person"]["id"] == str(users["member"].person_id)
    assert list(data["sections"]) == [section.key for section in sections()]
    text = json.dumps(data, ensure_ascii=False)
    for marker in MINE:
        assert marker in text, marker
    found = data["sections"]
    assert found["profile"]["person"]["guardian_name"] == "MINE-GUARDIAN"
    assert found["profile"]["membership"]["roles"] == ["member"]
    assert found["profile"]["account"]["username"] == "member"

    first = found["help_requests"][0]
    assert (first["topic"], first["details"], first["times"]) == ("family", "MINE-WORDS", ["mon_morning"])
    assert [a["value"] for a in first["check"]["answers"]] == [1, 1, 2, 1]
    assert first["check"]["answers"][0]["answer"] == "Several days"
    assert first["check"]["safety_answer"] is False and first["check"]["total"] == 5
    assert [(r["sender"], r["text"]) for r in first["replies"]] == [
        ("staff", "MINE-STAFF-REPLY"),
        ("you", "MINE-REPLY-FROM-ME"),
    ]

    relationship = found["peer_support"]["relationships"][0]
    assert [(m["sender"], m["text"]) for m in relationship["messages"]] == [
        ("you", "MINE-MESSAGE"),
        ("supporter", "MINE-SUPPORTER-MESSAGE call me [number hidden]"),  # as shown in the app
    ]
    assert relationship["sessions"] == [
        {
            "date": relationship["sessions"][0]["date"],
            "mode": "chat",
            "minutes": 30,
            "topics": ["family"],
            "mood_before": 2,
            "mood_after": 4,
        }
    ]
    assert relationship["feedback"]["comment"] == "MINE-FEEDBACK" and relationship["feedback"]["rating"] == 5
    assert [step["kind"] for step in found["peer_support"]["steps"]] == ["step_up"]

    result = found["screening_results"][0]
    assert (result["instrument_code"], result["total"], len(result["answers"])) == ("phq9", 9, 10)
    assert result["flags"] and result["answers"][8]["value"] == 1
    assert found["screening_invitations"][0]["screening_round"] == "Round One"
    assert {(a["level"], a["source"]) for a in found["alerts"]} == {
        ("crisis", "screening"),
        ("concern", "concern_flag"),
    }

    case = found["cases"][0]
    assert (case["number"], case["domain"], case["status"]) == (1, "pribadi", "dirujuk")
    assert case["sessions"][0]["service"] == "konseling_individu"
    assert case["referrals"][0]["partner"] == "MINE-PARTNER" and case["referrals"][0]["shared"] == ["summary"]
    assert case["home_visits"] and case["conferences"]

    recruitment = found["peer_supporter_recruitment"]
    assert recruitment["nominations"][0]["round"] == "Recruitment 2026"
    # Decided but not announced: the applicant still sees "being considered", as in the app.
    assert recruitment["applications"][0]["application_status"] == "submitted"
    assert found["peer_supporter_training"]["supporter"] is None
    (consent,) = found["consents"]  # the one the referral rests on
    assert (consent["purpose"], consent["given_by"], consent["withdrawn_at"]) == ("referral", "self", None)


def test_no_working_note_and_nobody_elses_data_reaches_the_json_or_the_pdf(org, users, seeded):
    export, data = build(org, users["member"])
    text = json.dumps(data, ensure_ascii=False)
    html = to_html(data)  # the page the stored PDF was printed from
    assert export.pdf_data and bytes(export.pdf_data).startswith(b"%PDF")
    for marker in MINE:
        assert marker in html, marker
    for marker in SECRETS:
        assert marker not in text, marker
        assert marker not in html, marker


def test_a_supporters_export_counts_the_people_they_accompany_but_never_holds_their_data(org, users, seeded):
    _export, data = build(org, users["peer_supporter"])
    training = data["sections"]["peer_supporter_training"]
    assert training["supporter"]["people_accompanied"] == 3 and training["supporter"]["sessions_logged"] == 1
    assert training["supporter"]["certified"] is True
    assert training["modules"][0]["read_at"] and training["practice"][0]["passed"] is True
    assert training["supervision"][0]["present"] is True
    text = json.dumps(data, ensure_ascii=False)
    assert "Peer-Supporter-Full-Name" in text  # their own name
    for marker in [*MINE[1:], *SECRETS[:-1], "SECRET-PRACTICE-NOTE"]:
        assert marker not in text, marker
    assert data["sections"]["peer_support"]["relationships"] == []


def test_every_key_of_every_section_has_a_label_in_both_languages(org, users, seeded):
    for user in (users["member"], users["peer_supporter"]):
        _export, data = build(org, user)
        for section in sections():
            for key in keys_of(data["sections"][section.key]):
                assert label_for(key, section), (section.key, key)
        DataExport.objects.update(status=DataExport.Status.DELETED)


def test_the_copy_is_in_the_language_asked_for(org, users, seeded):
    _export, indonesian = build(org, users["member"], language="id")
    html = to_html(indonesian)
    with translation.override("id"):
        assert "Keluarga" in html and "Family" not in html  # the topic's label
    assert indonesian["sections"]["help_requests"][0]["topic"] == "family"  # codes stay codes
    assert indonesian["sections"]["help_requests"][0]["check"]["answers"][0]["answer"] == "Beberapa hari"


def test_an_app_joins_the_export_with_one_section(monkeypatch, org, users):
    """The registry is the only list: a new section lands in both files with its labels."""
    import sebaya.privacy.export_sections as registry

    monkeypatch.setattr(registry, "SECTIONS", [*registry.SECTIONS, f"{__name__}.EXTRA"])
    registry.sections.cache_clear()
    try:
        _export, data = build(org, users["member"])
    finally:
        registry.sections.cache_clear()
    assert data["sections"]["extra"] == [{"agreed_on": "2026-01-02", "purpose": "research"}]
    html = to_html(data)
    assert "Agreed on" in html and "Taking part in research" in html and "2 January 2026" in html


EXTRA = Section(
    key="extra",
    title="Extra",
    collect=lambda *, person, organization: [{"agreed_on": "2026-01-02", "purpose": "research"}],
    labels={"agreed_on": "Agreed on", "purpose": "Purpose"},
    choices={"purpose": [("research", "Taking part in research")]},
)
