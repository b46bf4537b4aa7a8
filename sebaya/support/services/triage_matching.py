"""The counselors' side of a request: triage, taking it on or closing it, matching it with a
peer supporter, and stepping a person down from a counselor to a peer."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from sebaya.safety.models import Alert
from sebaya.support import matching
from sebaya.support.models import (
    HelpRequest,
    SupporterConflict,
    SupporterProfile,
    SupportRelationship,
    Tier,
    Transition,
    TriageDecision,
)
from sebaya.support.services._shared import NotAllowedNow, _audit, _grade


@transaction.atomic
def triage_decide(
    *, help_request: HelpRequest, by, tier: str, urgency: str, reason: str = "", request=None
) -> TriageDecision:
    """A counselor confirms or overrides the tier and urgency. An override needs a reason."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if not locked.is_open:
        raise NotAllowedNow("closed")
    is_override = (tier, urgency) != (locked.tier, locked.urgency)
    if is_override and not reason.strip():
        raise ValueError("An override needs a reason.")
    decision = TriageDecision.objects.create(
        help_request=locked, tier=tier, urgency=urgency, decided_by=by, is_override=is_override, reason=reason
    )
    HelpRequest.objects.filter(pk=locked.pk).update(tier=tier, urgency=urgency)
    help_request.refresh_from_db()
    _audit(
        by=by, organization=help_request.organization, target=help_request, what="triaged", request=request
    )
    return decision


@transaction.atomic
def request_take(*, help_request: HelpRequest, by, request=None) -> None:
    """A counselor takes the request on (the counseling issue turns this into a case)."""
    if not HelpRequest.objects.filter(pk=help_request.pk, status=HelpRequest.Status.NEW).update(
        status=HelpRequest.Status.WITH_COUNSELOR
    ):
        raise NotAllowedNow("taken")
    help_request.refresh_from_db()
    _audit(by=by, organization=help_request.organization, target=help_request, what="taken", request=request)


@transaction.atomic
def request_close(*, help_request: HelpRequest, by, request=None) -> None:
    if (
        not HelpRequest.objects.filter(pk=help_request.pk)
        .open()
        .update(status=HelpRequest.Status.CLOSED, closed_at=timezone.now())
    ):
        raise NotAllowedNow("closed")
    help_request.refresh_from_db()
    _audit(by=by, organization=help_request.organization, target=help_request, what="closed", request=request)


def triage_queue(organization):
    """Open requests that no one has taken on yet: the most urgent first, then the oldest."""
    return (
        HelpRequest.objects.filter(organization=organization)
        .awaiting_triage()
        .select_related("person")
        .by_urgency()
    )


def with_open_alerts(requests) -> list[HelpRequest]:
    """The requests, each with `open_alert`: the alert not closed that was raised from it (its words,
    its safety answer, a step-up note) or, for a named person, about them; None when there is none."""
    requests = list(requests)
    if not requests:
        return requests
    refs = {f"support.helprequest:{r.pk}": r for r in requests}
    person_ids = {r.person_id for r in requests if r.person_id}
    alerts = (
        Alert.objects.filter(organization_id=requests[0].organization_id)
        .exclude(state=Alert.State.CLOSED)
        .filter(Q(source_ref__in=list(refs)) | Q(person_id__in=person_ids))
        .order_by("created_at")  # the latest wins below
    )
    by_ref, by_person = {}, {}
    for alert in alerts:
        by_ref[alert.source_ref] = alert
        if alert.person_id:
            by_person[alert.person_id] = alert
    for ref, r in refs.items():
        r.open_alert = by_ref.get(ref) or by_person.get(r.person_id)
    return requests


def supporter_candidates(organization, *, exclude_ids=()) -> list[matching.Candidate]:
    profiles = (
        SupporterProfile.objects.filter(organization=organization)
        .select_related("membership__person")
        .annotate(
            load=Count(
                "relationships",
                filter=Q(
                    relationships__status__in=[
                        SupportRelationship.Status.ACTIVE,
                        SupportRelationship.Status.PAUSED,
                    ]
                ),
            )
        )
        .exclude(pk__in=list(exclude_ids))
    )
    conflicts: dict = {}
    for supporter_id, person_id in SupporterConflict.objects.filter(
        supporter__organization=organization
    ).values_list("supporter_id", "person_id"):
        conflicts.setdefault(supporter_id, set()).add(person_id)
    return [
        matching.Candidate(
            id=p.pk,
            person_id=p.membership.person_id,
            gender=p.membership.person.gender,
            grade=_grade(p.membership.grade),
            class_name=p.membership.class_name,
            languages=frozenset(p.languages or p.membership.person.languages or ["id"]),
            topics=frozenset(p.topics),
            availability=frozenset(p.availability),
            capacity=p.capacity,
            load=p.load,
            matchable=p.matchable,
            conflicts=frozenset(conflicts.get(p.pk, ())),
        )
        for p in profiles
    ]


def need_for(help_request: HelpRequest) -> matching.Need:
    membership = None
    if help_request.person_id:
        membership = help_request.person.memberships.filter(organization=help_request.organization).first()
    return matching.Need(
        topic=help_request.topic,
        person_id=help_request.person_id,
        gender=help_request.helper_gender,
        grade=_grade(membership.grade) if membership else None,
        class_name=membership.class_name if membership else "",
        languages=frozenset(help_request.person.languages if help_request.person_id else ()),
        times=frozenset(help_request.times),
        not_same_class=help_request.not_same_class,
    )


def proposals_for(help_request: HelpRequest, *, limit: int = 5, exclude_ids=()) -> list[matching.Proposal]:
    return matching.rank(
        need_for(help_request),
        supporter_candidates(help_request.organization, exclude_ids=exclude_ids),
        limit=limit,
    )


@transaction.atomic
def relationship_start(
    *, help_request: HelpRequest, supporter_id, by, reasons=(), request=None
) -> SupportRelationship:
    """Match the request with a supporter, checking again under a lock that they still qualify
    (two coordinators confirming at once cannot overfill a supporter)."""
    supporter = SupporterProfile.objects.select_for_update().get(
        pk=supporter_id, organization=help_request.organization
    )
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.status not in {HelpRequest.Status.NEW}:
        raise NotAllowedNow("not_waiting")
    candidates = {c.id: c for c in supporter_candidates(help_request.organization)}
    candidate = candidates.get(supporter.pk)
    if candidate is None or not matching.eligible(need_for(locked), candidate):
        raise NotAllowedNow("not_eligible")
    relationship = SupportRelationship.objects.create(
        organization=help_request.organization,
        person=locked.person,
        help_request=locked,
        supporter=supporter,
        matched_by=by if getattr(by, "is_authenticated", False) else None,
        match_reasons=[[code, params] for code, params in reasons],
    )
    HelpRequest.objects.filter(pk=locked.pk).update(status=HelpRequest.Status.WITH_PEER)
    help_request.refresh_from_db()
    _audit(
        by=by,
        organization=help_request.organization,
        target=relationship,
        what="matched",
        request=request,
        subject_person_id=locked.person_id,
    )
    return relationship


@transaction.atomic
def step_down(*, help_request: HelpRequest, by, note: str, request=None) -> None:
    """From a counselor back to a peer: the request returns to the queue as a peer request, with
    the hand-over note, to be matched."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if not locked.is_open:
        raise NotAllowedNow("closed")
    TriageDecision.objects.create(
        help_request=locked,
        tier=Tier.PEER,
        urgency="routine",
        decided_by=by,
        is_override=True,
        reason=note,
    )
    HelpRequest.objects.filter(pk=locked.pk).update(
        tier=Tier.PEER, urgency="routine", status=HelpRequest.Status.NEW
    )
    Transition.objects.create(
        organization=locked.organization,
        kind=Transition.Kind.STEP_DOWN,
        person=locked.person,
        help_request=locked,
        note=note,
        by=by,
    )
    help_request.refresh_from_db()
    _audit(by=by, organization=locked.organization, target=help_request, what="stepped_down", request=request)


@transaction.atomic
def help_request_for_step_down(
    *, organization, person, topic: str, by, note: str, request=None
) -> HelpRequest:
    """A counselor steps a person down to a peer from a case that did not begin as a request:
    a request routed to a peer, waiting to be matched, with the hand-over note."""
    help_request = HelpRequest.objects.create(
        organization=organization,
        person=person,
        source=HelpRequest.Source.STEP_DOWN,
        topic=topic,
        helper="peer",
        tier=Tier.PEER,
        urgency="routine",
    )
    TriageDecision.objects.create(
        help_request=help_request, tier=Tier.PEER, urgency="routine", decided_by=by, reason=note
    )
    Transition.objects.create(
        organization=organization,
        kind=Transition.Kind.STEP_DOWN,
        person=person,
        help_request=help_request,
        note=note,
        by=by,
    )
    _audit(by=by, organization=organization, target=help_request, what="stepped_down", request=request)
    return help_request
