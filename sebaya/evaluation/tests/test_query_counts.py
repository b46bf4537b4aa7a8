"""The dashboards cost the same number of queries for 3 records of each kind as for 30 (and the
network's for 3 organizations as for 30): every section reads its records with a fixed set of
aggregate or bounded queries, never one per row or per organization (issue 17, "fast at scale").

Records are made through the services where they are simple to call, and directly where the
dashboard only reads a table (rounds and invitations, activities, supervision), all dated now:
in the default period. The helpers of tests/test_query_counts.py do the counting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from sebaya.counseling import services as counseling
from sebaya.evaluation import period as periods
from sebaya.guidance.models import Activity, Attendance, Meeting
from sebaya.organizations.models import CrisisContact, Organization
from sebaya.people.models import Role
from sebaya.programs.models import SupervisionAttendance, SupervisionSession
from sebaya.safety import services as safety
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import ScreeningInvitation, ScreeningRound
from sebaya.screening.services import administration_record
from sebaya.support import services as support
from sebaya.support.models import PeerSession
from tests.test_query_counts import MANY, _check


def _seed_everything(org, users):
    """A seed(start, stop) making records of every kind the dashboard counts."""
    counselor = users["counselor"]
    today = timezone.localdate()
    now = timezone.now()
    supporter, _user = make_person(org, "E-sup", roles=(Role.MEMBER, Role.PEER_SUPPORTER), grade="11")
    profile = support.supporter_profile_save(membership=supporter, by=None, certified=True, capacity=MANY)
    partner = counseling.partner_save(organization=org, by=counselor, name="Puskesmas", kind="psychologist")
    screening_round = ScreeningRound.objects.create(
        organization=org, title="Skrining", instrument_code="phq9", instrument_version=1,
        population="everyone", opens_on=today, closes_on=today, opens_at=now, closes_at=now,
        reminder_at=now, created_by=counselor,
    )  # fmt: skip
    activity = Activity.objects.create(
        organization=org, kind=Activity.Kind.values[0], title="Kelas", audience=Activity.Audience.values[0],
        created_by=counselor,
    )  # fmt: skip
    meeting = Meeting.objects.create(activity=activity, starts_at=now, ends_at=now, held_at=now)
    phq9 = get_instrument("phq9")

    def seed(start, stop):
        for i in range(start, stop):
            grade, gender = ("10", "female") if i % 2 else ("11", "male")
            person = make_person(org, f"E-{i:03}", grade=grade, gender=gender)[0].person
            # Support: a request contacted and matched to a peer, a session; another stepped down.
            request, _code, _pin = support.help_request_submit(
                organization=org, person=person, topic="family"
            )
            support.first_contact_record(help_request=request, by=counselor)
            relationship = support.relationship_start(
                help_request=request, supporter_id=profile.pk, by=counselor
            )
            PeerSession.objects.create(
                relationship=relationship, date=today, mode=PeerSession.Mode.values[0], duration_minutes=30,
                mood_before=2, mood_after=3, logged_by=counselor,
            )  # fmt: skip
            other, _code, _pin = support.help_request_submit(organization=org, person=person, topic="study")
            support.step_down(help_request=other, by=counselor, note="Ke teman sebaya")
            # Counseling: a case with a session, a follow-up past its date and a referral.
            case = counseling.case_open(
                organization=org, person=person, by=counselor, summary="x", domain="pribadi"
            )
            counseling.session_record(case=case, by=counselor, date=today, discussed="x")
            counseling.follow_up_add(
                case=case, by=counselor, what="Telepon", due_on=today - datetime.timedelta(days=1)
            )
            counseling.referral_create(
                case=case, partner=partner, by=counselor, reason="x", shared=[], consent="person",
                consent_method="in_person",
            )  # fmt: skip
            # Safety and screening: an alert acknowledged, two measures, an invitation answered.
            alert = safety.alert_raise(
                organization=org, level="concern", source="counselor_mark", person=person
            )
            safety.alert_acknowledge(alert=alert, by=counselor)
            for answers in ([2] * 8 + [0], [1] * 8 + [0]):
                administration = administration_record(
                    organization=org, person=person, instrument=phq9, answers=answers
                )
            ScreeningInvitation.objects.create(
                organization=org, screening_round=screening_round, person=person,
                administration=administration, completed_at=now,
            )  # fmt: skip
            # Tier 0 and the program: present at the activity; a supervision session attended.
            supervision = SupervisionSession.objects.create(
                organization=org, starts_at=now, supervisor=counselor
            )
            Attendance.objects.create(meeting=meeting, person=person, present=True)
            SupervisionAttendance.objects.create(
                session=supervision, supporter=profile, present=True, rating=4
            )

    return seed


@pytest.mark.parametrize("choice", ["default", "year", "grade_and_gender"])
def test_the_organization_dashboard_costs_the_same_queries_for_3_records_as_for_30(
    org, users, client_as, choice
):
    this = periods.current(timezone.localdate())
    query = {
        "default": "",
        "year": f"?periode={this.year}-year",
        "grade_and_gender": f"?periode={this.code}&kelas=10&gender=female",
    }[choice]

    def shows(response, n):
        requests = response.context["dashboard"].table("first_contact")
        # Two requests a person; a count under 5 is hidden (an activity count's minimum).
        if choice != "grade_and_gender":  # requests are not split by grade or gender
            assert requests.total == (2 * n if 2 * n >= 5 else None)

    url = reverse("evaluation_dashboard", kwargs={"org": org.slug}) + query
    _check(client_as("coordinator"), url, _seed_everything(org, users), shows=shows)


def test_a_table_export_costs_the_same_queries_for_3_records_as_for_30(org, users, client_as):
    def shows(response, n):
        assert response["Content-Type"].startswith("text/csv")

    url = reverse("evaluation_table_export", kwargs={"org": org.slug, "key": "first_contact", "kind": "csv"})
    _check(client_as("coordinator"), url, _seed_everything(org, users), shows=shows)


def test_the_network_dashboard_costs_the_same_queries_for_3_organizations_as_for_30(
    org, network, users, client_as
):
    counselor = users["counselor"]

    def seed(start, stop):
        for i in range(start, stop):
            member = Organization.objects.create(slug=f"net-{i:03}", name=f"Sekolah {i:03}", network=network)
            CrisisContact.objects.create(organization=member, name="BK", phone="0800-1")
            # And records of every kind the network counts, in the network's first organization.
            person = make_person(org, f"N-{i:03}")[0].person
            request, _code, _pin = support.help_request_submit(
                organization=org, person=person, topic="family"
            )
            case = counseling.case_open(
                organization=org, person=person, by=counselor, summary="x", domain="pribadi"
            )
            counseling.session_record(case=case, by=counselor, date=timezone.localdate(), discussed="x")
            safety.alert_raise(organization=org, level="concern", source="counselor_mark", person=person)
            administration_record(
                organization=org, person=person, instrument=get_instrument("phq9"), answers=[1] * 8 + [0]
            )

    def shows(response, n):
        table = response.context["table"]
        assert len(table.rows) == n + 1  # the fixture's organization and the ones made here
        cases = table.column_totals["cases"]
        assert cases == (n if n >= 10 else None)

    url = reverse("network_evaluation", kwargs={"network": network.slug})
    _check(client_as("network_viewer"), url, seed, shows=shows)
