"""Follow-ups scheduled from registration (by default day 7, 30 and 90) and recording one.

NICE NG116's active monitoring: a planned contact in the first weeks without a symptom score,
then a brief validated screen about a month after the event. So the SRQ-20 is given at a
follow-up only from day 30, and only to people known to be 15 or over (its age range); no child
measure is shipped yet (docs/PSYCHOSOCIAL.md §6). The answers go through the screening app's
`administration_record`, so a risk answer (item 17) raises an alert the same way a screening
round's does.

Outcomes, as a field worker lives them:
- **done**: they met or spoke with the person;
- **not reached**: they tried and could not. The follow-up stays on their list (one attempt is
  rarely the end: phones are off, people move between shelters); the attempt is in the audit
  trail and its note on the follow-up. Only when they tick "stop trying" does it close as not
  reached;
- **declined**: the person does not want follow-ups. Respecting that, this one and the person's
  later ones still to do all close (docs/PSYCHOSOCIAL.md §4: follow-ups stop when the person
  declines).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel.versioning import EditConflict
from sebaya.psychosocial.models import (
    AffectedPerson,
    FollowUp,
    FollowUpStatus,
    IncidentStatus,
    Need,
    NeedKind,
    NeedSource,
)
from sebaya.psychosocial.services import needs
from sebaya.psychosocial.services.needs import local_today
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration
from sebaya.screening.scoring import MISSING_ANSWER, WRONG_COUNT, ScoringError
from sebaya.screening.services import administration_record

SRQ20 = "srq20"
# NICE NG116: no routine screening in the first weeks; a brief screen about a month after.
SCREENING_FROM_DAY = 30
OFFER_DUE_IN_DAYS = 7

# Why the SRQ-20 is or is not offered at a follow-up (the page says it in words).
SCREEN = "screen"
TOO_EARLY = "too_early"
CHILD = "child"
AGE_UNKNOWN = "age_unknown"


class FollowUpError(ValueError):
    """A refusal with a message for the user (already translated)."""


def follow_ups_schedule(*, affected: AffectedPerson) -> list[FollowUp]:
    """The follow-ups of a person just registered, on the incident's days after the registration
    date (in the registering organization's time zone), owned by whoever registered them. Safe to
    call again: a day already scheduled is left as it is."""
    zone = zoneinfo.ZoneInfo(affected.organization.timezone)
    registered_on = timezone.localtime(affected.registered_at, zone).date()
    days = sorted({int(day) for day in affected.incident.follow_up_days if int(day) > 0})
    made = []
    for day in days:
        follow_up, _created = FollowUp.objects.get_or_create(
            affected=affected,
            day=day,
            defaults={
                "incident_id": affected.incident_id,
                "organization_id": affected.organization_id,
                "due_on": registered_on + datetime.timedelta(days=day),
                "owner_id": affected.registered_by_id,
            },
        )
        made.append(follow_up)
    return made


def due_follow_ups(incident, organization):
    """The organization's follow-ups still to do for this incident; none once it is closed
    (follow-ups stop with the response), none of a registration merged into another."""
    if incident.status == IncidentStatus.CLOSED:
        return FollowUp.objects.none()
    return FollowUp.objects.filter(
        incident=incident,
        organization=organization,
        status=FollowUpStatus.DUE,
        affected__merged_into__isnull=True,
    )


def overdue_count(incident, organization) -> int:
    return due_follow_ups(incident, organization).filter(due_on__lt=local_today(organization)).count()


def age_now(affected: AffectedPerson, today: datetime.date) -> int | None:
    if affected.age_years is not None:
        return affected.age_years
    return today.year - affected.birth_year if affected.birth_year else None


def screening_status(follow_up: FollowUp, today: datetime.date | None = None) -> str:
    """Whether the SRQ-20 may be given at this follow-up, or why not."""
    today = today or local_today(follow_up.affected.organization)
    age = age_now(follow_up.affected, today)
    if age is None:
        return AGE_UNKNOWN
    if age < 15:
        return CHILD
    if follow_up.day < SCREENING_FROM_DAY:
        return TOO_EARLY
    return SCREEN


def srq20():
    return get_instrument(SRQ20)


def meets_cutoff(administration) -> bool:
    instrument = get_instrument(administration.instrument_code, administration.instrument_version)
    return any(cutoff.met(administration.total) for cutoff in instrument.cutoffs)


def _refusal(status: str) -> str:
    return {
        CHILD: _(
            "The SRQ-20 is for people aged 15 and over: no screening questionnaire is given to a child."
        ),
        AGE_UNKNOWN: _("The age is not recorded: the SRQ-20 is given only to people known to be 15 or over."),
        TOO_EARLY: _("The SRQ-20 is given from day 30 (about a month after), not at an earlier follow-up."),
    }[status]


def _scoring_refusal(error: ScoringError, instrument) -> str:
    if error.code in {WRONG_COUNT, MISSING_ANSWER}:
        return _("Answer all %(n)s questions, or leave them all empty.") % {"n": len(instrument.items)}
    return _("Some answers could not be read. Please check them and send again.")


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    by,
    outcome: str,
    version: int | None,
    note: str = "",
    stop_trying: bool = False,
    srq20_answers=None,
    language: str = "id",
    request=None,
) -> FollowUp:
    """Record what came of a follow-up (see the module's docstring for the outcomes). Nothing is
    written when anything is refused (FollowUpError) or someone saved it meanwhile (EditConflict)."""
    current = (
        FollowUp.objects.select_for_update()
        .select_related("incident", "affected__person", "affected__organization")
        .get(pk=follow_up.pk)
    )
    if version is not None and current.version != version:
        raise EditConflict(current)
    if current.status != FollowUpStatus.DUE:
        raise FollowUpError(_("This follow-up was already recorded."))
    if current.incident.status == IncidentStatus.CLOSED:
        raise FollowUpError(_("The response to this incident is closed: follow-ups have stopped."))
    if current.affected.merged_into_id is not None:
        raise FollowUpError(_("This registration was merged into another: record the follow-up there."))
    if outcome not in FollowUpStatus.values or outcome == FollowUpStatus.DUE:
        raise FollowUpError(_("Choose one of the outcomes offered."))
    note = (note or "").strip()
    if len(note) > FollowUp._meta.get_field("note").max_length:
        raise FollowUpError(_("The note is too long: keep it to a few words."))
    answered = srq20_answers is not None and any(a not in (None, "") for a in srq20_answers)
    if answered and outcome != FollowUpStatus.DONE:
        raise FollowUpError(_("The questions are asked only when the follow-up is done."))
    affected = current.affected
    organization = affected.organization
    today = local_today(organization)
    now = timezone.now()
    administration = None
    if answered:
        status = screening_status(current, today)
        if status != SCREEN:
            raise FollowUpError(_refusal(status))
        instrument = srq20()
        try:
            administration = administration_record(
                organization=organization,
                person=affected.person,
                instrument=instrument,
                answers=list(srq20_answers),
                administered_by=by,
                language=language,
                request=request,
            )
        except ScoringError as error:
            raise FollowUpError(_scoring_refusal(error, instrument)) from error

    detail = {"field_follow_up": outcome, "day": current.day}
    if outcome == FollowUpStatus.NOT_REACHED and not stop_trying:
        # An attempt: the follow-up stays to do; the audit trail keeps each attempt.
        if note:
            current.note = note
        detail["stopped"] = False
    else:
        current.status = outcome
        current.done_at = now
        current.owner = by
        current.note = note
        current.administration = administration
    current.version += 1
    current.save()
    if outcome == FollowUpStatus.DECLINED:
        later = FollowUp.objects.filter(affected=affected, status=FollowUpStatus.DUE, day__gt=current.day)
        detail["later_closed"] = later.update(
            status=FollowUpStatus.DECLINED, done_at=now, version=F("version") + 1
        )
    if administration is not None:
        detail["administration"] = str(administration.pk)
        need = _offer_if_high(follow_up=current, administration=administration, by=by, today=today)
        if need is not None:
            detail["need"] = str(need.pk)
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=current,
        subject_person_id=affected.person_id,
        request=request,
        detail=detail,
    )
    return current


def _offer_if_high(*, follow_up: FollowUp, administration, by, today) -> Need | None:
    """Still at or above the cut-off a month or more after: a counselor or a partner is offered.

    A referral in Sebaya is made from a counseling case, which a counselor opens for a member of
    their organization; a person affected has neither. So the offer is a psychosocial need owned
    by the field worker, which the needs list keeps in sight until it is met or handed on."""
    if follow_up.day < SCREENING_FROM_DAY or not meets_cutoff(administration):
        return None
    affected = follow_up.affected
    already = Need.objects.open().filter(
        affected=affected, kind=NeedKind.PSYCHOSOCIAL, source=NeedSource.FOLLOW_UP
    )
    if already.exists():
        return already.first()
    # Stored, so in the organization's language whatever the worker's page is in.
    with translation.override(settings.LANGUAGE_CODE):
        detail = _("Offer a counselor or a partner (SRQ-20 at or above the cut-off at day %(day)s).") % {
            "day": follow_up.day
        }
    need, _made = needs.need_add(
        organization=affected.organization,
        by=by,
        kind=NeedKind.PSYCHOSOCIAL,
        affected=affected,
        detail=detail,
        due_on=today + datetime.timedelta(days=OFFER_DUE_IN_DAYS),
        source=NeedSource.FOLLOW_UP,
    )
    return need


def srq20_history(affected: AffectedPerson) -> list:
    """The person's SRQ-20 results in the registering organization, oldest first."""
    return list(
        Administration.objects.filter(
            organization_id=affected.organization_id, person_id=affected.person_id, instrument_code=SRQ20
        ).order_by("created_at")
    )
