"""What the retention rules do to each kind of record (see `privacy.retention` for the rules and
why). Each function finds the records due in one organization, leaves out the blocked ones,
erases or deletes at most `retention.BATCH` of them, and returns their ids. They run inside the
caller's transaction and write no audit event of their own (the caller writes one per kind)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from sebaya.privacy.models import ErasedRecord, RetentionKind


@dataclass
class Blocked:
    """Who may not be touched now: people with an open case or an alert that is not closed, and
    anonymous requests and relationships that an alert not closed was raised from."""

    people: set = field(default_factory=set)
    requests: set = field(default_factory=set)
    relationships: set = field(default_factory=set)

    @classmethod
    def of(cls, organization) -> Blocked:
        from sebaya.counseling.models import Case
        from sebaya.safety.models import Alert

        blocked = cls()
        blocked.people |= set(
            Case.objects.filter(organization=organization).open().values_list("person_id", flat=True)
        )
        alerts = Alert.objects.filter(organization=organization).exclude(state=Alert.State.CLOSED)
        blocked.people |= set(alerts.filter(person__isnull=False).values_list("person_id", flat=True))
        refs = alerts.filter(person__isnull=True).exclude(source_ref="").values_list("source_ref", flat=True)
        blocked._add_sources(list(refs))
        return blocked

    def _add_sources(self, refs: list[str]) -> None:
        """Map the alerts' sources back to the anonymous request and relationship they came from."""
        from sebaya.support.models import HelpRequest, Message, PeerSession, SupportRelationship

        by_label: dict[str, list[str]] = {}
        for ref in refs:
            label, _sep, pk = ref.partition(":")
            by_label.setdefault(label, []).append(pk)
        relationship_ids = set(by_label.get("support.supportrelationship", []))
        for model, label in ((Message, "support.message"), (PeerSession, "support.peersession")):
            numbers = [pk for pk in by_label.get(label, []) if pk.isdigit()]
            found = model.objects.filter(pk__in=numbers).values_list("relationship_id", flat=True)
            relationship_ids |= {str(pk) for pk in found}
        relationships = SupportRelationship.objects.filter(pk__in=_uuids(relationship_ids))
        self.relationships |= set(relationships.values_list("pk", flat=True))
        self.requests |= set(
            relationships.exclude(help_request__isnull=True).values_list("help_request_id", flat=True)
        )
        self.requests |= set(
            HelpRequest.objects.filter(pk__in=_uuids(by_label.get("support.helprequest", []))).values_list(
                "pk", flat=True
            )
        )
        # A request's relationships are blocked with it, and the other way round.
        self.relationships |= set(
            SupportRelationship.objects.filter(help_request_id__in=self.requests).values_list("pk", flat=True)
        )


def _uuids(values) -> list:
    import uuid

    found = []
    for value in values:
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


def _not_erased(queryset, kind):
    return queryset.exclude(pk__in=ErasedRecord.objects.filter(kind=kind).values("record_id"))


def _batch(queryset) -> list:
    from sebaya.privacy.retention import BATCH

    return list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH])


# --- Peer support messages ----------------------------------------------------------------------------


def erase_messages(*, organization, cutoff, blocked: Blocked) -> list:
    from sebaya.support.models import Message, PeerSession, SupportRelationship

    ended = SupportRelationship.objects.filter(organization=organization).filter(
        Q(status=SupportRelationship.Status.CLOSED, closed_at__lte=cutoff)
        | Q(
            status=SupportRelationship.Status.STEPPED_UP,
            transitions__kind="step_up",
            transitions__at__lte=cutoff,
        )
    )
    due = (
        _not_erased(ended, RetentionKind.MESSAGES)
        .exclude(person_id__in=blocked.people)
        .exclude(pk__in=blocked.relationships)
        .distinct()
    )
    ids = _batch(due)
    Message.objects.filter(relationship_id__in=ids).update(body="")
    PeerSession.objects.filter(relationship_id__in=ids).update(note="")
    SupportRelationship.objects.filter(pk__in=ids).update(closing_note="")
    return ids


# --- Help requests --------------------------------------------------------------------------------------


def _erase_requests(ids) -> None:
    from sebaya.support.models import HelpRequest, RequestMessage, TriageDecision

    HelpRequest.objects.filter(pk__in=ids).update(
        details="", check_answers=[], check_total=None, check_band="", safety_answer=None
    )
    RequestMessage.objects.filter(help_request_id__in=ids).update(body="")
    TriageDecision.objects.filter(help_request_id__in=ids).update(reason="")


def _closed_requests(organization, cutoff):
    from sebaya.support.models import HelpRequest, SupportRelationship

    still_accompanied = SupportRelationship.objects.ongoing().values("help_request_id")
    return (
        HelpRequest.objects.filter(organization=organization, closed_at__lte=cutoff)
        .finished()
        .exclude(pk__in=still_accompanied)
    )


def erase_anonymous_requests(*, organization, cutoff, blocked: Blocked) -> list:
    from sebaya.support.models import HelpRequest

    due = _not_erased(_closed_requests(organization, cutoff), RetentionKind.ANONYMOUS_REQUESTS)
    ids = _batch(due.filter(person__isnull=True).exclude(pk__in=blocked.requests))
    _erase_requests(ids)
    # Nobody can come back to an emptied request: the code and the PIN go too.
    HelpRequest.objects.filter(pk__in=ids).update(request_code=None, pin_hash="")
    return ids


def erase_help_requests(*, organization, cutoff, blocked: Blocked) -> list:
    due = _not_erased(_closed_requests(organization, cutoff), RetentionKind.HELP_REQUESTS)
    ids = _batch(due.filter(person__isnull=False).exclude(person_id__in=blocked.people))
    _erase_requests(ids)
    return ids


# --- Screening results ----------------------------------------------------------------------------------


def delete_results(*, organization, cutoff, blocked: Blocked) -> list:
    from sebaya.screening.models import Administration, ScreeningInvitation

    due = (
        Administration.objects.filter(organization=organization, created_at__lte=cutoff)
        .exclude(person_id__in=blocked.people)
        .exclude(case_measure__isnull=False)
        .exclude(cases__isnull=False)
        .exclude(~Q(outreach_reason="") & Q(reached_out_at__isnull=True))
    )
    ids = _batch(due)
    ScreeningInvitation.objects.filter(administration_id__in=ids).update(administration=None)
    Administration.objects.filter(pk__in=ids).delete()
    return ids


# --- Counseling cases -----------------------------------------------------------------------------------


def erase_cases(*, organization, cutoff, blocked: Blocked) -> list:
    from sebaya.counseling import models as c
    from sebaya.screening.models import Administration

    due = _not_erased(
        c.Case.objects.filter(organization=organization, status=c.Case.Status.CLOSED, closed_at__lte=cutoff),
        RetentionKind.CASES,
    ).exclude(person_id__in=blocked.people)
    ids = _batch(due)
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
    c.ConferenceParticipant.objects.filter(conference__in=conferences).update(name="")
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
