"""Needs questionnaires (kind "needs"): the file checks, the two shipped questionnaires, the alert
level of their risk statements, and a needs assessment filled in through a screening round."""

import copy
import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from sebaya.counseling.models import Domain
from sebaya.safety.models import Alert
from sebaya.screening.instruments import (
    DIRECTORY,
    NEEDS_AREAS,
    InstrumentError,
    UnknownInstrument,
    get_instrument,
    parse,
)
from sebaya.screening.models import Administration, ScreeningInvitation
from sebaya.screening.scoring import score
from sebaya.screening.services import administration_record, round_schedule

AKPD = get_instrument("akpd")
DCM = get_instrument("dcm")


def data(code="akpd"):
    return json.loads((DIRECTORY / f"{code}.v1.json").read_text(encoding="utf-8"))


def errors_of(definition):
    with pytest.raises(InstrumentError) as caught:
        parse(definition, name="test.json")
    return "\n".join(caught.value.errors)


def answers(instrument, yes=()):
    return [1 if item.id in yes else 0 for item in instrument.items]


@pytest.mark.parametrize("instrument", [AKPD, DCM], ids=lambda i: i.code)
def test_the_shipped_needs_questionnaires(instrument):
    assert instrument.kind == "needs" and instrument.is_needs
    assert len(instrument.items) == 40 and instrument.range == (0, 40)
    assert [s.code for s in instrument.subscales] == list(NEEDS_AREAS)
    assert all(len(s.items) == 10 for s in instrument.subscales)
    assert [(b.code, b.severity) for b in instrument.bands] == [("needs", "none")]
    assert all(item.values == (1, 0) for item in instrument.items)  # "Ya" first, then "Tidak"
    assert "kamu" in instrument.instructions.id and "Sebaya project" in instrument.licence.en
    assert {r.level for r in instrument.risk_items} == {"crisis", "concern"}
    # The bidang are the counseling domains' codes.
    assert set(NEEDS_AREAS) == set(Domain.values)


def test_the_total_counts_the_statements_marked_and_routes_nothing():
    result = score(AKPD, answers(AKPD, yes={"p01", "b04", "k07"}))
    assert (result.total, result.band, result.severity, result.flags) == (3, "needs", "none", [])
    assert result.subscales["belajar"]["score"] == 1


def test_alert_level_is_the_highest_raised():
    assert DCM.alert_level(["bullied"]) == "concern"
    assert DCM.alert_level(["bullied", "life_not_worth"]) == "crisis"
    assert get_instrument("phq9").alert_level(["suicidal_thoughts"]) == "crisis"  # the default


def test_a_needs_statement_outside_every_bidang_is_refused():
    definition = data()
    definition["subscales"][0]["items"].remove("p01")
    assert "a statement belongs to exactly one bidang subscale, not 0" in errors_of(definition)
    definition = data()
    definition["subscales"][1]["items"].append("p01")
    assert "a statement belongs to exactly one bidang subscale, not 2" in errors_of(definition)


def test_needs_subscales_are_bidang_and_bands_route_nothing():
    definition = data()
    definition["subscales"][0]["code"] = "emosi"
    assert "'emosi' is not a bidang" in errors_of(definition)
    definition = data()
    definition["bands"][0]["severity"] = "severe"
    assert "a needs questionnaire's bands have severity none" in errors_of(definition)


def test_a_risk_level_must_be_crisis_or_concern():
    definition = data()
    definition["risk_items"][0]["level"] = "urgent"
    assert "risk_items[0].level" in errors_of(definition)
    definition = data()
    del definition["risk_items"][1]["level"]
    assert parse(definition, name="x").risk_items[1].level == "crisis"


def test_other_kinds_are_unchanged_by_the_needs_rules():
    definition = data("phq4")
    definition["kind"] = "needs"
    errors = errors_of(copy.deepcopy(definition))
    assert "is not a bidang" in errors or "exactly one bidang" in errors
    assert parse(data("phq4"), name="x").kind == "screening"


def test_an_unknown_code_never_asks_the_database():
    # Only "<shipped needs code>_<suffix>" codes are looked for among organizations' versions.
    with pytest.raises(UnknownInstrument):
        get_instrument("phq99")
    with pytest.raises(UnknownInstrument):
        get_instrument("phq9_school")


# --- Filling in through a round -------------------------------------------------------------------------


@pytest.fixture
def akpd_round(org, users):
    member = users["member"]
    membership = member.person.memberships.get(organization=org)
    membership.grade, membership.class_name = "10", "X-1"
    membership.save()
    today = timezone.localdate()
    return round_schedule(
        organization=org,
        title="AKPD semester 1",
        instrument=AKPD,
        population="organization",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
        by=users["coordinator"],
    )


def test_round_new_offers_the_needs_questionnaires(client_as, org, users):
    page = client_as("coordinator").get(reverse("round_new", kwargs={"org": org.slug}))
    codes = [code for code, _label in page.context["form"].fields["instrument"].choices]
    assert {"akpd", "dcm", "phq9"} <= set(codes) and "satisfaction" not in codes


def test_a_student_fills_the_needs_questionnaire_through_the_invitation(client_as, org, users, akpd_round):
    invitation = ScreeningInvitation.objects.get(screening_round=akpd_round, person=users["member"].person)
    client = client_as("member")
    home = client.get(reverse("screening_home", kwargs={"org": org.slug})).content.decode()
    assert "Apa yang kamu butuhkan" in home and "AKPD" not in home
    url = reverse("invitation_fill", kwargs={"org": org.slug, "invitation": invitation.pk})
    form = client.get(url).content.decode()
    assert "Saya ingin tahu tentang beasiswa." in form
    post = {f"item_{item.id}": "1" if item.id in {"k07", "b04"} else "0" for item in AKPD.items}
    response = client.post(url, post)
    administration = Administration.objects.get(person=users["member"].person)
    assert response.status_code == 302
    assert (administration.instrument_code, administration.total, administration.flags) == ("akpd", 2, [])
    assert administration.screening_round == akpd_round and not administration.outreach_reason
    page = client.get(response["Location"]).content.decode()
    assert "Terima kasih atas jawabanmu" in page and "2 pernyataan ditandai" in page
    assert not Alert.objects.exists()


def test_a_concern_statement_raises_a_concern_alert(org, users, akpd_round):
    invitation = ScreeningInvitation.objects.get(screening_round=akpd_round, person=users["member"].person)
    administration = administration_record(
        organization=org,
        person=users["member"].person,
        instrument=AKPD,
        answers=answers(AKPD, yes={"s10"}),
        invitation=invitation,
    )
    alert = Alert.objects.get(person=users["member"].person)
    assert (alert.level, alert.source) == ("concern", "screening")
    assert "akpd:bullied" in alert.signals
    assert administration.outreach_reason == "risk"


def test_a_crisis_statement_raises_a_crisis_alert_and_the_student_sees_the_crisis_lines(
    client_as, org, users
):
    administration = administration_record(
        organization=org,
        person=users["member"].person,
        instrument=AKPD,
        answers=answers(AKPD, yes={"p10", "s10"}),
    )
    assert Alert.objects.get(person=users["member"].person).level == "crisis"
    url = reverse("administration_result", kwargs={"org": org.slug, "administration": administration.pk})
    page = client_as("member").get(url).content.decode()
    assert 'id="result-crisis"' in page and "0800-111" in page


def test_one_students_answers_are_for_counselors_only(client_as, org, users):
    administration = administration_record(
        organization=org, person=users["member"].person, instrument=DCM, answers=answers(DCM, yes={"k04"})
    )
    url = reverse("administration_result", kwargs={"org": org.slug, "administration": administration.pk})
    page = client_as("counselor").get(url)
    assert page.status_code == 200
    assert "Saya khawatir tidak bisa melanjutkan sekolah karena biaya." in page.content.decode()
    for kind in ("coordinator", "peer_supporter", "field_worker", "org_admin", "partner"):
        assert client_as(kind).get(url).status_code == 403, kind
    # A needs questionnaire is listed, not charted, on the person's results; it is no case measure.
    results = client_as("counselor").get(
        reverse("person_results", kwargs={"org": org.slug, "person": users["member"].person_id})
    )
    assert results.context["charts"] == [] and len(results.context["needs"]) == 1
