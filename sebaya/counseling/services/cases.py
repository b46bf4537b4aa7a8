"""Opening a case (directly, from a help request or from a screening result) and changing it:
its description and plan, its status, closing and reopening."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from sebaya.counseling.models import Case, CaseStatusChange
from sebaya.counseling.services._shared import NotAllowedNow, _audit
from sebaya.kernel.versioning import EditConflict
from sebaya.organizations.models import Organization
from sebaya.screening import services as screening
from sebaya.support import services as support


@transaction.atomic
def case_open(
    *,
    organization,
    person,
    by,
    summary: str,
    domain: str,
    service_types=(),
    source: str = Case.Source.DIRECT,
    help_request=None,
    administration=None,
    counselors=None,
    request=None,
) -> Case:
    """Open a case in the case book with the next number; the opener is its counselor by default."""
    # Lock the organization row so two cases opened at once cannot take the same number.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    number = (Case.objects.filter(organization=organization).aggregate(n=Max("number"))["n"] or 0) + 1
    case = Case.objects.create(
        organization=organization,
        number=number,
        person=person,
        source=source,
        help_request=help_request,
        administration=administration,
        summary=summary,
        domain=domain,
        service_types=list(service_types),
        opened_by=by,
    )
    case.counselors.set(counselors or [by])
    CaseStatusChange.objects.create(case=case, to_status=Case.Status.NEW, by=by)
    _audit(by=by, case=case, what="opened", request=request)
    return case


@transaction.atomic
def case_from_help_request(*, help_request, by, summary: str, domain: str, request=None) -> Case:
    """A counselor takes a help request (or a step-up) on as a case."""
    if help_request.person_id is None:
        raise NotAllowedNow("anonymous")
    support.request_take(help_request=help_request, by=by, request=request)
    return case_open(
        organization=help_request.organization,
        person=help_request.person,
        by=by,
        summary=summary,
        domain=domain,
        source=Case.Source.STEP_UP if help_request.source == "step_up" else Case.Source.TRIAGE,
        help_request=help_request,
        request=request,
    )


@transaction.atomic
def case_from_screening(*, administration, by, summary: str, domain: str, request=None) -> Case:
    """A counselor follows a screening result up by opening a case."""
    if administration.needs_outreach:
        screening.outreach_record(administration=administration, by=by, note="", request=request)
    return case_open(
        organization=administration.organization,
        person=administration.person,
        by=by,
        summary=summary,
        domain=domain,
        source=Case.Source.SCREENING,
        administration=administration,
        request=request,
    )


CASE_FIELDS = {"summary", "domain", "service_types", "plan_goals", "plan_interventions", "review_date"}


@transaction.atomic
def case_update(*, case: Case, version: int, by, counselors=None, request=None, **fields) -> Case:
    """Change the case's description and plan (and who is assigned), made on `version`."""
    unknown = set(fields) - CASE_FIELDS
    if unknown:
        raise TypeError(f"Not case fields: {sorted(unknown)}")
    if not Case.objects.filter(pk=case.pk, version=version).update(**fields, version=F("version") + 1):
        raise EditConflict(Case.objects.get(pk=case.pk))
    if counselors is not None:
        if not counselors:
            raise ValueError("A case needs at least one counselor.")
        case.counselors.set(counselors)
    case.refresh_from_db()
    _audit(by=by, case=case, what="changed", request=request)
    return case


@transaction.atomic
def case_set_status(*, case: Case, to_status: str, by, note: str = "", request=None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if to_status == Case.Status.CLOSED:
        raise ValueError("Close a case with case_close (it needs a summary and an outcome).")
    if locked.status == Case.Status.CLOSED:
        raise NotAllowedNow("closed")
    if locked.status != to_status:
        CaseStatusChange.objects.create(
            case=locked, from_status=locked.status, to_status=to_status, by=by, note=note
        )
        Case.objects.filter(pk=locked.pk).update(status=to_status, version=F("version") + 1)
    case.refresh_from_db()
    _audit(by=by, case=case, what=f"status:{to_status}", request=request)
    return case


@transaction.atomic
def case_close(*, case: Case, by, summary: str, outcome: str, request=None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status == Case.Status.CLOSED:
        raise NotAllowedNow("closed")
    CaseStatusChange.objects.create(
        case=locked, from_status=locked.status, to_status=Case.Status.CLOSED, by=by, note=summary
    )
    Case.objects.filter(pk=locked.pk).update(
        status=Case.Status.CLOSED,
        closed_at=timezone.now(),
        closing_summary=summary,
        outcome=outcome,
        version=F("version") + 1,
    )
    case.refresh_from_db()
    _audit(by=by, case=case, what="closed", request=request)
    return case


@transaction.atomic
def case_reopen(*, case: Case, by, note: str, request=None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != Case.Status.CLOSED:
        raise NotAllowedNow("open")
    CaseStatusChange.objects.create(
        case=locked, from_status=Case.Status.CLOSED, to_status=Case.Status.IN_PROGRESS, by=by, note=note
    )
    Case.objects.filter(pk=locked.pk).update(
        status=Case.Status.IN_PROGRESS, closed_at=None, version=F("version") + 1
    )
    case.refresh_from_db()
    _audit(by=by, case=case, what="reopened", request=request)
    return case
