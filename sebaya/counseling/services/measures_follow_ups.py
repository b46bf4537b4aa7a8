"""Measurement within a case (an instrument given by the counselor) and the case's follow-ups,
with the worker's reminder when one is due."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from sebaya.counseling.models import Case, CaseMeasure, FollowUp
from sebaya.counseling.services._shared import NotAllowedNow, _audit
from sebaya.mail.services import email_queue
from sebaya.screening import services as screening


@transaction.atomic
def case_measure_record(*, case: Case, instrument, answers, moment: str, by, language="id", request=None):
    """Give an instrument within the case. The result is an ordinary screening result (so a risk
    answer still raises an alert); since a counselor is already on the case, it does not wait in
    the screening outreach list."""
    if not case.is_open:
        raise NotAllowedNow("closed")
    administration = screening.administration_record(
        organization=case.organization,
        person=case.person,
        instrument=instrument,
        answers=answers,
        administered_by=by,
        language=language,
        request=request,
    )
    if administration.needs_outreach:
        screening.outreach_record(administration=administration, by=by, note="", request=request)
    return CaseMeasure.objects.create(case=case, administration=administration, moment=moment)


@transaction.atomic
def follow_up_add(*, case: Case, by, what: str, due_on, assigned_to=None, request=None):
    if not case.is_open:
        raise NotAllowedNow("closed")
    follow_up = FollowUp.objects.create(
        case=case, what=what, due_on=due_on, assigned_to=assigned_to or by, created_by=by
    )
    _audit(by=by, case=case, what="follow_up_added", request=request)
    return follow_up


@transaction.atomic
def follow_up_done(*, follow_up, by, request=None) -> bool:
    done = FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=by
    )
    follow_up.refresh_from_db()
    if done:
        _audit(by=by, case=follow_up.case, what="follow_up_done", request=request)
    return bool(done)


def follow_ups_remind(*, now=None) -> int:
    """The worker's job: once a follow-up is due (in its organization's time zone), remind the
    counselor once, by email and on their home page. The email names no person and no case."""
    now = now or timezone.now()
    reminded = 0
    waiting = FollowUp.objects.due_by((now + datetime.timedelta(days=1)).date()).filter(
        reminded_at__isnull=True
    )
    by_user: dict = {}
    for follow_up in waiting.select_related("case__organization", "assigned_to")[:500]:
        local_today = now.astimezone(zoneinfo.ZoneInfo(follow_up.case.organization.timezone)).date()
        if follow_up.due_on > local_today:
            continue
        with transaction.atomic():
            if not FollowUp.objects.filter(pk=follow_up.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue  # another worker took it
            key = (follow_up.assigned_to_id, follow_up.case.organization_id)
            if key not in by_user:
                by_user[key] = True
                email_queue(
                    recipients=[follow_up.assigned_to],
                    template="counseling/email/follow_up",
                    purpose="counseling.follow_up",
                    context={"organization": follow_up.case.organization},
                )
        reminded += 1
    return reminded
