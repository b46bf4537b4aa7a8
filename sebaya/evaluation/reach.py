"""Reach: the people helped at each level of care, new or returning, and the share of members
reached in each grade."""

from __future__ import annotations

from collections import Counter

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import Case, CounselingSession, Referral
from sebaya.evaluation.context import Context
from sebaya.evaluation.period import YEAR, term_of
from sebaya.evaluation.tables import ONE, Spec
from sebaya.kernel.suppression import SCREENING_MINIMUM
from sebaya.people.models import Membership, Role
from sebaya.support.models import PeerSession, SupportRelationship

PEER, COUNSELOR, REFERRAL, ANY = "peer", "counselor", "referral", "any"
TIERS = [
    (PEER, _("Peer supporter")),
    (COUNSELOR, _("Counselor (guru BK)")),
    (REFERRAL, _("Referred to a specialist")),
    (ANY, _("Any level of care")),
]

BY_TIER = Spec(
    key="reach_by_tier",
    title=_("People helped, by level of care"),
    row_header=_("Level of care"),
    rows=TIERS,
    columns=[("new", _("New")), ("returning", _("Returning"))],
    minimum=SCREENING_MINIMUM,
    people=True,
    rows_add_up=False,  # someone helped by a peer and a counselor is in both rows, once in "any"
    rows_are="tier",
    note=_(
        "New: helped for the first time in this period. "
        "Someone helped at two levels is counted in both, and once under any level."
    ),
)
BY_GRADE = Spec(
    key="reach_by_grade",
    title=_("Members reached, by grade"),
    row_header=_("Grade"),
    rows=[],
    columns=[("reached", _("Reached")), ("not_reached", _("Not reached"))],
    minimum=SCREENING_MINIMUM,
    people=True,
    rows_are="grade",
    note=_(
        "Members: everyone with the member role here. Reached: helped at any level of care in the period."
    ),
)


def care_events(ctx: Context):
    """(semester as year × 10 + term, person id, level of care) of every contact with care in the
    school years shown; the database works out the semester (`Context.term`)."""
    start, end = ctx.span
    first_day, last_day = ctx.span_days
    org = ctx.organization
    sources = [
        (SupportRelationship.objects.filter(organization=org, started_at__gte=start, started_at__lt=end),
         "person_id", ctx.term("started_at"), PEER),
        (PeerSession.objects.filter(relationship__organization=org, date__gte=first_day, date__lt=last_day),
         "relationship__person_id", ctx.term("date", is_date=True), PEER),
        (Case.objects.filter(organization=org, opened_at__gte=start, opened_at__lt=end),
         "person_id", ctx.term("opened_at"), COUNSELOR),
        (CounselingSession.objects.filter(case__organization=org, date__gte=first_day, date__lt=last_day),
         "case__person_id", ctx.term("date", is_date=True), COUNSELOR),
        (Referral.objects.filter(organization=org, created_at__gte=start, created_at__lt=end),
         "case__person_id", ctx.term("created_at"), REFERRAL),
    ]  # fmt: skip
    for queryset, person, term, tier in sources:
        # Each person once per semester and level: the tally counts people, not contacts.
        for person_id, code in queryset.annotate(term=term).values_list(person, "term").distinct():
            yield code, person_id, tier


def first_care(ctx: Context) -> dict:
    """Each person's first contact with any care here, ever (a date): new or returning."""
    org = ctx.organization
    firsts: dict = {}
    for rows in (
        SupportRelationship.objects.filter(organization=org)
        .values("person_id")
        .annotate(first=Min("started_at")),
        Case.objects.filter(organization=org).values("person_id").annotate(first=Min("opened_at")),
    ):
        for row in rows:
            day = row["first"].astimezone(ctx.zone).date()
            if row["person_id"] is not None and (
                row["person_id"] not in firsts or day < firsts[row["person_id"]]
            ):
                firsts[row["person_id"]] = day
    return firsts


def tables(ctx: Context, events: list) -> list:
    firsts = first_care(ctx)
    by_tier = ctx.tallies(BY_TIER)
    reached: dict = {}  # (year, term) → people reached
    for code, person_id, tier in events:
        if person_id is None:
            continue
        year, term = divmod(code, 10)
        term = str(term)
        first = firsts.get(person_id)
        # New in the period: their first contact falls in this semester (for the year, in it).
        new_in_term = first is None or term_of(first) == (year, term)
        for row in (tier, ANY):
            ctx.add_at(
                by_tier, term=code, row=row, column="new" if new_in_term else "returning", person_id=person_id
            )
        reached.setdefault((year, term), set()).add(person_id)
    members = set(
        Membership.objects.filter(organization=ctx.organization, is_active=True, roles__role=Role.MEMBER)
        .order_by()  # Membership's default ordering joins two tables and sorts
        .values_list("person_id", flat=True)
    )
    spec = Spec(**{**BY_GRADE.__dict__, "rows": [(grade, grade or _("No grade")) for grade in ctx.grades]})
    by_grade = ctx.tallies(spec)
    # Members by grade and gender once; then only the people reached are looked at (a few hundred,
    # not every member for every semester).
    everyone = Counter(ctx.people.get(person_id, (ONE, ONE)) for person_id in members)
    for year, tally in by_grade.items():
        helped = {"1": reached.get((year, "1"), set()), "2": reached.get((year, "2"), set())}
        helped[YEAR] = helped["1"] | helped["2"]
        for when, who in helped.items():
            hit = Counter(ctx.people.get(person_id, (ONE, ONE)) for person_id in who & members)
            for (grade, gender), n in everyone.items():
                # Rows are grades here: the grade is the row, the grade dimension is not split.
                if hit[grade, gender]:
                    tally.counts[when, ONE, gender, grade, "reached"] += hit[grade, gender]
                if n - hit[grade, gender]:
                    tally.counts[when, ONE, gender, grade, "not_reached"] += n - hit[grade, gender]
    return [ctx.table(BY_TIER, by_tier), ctx.table(spec, by_grade)]
