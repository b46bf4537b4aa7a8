"""Home visits and case conferences; each joins the case's services."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from sebaya.counseling.models import Case, CaseConference, ConferenceAction, ConferenceParticipant, HomeVisit
from sebaya.counseling.services._shared import NotAllowedNow, _audit
from sebaya.kernel.versioning import EditConflict

VISIT_FIELDS = {
    "status",
    "planned_on",
    "done_on",
    "address",
    "purpose",
    "visitors",
    "met_with",
    "findings",
    "agreements",
}


CONFERENCE_FIELDS = {"status", "date", "place", "agenda", "chair", "notulis", "minutes", "decisions"}


def _add_service(case: Case, service: str) -> None:
    case.refresh_from_db(fields=["service_types"])
    if service not in case.service_types:
        Case.objects.filter(pk=case.pk).update(service_types=[*case.service_types, service])


@transaction.atomic
def visit_save(*, case: Case, by, visit=None, version: int | None = None, request=None, **fields):
    """Plan or record a home visit. Changing one names the version it was made on."""
    if set(fields) - VISIT_FIELDS:
        raise TypeError(f"Not visit fields: {sorted(set(fields) - VISIT_FIELDS)}")
    if visit is None:
        if not case.is_open:
            raise NotAllowedNow("closed")
        visit = HomeVisit.objects.create(case=case, created_by=by, **fields)
    elif not HomeVisit.objects.filter(pk=visit.pk, version=version).update(
        **fields, version=F("version") + 1
    ):
        raise EditConflict(HomeVisit.objects.get(pk=visit.pk))
    visit.refresh_from_db()
    _add_service(case, "kunjungan_rumah")
    _audit(by=by, case=case, what="home_visit", request=request)
    return visit


@transaction.atomic
def conference_save(
    *,
    case: Case,
    by,
    conference=None,
    version: int | None = None,
    participants=(),
    actions=(),
    request=None,
    **fields,
):
    """Plan or record a case conference with its participants and actions (each list replaces
    the one saved before, in the same transaction)."""
    if set(fields) - CONFERENCE_FIELDS:
        raise TypeError(f"Not conference fields: {sorted(set(fields) - CONFERENCE_FIELDS)}")
    if conference is None:
        if not case.is_open:
            raise NotAllowedNow("closed")
        conference = CaseConference.objects.create(case=case, created_by=by, **fields)
    elif not CaseConference.objects.filter(pk=conference.pk, version=version).update(
        **fields, version=F("version") + 1
    ):
        raise EditConflict(CaseConference.objects.get(pk=conference.pk))
    conference.participants.all().delete()
    ConferenceParticipant.objects.bulk_create(
        [ConferenceParticipant(conference=conference, **participant) for participant in participants]
    )
    conference.actions.all().delete()
    ConferenceAction.objects.bulk_create(
        [ConferenceAction(conference=conference, **action) for action in actions]
    )
    conference.refresh_from_db()
    _add_service(case, "konferensi_kasus")
    _audit(by=by, case=case, what="case_conference", request=request)
    return conference
