"""The organization's dashboard on records made for it: what it counts, what it hides, the
outcomes with their cautions, and the page with its exports."""

import datetime

import pytest
from django.urls import reverse

from sebaya.evaluation.dashboard import organization_dashboard
from sebaya.evaluation.period import YEAR, Period
from sebaya.evaluation.tables import Cut
from sebaya.evaluation.tests.measures import measure
from sebaya.kernel.suppression import ALL

TODAY = datetime.date(2026, 12, 6)
ODD = Period(2026, "1")
IN_ODD = datetime.date(2026, 8, 3)
LATER_IN_ODD = datetime.date(2026, 11, 2)


def board(org, period=ODD, **cut):
    return organization_dashboard(organization=org, period=period, cut=Cut(**cut), today=TODAY)


def test_outcomes_count_reliable_change_recovery_and_those_measured_once(org, pupils):
    # 20 people measured twice on the PHQ-9: 14 from 15 to 7 (reliable improvement and recovery),
    # 6 from 12 to 10 (no reliable change, still a case); 10 more measured once.
    for person in pupils[:14]:
        measure(org, person, total=15, day=IN_ODD)
        measure(org, person, total=7, day=LATER_IN_ODD)
    for person in pupils[14:20]:
        measure(org, person, total=12, day=IN_ODD)
        measure(org, person, total=10, day=LATER_IN_ODD)
    for person in pupils[20:30]:
        measure(org, person, total=9, day=IN_ODD)
    dashboard = board(org)
    rc = dashboard.table("outcomes_reliable_change")
    assert rc.value("phq9", "improved") == 14
    # 6 with no reliable change is a small group; the smallest other number of its line (the 10
    # measured once) hides with it, or 30 − 14 − 0 would give the 6 away.
    assert rc.value("phq9", "no_change") is None and rc.value("phq9", "once") is None
    assert rc.value("phq9", "deteriorated") == 0 and rc.row_totals["phq9"] == 30
    recovery = dashboard.table("outcomes_recovery")
    # 20 were cases at first: 14 recovered reliably, 6 are still cases. The 6 is small, and the 14
    # is the only other number of its line: both hide, the 20 stays.
    assert recovery.value("phq9", "still") is None and recovery.value("phq9", "reliable_recovery") is None
    assert recovery.row_totals["phq9"] == 20
    judged = {j.instrument.code: j for j in dashboard.outcomes}["phq9"]
    # The pairs are not shown while a part of them is hidden (their sum would give it away).
    assert judged.pairs is None and judged.too_few and judged.effect is None
    assert judged.threshold == 5.5 and judged.threshold_from == "points"


def test_the_effect_size_appears_from_12_pairs_with_its_interval(org, pupils):
    changes = [8, 7, 9, 6, 8, 10, 7, 8, 9, 6, 7, 8, 9, 10, 7, 8, 6, 9, 8, 7]
    for person, drop in zip(pupils[:20], changes, strict=True):
        measure(org, person, total=18, day=IN_ODD)
        measure(org, person, total=18 - drop, day=LATER_IN_ODD)
    judged = {j.instrument.code: j for j in board(org).outcomes}["phq9"]
    assert judged.pairs == 20 and judged.completion == 100 and not judged.too_few
    assert judged.effect.g > 3 and judged.effect.low < judged.effect.g < judged.effect.high
    # Grade 11 has 0 of these 20 pairs: nothing to judge, and said so.
    judged_11 = {j.instrument.code: j for j in board(org, grade="11").outcomes}["phq9"]
    assert judged_11.too_few and judged_11.effect is None


def test_a_semester_and_its_year_cannot_be_subtracted(org, pupils):
    # 12 improved in the odd semester and 3 in the even one: the year shows 15, so the odd
    # semester's 12 must hide too or the even semester's 3 would come out as 15 − 12.
    for person in pupils[:12]:
        measure(org, person, total=15, day=IN_ODD)
        measure(org, person, total=5, day=LATER_IN_ODD)
    for person in pupils[12:15]:
        measure(org, person, total=15, day=datetime.date(2027, 2, 1))
        measure(org, person, total=5, day=datetime.date(2027, 3, 1))
    # People are not added over semesters (a person can be in both), so the year is its own
    # count; the even semester's 3 is hidden in its own view.
    even = board(org, Period(2026, "2")).table("outcomes_reliable_change")
    assert even.value("phq9", "improved") is None


def test_reach_counts_people_at_each_level_of_care_new_or_returning(org, pupils, users):
    from sebaya.counseling.models import Case
    from sebaya.counseling.services.cases import case_open

    for person in pupils[:14]:  # the 14 girls of grade 10
        case = case_open(
            organization=org, person=person, by=users["counselor"], summary="Belajar", domain="belajar"
        )
        Case.objects.filter(pk=case.pk).update(
            opened_at=datetime.datetime(2026, 8, 10, 3, tzinfo=datetime.UTC)
        )
    dashboard = board(org)
    reach = dashboard.table("reach_by_tier")
    assert reach.value("counselor", "new") == 14 and reach.value("any", "new") == 14
    assert reach.value("peer", "new") == 0
    by_grade = dashboard.table("reach_by_grade")
    # 14 reached of all members, 24 members in grade 10. The few members without a grade (the
    # fixture's student) are a small group: hidden whole, with the numbers they could be worked
    # out from (grade 10's split, which the column totals would otherwise give away).
    assert by_grade.column_line()[0] == 14 and by_grade.row_totals["10"] == 24
    assert by_grade.row_totals[""] is None
    boys = board(org, gender="male").table("reach_by_grade")
    assert boys.value("11", "not_reached") is None  # grade 11 has 4 boys
    # Only the tier asked for, when one is chosen.
    assert [code for code, _l in board(org, tier="peer").table("reach_by_tier").rows] == ["peer"]


@pytest.mark.parametrize(
    "query", [{"periode": "2031-1"}, {"periode": "x"}, {"kelas": "13"}, {"gender": "robot"}]
)
def test_a_choice_that_is_not_offered_is_refused_with_a_message(client_as, org, query):
    client = client_as("coordinator")
    response = client.get(
        reverse("evaluation_dashboard", kwargs={"org": org.slug}), {"periode": "2026-1", **query}
    )
    assert response.status_code == 400
    assert b'class="errorlist' in response.content


def test_the_page_and_a_table_as_csv_and_xlsx(client_as, org, pupils):
    for person in pupils[:14]:
        measure(org, person, total=15, day=datetime.date.today() - datetime.timedelta(days=20))
    client = client_as("coordinator")
    url = reverse("evaluation_dashboard", kwargs={"org": org.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert b"section-outcomes" in page.content and b"table-screening_severity" in page.content
    csv = client.get(
        reverse(
            "evaluation_table_export", kwargs={"org": org.slug, "key": "screening_severity", "kind": "csv"}
        )
    )
    assert csv.status_code == 200 and "PHQ-9" in csv.content.decode("utf-8-sig")
    xlsx = client.get(
        reverse(
            "evaluation_table_export", kwargs={"org": org.slug, "key": "screening_severity", "kind": "xlsx"}
        )
    )
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    missing = client.get(
        reverse("evaluation_table_export", kwargs={"org": org.slug, "key": "nothing", "kind": "csv"})
    )
    assert missing.status_code == 404


def test_the_cut_is_all_when_nothing_is_chosen():
    assert Cut() == Cut(grade=ALL, gender=ALL, tier=ALL)
    assert Period(2026, YEAR).label


def test_sessions_each_month_hide_a_small_month_and_one_it_could_be_worked_out_from(org, pupils, users):
    from sebaya.counseling.models import CounselingSession
    from sebaya.counseling.services.cases import case_open

    case = case_open(
        organization=org, person=pupils[0], by=users["counselor"], summary="Belajar", domain="belajar"
    )
    for day, n in (
        (datetime.date(2026, 8, 4), 6),
        (datetime.date(2026, 9, 8), 3),
        (datetime.date(2026, 10, 6), 7),
    ):
        for _ in range(n):
            CounselingSession.objects.create(
                case=case, date=day, discussed="—", recorded_by=users["counselor"]
            )
    months = {m.day.month: m.counseling for m in board(org).months}
    assert list(months) == [7, 8, 9, 10, 11, 12]  # the school year so far (today is 6 December)
    assert months[9] is None  # 3 sessions
    # The semester's 16 would give September back from the other months: August (6) hides too.
    assert months[8] is None and months[10] == 7 and months[7] == 0


def test_the_period_campaigns_with_the_people_each_reached(org, users):
    from sebaya.guidance.models import Campaign

    Campaign.objects.create(
        organization=org, title="Pekan Sehat Jiwa", starts_on=datetime.date(2026, 10, 1),
        ends_on=datetime.date(2026, 10, 7), created_by=users["coordinator"],
    )  # fmt: skip
    Campaign.objects.create(
        organization=org, title="Kampanye lama", starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2025, 10, 7), created_by=users["coordinator"],
    )  # fmt: skip
    facts = next(s for s in board(org).sections if s.key == "activities").facts
    # Only the period's campaign; nobody came to its activities yet: 0 (a zero is shown).
    assert [(f.label, f.value) for f in facts] == [("Pekan Sehat Jiwa", "0")]


def test_a_table_taken_out_is_in_the_audit_trail(client_as, org):
    from sebaya.audit.models import AuditAction, AuditEvent

    client = client_as("coordinator")
    url = reverse("evaluation_table_export", kwargs={"org": org.slug, "key": "reach_by_tier", "kind": "xlsx"})
    assert client.get(url, {"periode": "2026-1", "gender": "female"}).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.REPORT_EXPORTED)
    assert event.detail["file"] == "reach_by_tier.xlsx" and event.detail["period"] == "2026-1"
    assert event.detail["gender"] == "female" and event.organization_id == org.pk
