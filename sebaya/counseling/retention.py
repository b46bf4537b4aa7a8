"""What the retention rules do to counseling cases (see `privacy.retention` for the rules and why):
everything written in a case closed long enough ago is erased, and its screening measures are
deleted; nothing about a person with an open case is erased. Declared on CounselingConfig;
privacy runs it without importing counseling."""

from __future__ import annotations

from sebaya.counseling import models as c
from sebaya.privacy.models import RetentionKind
from sebaya.privacy.retention import Blocked, Kind, batch, not_erased
from sebaya.screening.models import Administration


def block(organization, blocked: Blocked) -> None:
    """People with an open case."""
    blocked.people |= set(
        c.Case.objects.filter(organization=organization).open().values_list("person_id", flat=True)
    )


def erase_cases(*, organization, cutoff, blocked: Blocked) -> list:
    due = not_erased(
        c.Case.objects.filter(organization=organization, status=c.Case.Status.CLOSED, closed_at__lte=cutoff),
        RetentionKind.CASES,
    ).exclude(person_id__in=blocked.people)
    ids = batch(due)
    c.Case.objects.filter(pk__in=ids).update(
        summary="",
        plan_goals="",
        plan_interventions="",
        closing_summary="",
        administration=None,
    )
    c.CaseStatusChange.objects.filter(case_id__in=ids).update(note="")
    c.CounselingSession.objects.filter(case_id__in=ids).update(
        discussed="", analysis="", plan="", confidential_note=""
    )
    c.BreakGlass.objects.filter(case_id__in=ids).update(reason="")
    c.FollowUp.objects.filter(case_id__in=ids).update(what="")
    c.HomeVisit.objects.filter(case_id__in=ids).update(
        address="", purpose="", visitors="", met_with="", findings="", agreements=""
    )
    conferences = c.CaseConference.objects.filter(case_id__in=ids)
    c.ConferenceParticipant.objects.filter(conference__in=conferences).update(name="", person=None)
    c.ConferenceAction.objects.filter(conference__in=conferences).update(what="", who="")
    conferences.update(place="", agenda="", minutes="", decisions="")
    referrals = c.Referral.objects.filter(case_id__in=ids)
    c.ReferralUpdate.objects.filter(referral__in=referrals).update(note="")
    referrals.update(reason="", letter_note="", partner_feedback="", consent_by_name="", override_reason="")
    measures = c.CaseMeasure.objects.filter(case_id__in=ids)
    results = list(measures.values_list("administration_id", flat=True))
    measures.delete()
    Administration.objects.filter(pk__in=results, cases__isnull=True).delete()
    return ids


KINDS = (Kind(RetentionKind.CASES, erase_cases),)
