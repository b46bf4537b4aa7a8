"""Screening: whole-organization rounds spread over the months (PHQ-A in schools; PHQ-9, and
GAD-7 every other round, in communities), every member invited, most answering, so most people
have two results or more; and single results given within a case (its measures, see counseling).

Answers come from each member's level at that moment (`Org.level`), so results follow their
course: most a little better over the months, some worse. Totals, bands, severity and flags are
the scorer's (`screening.scoring.score`), routing is `screening.services.route_result`, and a
risk answer raises an alert as it does in the service.
"""

from __future__ import annotations

import datetime
import functools
import math

from sebaya.core.generate import alerts
from sebaya.core.generate.organizations import Member, Org
from sebaya.core.generate.plan import new_id, spread
from sebaya.core.generate.writer import Writer
from sebaya.kernel.tanggal import MONTHS
from sebaya.safety.models import AlertSource
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration, Offer, ScreeningInvitation, ScreeningRound
from sebaya.screening.scoring import score
from sebaya.screening.services import route_result

RISK_ITEM = "q9"  # PHQ-A and PHQ-9: thoughts of death or self-harm


@functools.cache
def _instrument(code: str):
    return get_instrument(code)


@functools.lru_cache(maxsize=100_000)
def _score(code: str, answers: tuple):
    return score(_instrument(code), answers)


def answers_for(org: Org, code: str, level: float) -> tuple:
    """Answers of someone at this level: each item is three chances of `level` (0–3); the risk
    item rarely above 0, and more often the heavier things are."""
    rng = org.rng
    values = []
    for item in _instrument(code).items:
        if not item.required:
            values.append(None)
        elif item.id == RISK_ITEM and code in {"phqa", "phq9"}:
            values.append((1 if rng.random() < 0.7 else 2) if rng.random() < 0.5 * level * level else 0)
        else:
            values.append((rng.random() < level) + (rng.random() < level) + (rng.random() < level))
    return tuple(values)


def instrument_for(org: Org, round_index: int = 0) -> str:
    if org.school:
        return "phqa"
    return "gad7" if round_index % 2 == 1 else "phq9"


def administration_add(
    org: Org,
    writer: Writer,
    *,
    member: Member,
    code: str,
    at: datetime.datetime,
    level: float,
    by: int | None = None,
    round_id=None,
):
    """One result, scored and routed; a risk answer raises its alert. Returns (id, result)."""
    rng = org.rng
    result = _score(code, answers_for(org, code, level))
    reason, offer = route_result(result, self_filled=by is None)
    reached_out_at = reached_out_by = offer_answered_at = None
    if offer and rng.random() < 0.7:
        offer_answered_at = org.clock.cap(at + datetime.timedelta(minutes=rng.uniform(1, 600)))
        if offer_answered_at:
            offer = rng.choices([Offer.DECLINED, Offer.PEER_SUPPORT, Offer.GROUP], weights=[60, 25, 15])[0]
            if offer != Offer.DECLINED:
                reason = offer
    if reason and (rng.random() < 0.93 or by is not None):
        # A counselor reaches out within hours (a risk answer) or days; the latest may still wait.
        hours = rng.uniform(0.2, 6) if reason == "risk" else rng.uniform(2, 96)
        reached_out_at = org.clock.cap(at + datetime.timedelta(hours=hours))
        reached_out_by = rng.choice(org.counselor_ids) if reached_out_at else None
    admin_id = new_id(rng)
    writer.add(
        Administration,
        id=admin_id,
        organization_id=org.id,
        person_id=member.person_id,
        instrument_code=result.instrument,
        instrument_version=result.version,
        language="id",
        answers=list(result.answers),
        total=result.total,
        severity=result.severity,
        band=result.band,
        subscales=result.subscales,
        flags=result.flags,
        derived=result.derived,
        administered_by_id=by,
        screening_round_id=round_id,
        outreach_reason=reason,
        reached_out_at=reached_out_at,
        reached_out_by_id=reached_out_by,
        outreach_note="Sudah diajak bicara." if reached_out_at else "",
        offer=offer,
        offer_answered_at=offer_answered_at,
        created_at=at,
    )
    if reached_out_at and reason in {"risk", "severe"}:
        org.outreach.append((admin_id, member, reached_out_at))
    if result.flags:
        alerts.alert_raise(
            org,
            writer,
            person_id=member.person_id,
            minor=member.minor,
            level=_instrument(code).alert_level(result.flags),
            source=AlertSource.SCREENING,
            source_ref=f"screening.administration:{admin_id}",
            signals=[f"{result.instrument}:{flag}" for flag in result.flags],
            at=at,
            raised_by=by,
        )
    return admin_id, result


def build_rounds(org: Org, writer: Writer, total: int) -> None:
    """`total` results over rounds of the whole organization; everyone is invited to each."""
    members = org.members
    if total <= 0 or not members:
        return
    rng, clock = org.rng, org.clock
    # Enough rounds that about 85% answer each; at least two, so there is a before and an after.
    rounds = max(2, math.ceil(total / (0.85 * len(members))))
    per_round = spread(total, [1.0] * rounds)
    if max(per_round) > len(members):
        rounds = math.ceil(total / len(members))
        per_round = spread(total, [1.0] * rounds)
    window = min(14, max(3, clock.days // (2 * rounds)))
    for k, answered in enumerate(per_round):
        code = instrument_for(org, k)
        instrument = _instrument(code)
        middle = clock.first + datetime.timedelta(days=int((k + 0.5) * clock.days / rounds))
        opens_on = max(clock.first, middle - datetime.timedelta(days=window // 2))
        closes_on = min(clock.last, opens_on + datetime.timedelta(days=window - 1))
        opens_at = datetime.datetime.combine(opens_on, datetime.time(), clock.zone)
        closes_at = datetime.datetime.combine(
            closes_on + datetime.timedelta(days=1), datetime.time(), clock.zone
        )
        reminder_at = opens_at + (closes_at - opens_at) / 2
        round_id = new_id(rng)
        created = opens_at - datetime.timedelta(days=7)
        writer.add(
            ScreeningRound,
            id=round_id,
            organization_id=org.id,
            title=f"Cek kesejahteraan {MONTHS[opens_on.month - 1]} {opens_on.year}",
            instrument_code=code,
            instrument_version=instrument.version,
            population="organization",
            population_value="",
            opens_on=opens_on,
            closes_on=closes_on,
            opens_at=opens_at,
            closes_at=closes_at,
            reminder_at=reminder_at,
            invited_at=opens_at,
            reminded_at=reminder_at,
            cancelled_at=None,
            created_by_id=org.coordinator_id,
            created_at=created,
        )
        span = (closes_at - opens_at).total_seconds()
        answering = set(rng.sample(range(len(members)), answered))
        for index, member in enumerate(members):
            admin_id = completed_at = None
            if index in answering:
                # Most answer in the first days of the window.
                completed_at = opens_at + datetime.timedelta(seconds=span * rng.random() ** 2)
                completed_at = clock.at(completed_at.date(), rng, evening=0.25)
                admin_id, _result = administration_add(
                    org,
                    writer,
                    member=member,
                    code=code,
                    at=completed_at,
                    level=org.level(member, completed_at),
                    round_id=round_id,
                )
            writer.add(
                ScreeningInvitation,
                id=new_id(rng),
                organization_id=org.id,
                screening_round_id=round_id,
                person_id=member.person_id,
                grade=member.grade,
                class_name=member.class_name,
                created_at=opens_at,
                reminded_at=reminder_at if completed_at is None or completed_at > reminder_at else None,
                administration_id=admin_id,
                completed_at=completed_at,
            )
