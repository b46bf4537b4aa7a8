"""`sebaya generate`: the counts asked for, the same data for the same seed, dates over the
months, results as the scorer gives them, nothing across organizations, a clear refusal."""

import datetime
import hashlib
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from sebaya.accounts.models import User
from sebaya.counseling.models import Case, CaseMeasure, CounselingSession
from sebaya.organizations.models import Network, Organization
from sebaya.people.models import Membership, MembershipRole, Person, Role
from sebaya.safety.models import Alert, AlertAction
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration, ScreeningInvitation
from sebaya.screening.scoring import score
from sebaya.support.models import HelpRequest, Message, PeerSession, SupportRelationship

TODAY = datetime.date(2026, 6, 15)
SMALL = {
    "networks": 2,
    "orgs": 4,
    "people": 400,
    "screening_results": 900,
    "sessions": 160,
    "help_requests": 90,
    "messages": 300,
    "cases": 30,
    "months": 6,
    "today": TODAY,
}


def _generate(**extra):
    call_command("generate", **{**SMALL, **extra})


def _checksum() -> str:
    """A digest of key columns of the main tables, in a fixed order."""
    digest = hashlib.sha256()
    for rows in (
        Person.objects.order_by("id").values_list("id", "full_name", "gender", "birth_date"),
        Membership.objects.order_by("id").values_list("id", "organization__slug", "grade", "class_name"),
        Administration.objects.order_by("id").values_list("id", "person_id", "total", "band", "created_at"),
        HelpRequest.objects.order_by("id").values_list(
            "id", "tier", "status", "created_at", "first_contact_at"
        ),
        Message.objects.order_by("created_at", "body").values_list("relationship_id", "body", "created_at"),
        Case.objects.order_by("id").values_list(
            "id", "number", "status", "opened_at", "closed_at", "outcome"
        ),
        Alert.objects.order_by("id").values_list("id", "created_at", "acknowledged_at", "step"),
        User.objects.order_by("username").values_list("username", "person_id"),
    ):
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()


class Rollback(Exception):
    pass


def _checksum_of_a_run(**extra) -> str:
    """Generate into the empty database, take the checksum, and roll it all back."""
    checksum = ""
    try:
        with transaction.atomic():
            _generate(**extra)
            checksum = _checksum()
            raise Rollback
    except Rollback:
        pass
    assert not Organization.objects.exists()
    return checksum


def test_builds_the_counts_asked_for(db, capsys):
    _generate()
    orgs = Organization.objects.filter(slug__startswith="gen-")
    assert orgs.count() == 4 and Network.objects.count() == 2
    assert MembershipRole.objects.filter(role=Role.MEMBER, membership__organization__in=orgs).count() == 400
    assert Administration.objects.count() == 900
    assert HelpRequest.objects.count() == 90
    assert Message.objects.count() == 300
    assert Case.objects.count() == 30
    assert CounselingSession.objects.count() + PeerSession.objects.count() == 160
    assert PeerSession.objects.exists() and CounselingSession.objects.exists()
    # Most people measured twice or more, so before-and-after comparisons exist.
    per_person = {}
    for person_id in Administration.objects.filter(screening_round__isnull=False).values_list(
        "person_id", flat=True
    ):
        per_person[person_id] = per_person.get(person_id, 0) + 1
    assert sum(n >= 2 for n in per_person.values()) > 0.5 * len(per_person)
    assert (
        CaseMeasure.objects.filter(moment="intake").exists()
        and CaseMeasure.objects.filter(moment="closing").exists()
    )
    assert (
        Alert.objects.exists()
        and AlertAction.objects.filter(kind="acknowledged").count() == Alert.objects.count()
    )
    assert not Alert.objects.filter(
        state=Alert.State.OPEN
    ).exists()  # nothing left for the worker to escalate
    # Staff can sign in with the printed password; the roles that must use two-step sign-in have it.
    counselor = User.objects.get(username="gen-1-konselor1")
    assert counselor.check_password("sebaya-generated") and counselor.has_totp()
    assert "gen-1-konselor1" in capsys.readouterr().out
    # Accounts were written with their ids: the next account made the usual way follows them.
    assert User.objects.create(username="after-generate").pk > counselor.pk


def test_same_seed_same_data_another_seed_other_data(db):
    first = _checksum_of_a_run(seed=7)
    assert first == _checksum_of_a_run(seed=7)
    assert first != _checksum_of_a_run(seed=8)


def test_dates_spread_over_the_months_and_none_after_the_history(db):
    _generate()
    zone = zoneinfo.ZoneInfo("Asia/Jakarta")
    start = datetime.datetime.combine(TODAY - datetime.timedelta(days=190), datetime.time(), zone)
    end = datetime.datetime.combine(TODAY, datetime.time(), datetime.timezone(datetime.timedelta(hours=9)))
    for model, field in [
        (HelpRequest, "created_at"),
        (Message, "created_at"),
        (Case, "opened_at"),
        (Administration, "created_at"),
        (Alert, "created_at"),
        (Person, "created_at"),
    ]:
        moments = list(model.objects.values_list(field, flat=True))
        assert all(moment < end for moment in moments), model
        if model is not Person:
            assert all(moment >= start for moment in moments), model
            assert len({(m.year, m.month) for m in moments}) >= (
                4 if model in (Administration, Alert) else 6
            ), model
    # The first contact comes after the request, minutes to days later.
    for created, contact in HelpRequest.objects.filter(first_contact_at__isnull=False).values_list(
        "created_at", "first_contact_at"
    ):
        assert contact > created


def test_results_are_the_scorers(db):
    _generate()
    for admin in Administration.objects.all():
        result = score(get_instrument(admin.instrument_code, admin.instrument_version), admin.answers)
        assert (result.total, result.band, result.severity, result.flags) == (
            admin.total,
            admin.band,
            admin.severity,
            admin.flags,
        )
        assert (
            bool(admin.flags)
            == Alert.objects.filter(source_ref=f"screening.administration:{admin.pk}").exists()
        )
    severities = set(Administration.objects.values_list("severity", flat=True))
    assert {"none", "mild", "moderate"} <= severities


def test_nothing_belongs_to_another_organization(db):
    _generate()
    members = set(Membership.objects.values_list("person_id", "organization_id"))
    assert len({person for person, _org in members}) == len(members)  # one organization per person
    for model in (Case, Alert, Administration, HelpRequest, SupportRelationship, ScreeningInvitation):
        rows = model.objects.filter(person__isnull=False).values_list("person_id", "organization_id")
        assert set(rows) <= members, model
    for relationship in SupportRelationship.objects.select_related("supporter"):
        assert relationship.supporter.organization_id == relationship.organization_id
    for measure in CaseMeasure.objects.select_related("case", "administration"):
        assert measure.administration.person_id == measure.case.person_id
        assert measure.administration.organization_id == measure.case.organization_id
    for case in Case.objects.prefetch_related("counselors__person__memberships"):
        for counselor in case.counselors.all():
            assert case.organization_id in {m.organization_id for m in counselor.person.memberships.all()}


def test_a_second_run_is_refused_and_writes_nothing(db):
    _generate(people=50, screening_results=60, sessions=10, help_requests=10, messages=10, cases=5)
    counts = (Person.objects.count(), Administration.objects.count(), User.objects.count())
    with pytest.raises(CommandError, match="exist already; nothing was written"):
        _generate(seed=2)
    assert counts == (Person.objects.count(), Administration.objects.count(), User.objects.count())
    with pytest.raises(CommandError, match="Nothing was written"):
        _generate(orgs=0)


def test_the_generated_records_open_on_their_pages(db, client):
    """The generator writes the tables directly: its rows must read as the services' rows do
    (a peer thread's match reasons once came out in a shape the page could not read)."""
    from django.urls import reverse

    _generate()
    relationship = SupportRelationship.objects.filter(
        supporter__membership__person__user__isnull=False
    ).first()
    client.force_login(relationship.supporter.membership.person.user)
    org = relationship.organization.slug
    page = client.get(reverse("relationship_detail", kwargs={"org": org, "relationship": relationship.pk}))
    assert page.status_code == 200
    assert page.context["match_reasons"]  # the reasons the matcher gives, in words

    case = Case.objects.filter(counselors__isnull=False).first()
    client.force_login(case.counselors.first())
    page = client.get(reverse("case_detail", kwargs={"org": case.organization.slug, "case": case.pk}))
    assert page.status_code == 200
