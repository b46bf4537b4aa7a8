"""Asking for help: a request is submitted (named or anonymous), found again by code and PIN,
replied to, and withdrawn."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from sebaya.safety.models import AlertSource, RiskLevel
from sebaya.safety.risk import assess
from sebaya.safety.services import text_check
from sebaya.screening.instruments import get_instrument
from sebaya.screening.scoring import score
from sebaya.support.models import HelpRequest, RequestMessage, SupportRelationship, Tier, TriageDecision
from sebaya.support.services._shared import NotAllowedNow, _audit, _first_contact, _ref
from sebaya.support.services.triage_matching import proposals_for, relationship_start
from sebaya.support.triage import TriageInput, triage

# Request codes avoid look-alike characters (0/O, 1/I/L) so they can be read over a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_request_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def check_band_label(help_request: HelpRequest) -> str:
    """The short check's (PHQ-4) result band in the reader's language ("Ringan"), "" without a check.

    The request keeps the band's code ("mild"); its words come from the instrument when shown."""
    if not help_request.check_band:
        return ""
    band = next((b for b in get_instrument("phq4").bands if b.code == help_request.check_band), None)
    return str(band.label) if band else help_request.check_band


@transaction.atomic
def help_request_submit(
    *,
    organization,
    person=None,
    topic: str,
    details: str = "",
    helper: str = "either",
    helper_gender: str = "any",
    mode: str = "either",
    times=(),
    not_same_class: bool = False,
    check_answers=(),
    safety_answer: bool | None = None,
    asked_now: bool = False,
    by=None,
    request=None,
) -> tuple[HelpRequest, str | None, str | None]:
    """Keep a request, triage it by the rules, and raise an alert for any risk signal.

    Returns (request, code, PIN); code and PIN are given only for an anonymous request (no
    person) and are shown to the person once. Raises ScoringError for a check that does not fit.
    `asked_now`: sent with "Send it now to a counselor" (the rest of the form skipped): urgent.
    """
    check = score("phq4", list(check_answers)) if check_answers else None
    words = assess(details)
    result = triage(
        TriageInput(
            topic=topic,
            helper=helper,
            check_band=check.band if check else "",
            safety_answer=safety_answer,
            text_level=words.level,
            asked_now=asked_now,
        )
    )
    code = pin = None
    help_request = HelpRequest(
        organization=organization,
        person=person,
        topic=topic,
        details=details,
        helper=helper,
        helper_gender=helper_gender,
        mode=mode,
        times=sorted(set(times)),
        not_same_class=not_same_class,
        check_answers=list(check.answers) if check else [],
        check_total=check.total if check else None,
        check_band=check.band if check else "",
        safety_answer=safety_answer,
        tier=result.tier,
        urgency=result.urgency,
    )
    if person is None:
        code, pin = new_request_code(), f"{secrets.randbelow(10**6):06d}"
        help_request.request_code = code
        help_request.pin_hash = make_password(pin)
    help_request.save()
    TriageDecision.objects.create(
        help_request=help_request, tier=result.tier, urgency=result.urgency, rule_reasons=list(result.reasons)
    )
    # One submission, one alert: the safety answer and the words together.
    text_check(
        organization=organization,
        text=details,
        source=AlertSource.TRIAGE if safety_answer else AlertSource.TEXT,
        source_ref=_ref(help_request),
        person=person,
        raised_by=by,
        also_level=RiskLevel.CRISIS if safety_answer else None,
        also_signals=["help_request:safety_yes"] if safety_answer else (),
    )
    _audit(by=by, organization=organization, target=help_request, what="requested", request=request)
    if result.tier == Tier.PEER and organization.auto_assign_peers:
        best = proposals_for(help_request, limit=1)
        if best:
            relationship_start(
                help_request=help_request, supporter_id=best[0].candidate.id, by=None, reasons=best[0].reasons
            )
    return help_request, code, pin


def anonymous_request_find(*, organization, code: str, pin: str) -> HelpRequest | None:
    """The anonymous request with this code and PIN, or None (the same answer for either wrong)."""
    help_request = HelpRequest.objects.filter(
        organization=organization, request_code=normalize_code(code), person__isnull=True
    ).first()
    if help_request is None:
        make_password(pin)  # same time as a real check, so a wrong code cannot be told apart
        return None
    return help_request if check_password(pin, help_request.pin_hash) else None


@transaction.atomic
def request_reply(*, help_request: HelpRequest, body: str, by=None, from_requester: bool, request=None):
    """A reply on a request: from a counselor (the first one starts the response clock) or from the
    person who asked (scanned for risk)."""
    if not help_request.is_open:
        raise NotAllowedNow("closed")
    message = RequestMessage.objects.create(
        help_request=help_request,
        author=by if getattr(by, "is_authenticated", False) else None,
        from_requester=from_requester,
        body=body,
    )
    if from_requester:
        text_check(
            organization=help_request.organization,
            text=body,
            source=AlertSource.TEXT,
            source_ref=_ref(help_request),
            person=help_request.person,
            raised_by=by,
        )
    else:
        _first_contact(help_request, by)
    _audit(
        by=by,
        organization=help_request.organization,
        target=help_request,
        what="replied",
        request=request,
    )
    return message


@transaction.atomic
def first_contact_record(*, help_request: HelpRequest, by, request=None) -> None:
    """A counselor met or called the person outside Sebaya."""
    _first_contact(help_request, by)
    _audit(
        by=by,
        organization=help_request.organization,
        target=help_request,
        what="contacted",
        request=request,
    )


@transaction.atomic
def request_withdraw(*, help_request: HelpRequest, by=None, request=None) -> None:
    """The person no longer wants help with this. Kept, never deleted; relationships close."""
    if (
        not HelpRequest.objects.filter(pk=help_request.pk)
        .open()
        .update(status=HelpRequest.Status.WITHDRAWN, closed_at=timezone.now())
    ):
        raise NotAllowedNow("closed")
    help_request.refresh_from_db()
    SupportRelationship.objects.ongoing().filter(help_request=help_request).update(
        status=SupportRelationship.Status.CLOSED, closed_at=timezone.now()
    )
    _audit(
        by=by,
        organization=help_request.organization,
        target=help_request,
        what="withdrawn",
        request=request,
    )
