"""The case policy: counseling cases (the case book) and the counselor's journal are counselors'
work. A case is seen by the user's relation to it: an **assigned** counselor, any **counselor** of
the organization, or a counselor who broke the **glass** (session_notes.py). Coordinators, peer
supporters and everyone else have no side: they never see a case."""

from __future__ import annotations

from django.db.models import QuerySet

from sebaya.access.roles import R, roles_in, users_with_role
from sebaya.access.session_notes import active_break_glass
from sebaya.counseling.models import Case
from sebaya.organizations.models import Organization

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "cases.list": frozenset({R.COUNSELOR}),
    "case.open": frozenset({R.COUNSELOR}),
    # The jurnal BK: a counselor's own log; its reports (counts only) also for coordinators, who
    # choose whose report to read.
    "journal.own": frozenset({R.COUNSELOR}),
    "journal.reports": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "journal.reports_of_anyone": frozenset({R.COORDINATOR}),
}

CASE_ACTIONS: dict[str, frozenset[str]] = {
    "case.view": frozenset({"assigned", "counselor"}),
    # The person's timeline on the case page: what raised alerts, screening results, triage notes.
    # The organization's counselors read it, as on an alert's page (`may_see_alert_source`), and
    # a fresh two-step reset holds it back there and here alike (HELD_ACTIONS).
    "case.timeline": frozenset({"assigned", "counselor"}),
    "case.change": frozenset({"assigned"}),
    "case.read_notes": frozenset({"assigned", "glass"}),
    "case.break_glass": frozenset({"counselor"}),
}


def case_sides(user, case) -> frozenset[str]:
    if R.COUNSELOR not in roles_in(user, case.organization):
        return frozenset()
    sides = {"counselor"}
    if _assigned(user, case):
        sides.add("assigned")
    elif active_break_glass(user, case) is not None:
        sides.add("glass")
    return frozenset(sides)


def _assigned(user, case) -> bool:
    """Whether the user is one of the case's counselors: from the counselors prefetched with the
    case where they were (the case book's pages ask several policies about one case; changing the
    counselors drops the prefetched list), else one query."""
    prefetched = getattr(case, "_prefetched_objects_cache", {}).get("counselors")
    if prefetched is not None:
        return any(counselor.pk == user.pk for counselor in prefetched)
    return case.counselors.filter(pk=user.pk).exists()


def visible_cases(user, organization: Organization) -> QuerySet[Case]:
    cases = Case.objects.filter(organization=organization)
    return cases if R.COUNSELOR in roles_in(user, organization) else cases.none()


def assignable_counselors(organization: Organization):
    """Who may be assigned to a case (and whose journal a coordinator may read): the
    organization's active counselors."""
    return users_with_role(organization, R.COUNSELOR)
