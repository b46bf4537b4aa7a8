"""What the retention rules do to peer support's records (see `privacy.retention` for the rules and
why): the text of ended relationships, and closed help requests, anonymous or named. Declared on
SupportConfig; privacy runs it without importing support."""

from __future__ import annotations

import uuid

from django.db.models import Q

from sebaya.privacy.models import RetentionKind
from sebaya.privacy.retention import Blocked, Kind, batch, not_erased
from sebaya.safety.models import Alert
from sebaya.support.models import (
    HelpRequest,
    Message,
    PeerSession,
    RequestMessage,
    SupportRelationship,
    TriageDecision,
)


def block(organization, blocked: Blocked) -> None:
    """Anonymous requests and relationships that an alert not closed was raised from: the alerts'
    sources mapped back to the request and relationship they came from."""
    alerts = Alert.objects.filter(organization=organization).exclude(state=Alert.State.CLOSED)
    refs = list(
        alerts.filter(person__isnull=True).exclude(source_ref="").values_list("source_ref", flat=True)
    )
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
    blocked.relationships |= set(relationships.values_list("pk", flat=True))
    blocked.requests |= set(
        relationships.exclude(help_request__isnull=True).values_list("help_request_id", flat=True)
    )
    blocked.requests |= set(
        HelpRequest.objects.filter(pk__in=_uuids(by_label.get("support.helprequest", []))).values_list(
            "pk", flat=True
        )
    )
    # A request's relationships are blocked with it, and the other way round.
    blocked.relationships |= set(
        SupportRelationship.objects.filter(help_request_id__in=blocked.requests).values_list("pk", flat=True)
    )


def _uuids(values) -> list:
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


# --- Peer support messages ----------------------------------------------------------------------------


def erase_messages(*, organization, cutoff, blocked: Blocked) -> list:
    ended = SupportRelationship.objects.filter(organization=organization).filter(
        Q(status=SupportRelationship.Status.CLOSED, closed_at__lte=cutoff)
        | Q(
            status=SupportRelationship.Status.STEPPED_UP,
            transitions__kind="step_up",
            transitions__at__lte=cutoff,
        )
    )
    due = (
        not_erased(ended, RetentionKind.MESSAGES)
        .exclude(person_id__in=blocked.people)
        .exclude(pk__in=blocked.relationships)
        .distinct()
    )
    ids = batch(due)
    Message.objects.filter(relationship_id__in=ids).update(body="")
    PeerSession.objects.filter(relationship_id__in=ids).update(note="")
    SupportRelationship.objects.filter(pk__in=ids).update(closing_note="")
    return ids


# --- Help requests --------------------------------------------------------------------------------------


def _erase_requests(ids) -> None:
    HelpRequest.objects.filter(pk__in=ids).update(
        details="", check_answers=[], check_total=None, check_band="", safety_answer=None
    )
    RequestMessage.objects.filter(help_request_id__in=ids).update(body="")
    TriageDecision.objects.filter(help_request_id__in=ids).update(reason="")


def _closed_requests(organization, cutoff):
    still_accompanied = SupportRelationship.objects.ongoing().values("help_request_id")
    return (
        HelpRequest.objects.filter(organization=organization, closed_at__lte=cutoff)
        .finished()
        .exclude(pk__in=still_accompanied)
    )


def erase_anonymous_requests(*, organization, cutoff, blocked: Blocked) -> list:
    due = not_erased(_closed_requests(organization, cutoff), RetentionKind.ANONYMOUS_REQUESTS)
    ids = batch(due.filter(person__isnull=True).exclude(pk__in=blocked.requests))
    _erase_requests(ids)
    # Nobody can come back to an emptied request: the code and the PIN go too.
    HelpRequest.objects.filter(pk__in=ids).update(request_code=None, pin_hash="")
    return ids


def erase_help_requests(*, organization, cutoff, blocked: Blocked) -> list:
    due = not_erased(_closed_requests(organization, cutoff), RetentionKind.HELP_REQUESTS)
    ids = batch(due.filter(person__isnull=False).exclude(person_id__in=blocked.people))
    _erase_requests(ids)
    return ids


KINDS = (
    Kind(RetentionKind.MESSAGES, erase_messages),
    Kind(RetentionKind.ANONYMOUS_REQUESTS, erase_anonymous_requests),
    Kind(RetentionKind.HELP_REQUESTS, erase_help_requests),
)
