"""Peer support: help requests triaged by the rules (a counselor overriding now and then), half of
them accompanied by a peer supporter with sessions and a message thread, some stepped up to a
counselor (a new request, as the service makes) or stepped down from one; the response clock
(`first_contact_at`) minutes to days after the request, by urgency."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from sebaya.core.generate import alerts, words
from sebaya.core.generate.organizations import Accounts, Member, Org, member_user
from sebaya.core.generate.plan import new_id, spread
from sebaya.core.generate.screening import answers_for
from sebaya.core.generate.writer import Writer
from sebaya.safety.models import AlertSource, RiskLevel
from sebaya.screening.scoring import score
from sebaya.support.models import (
    TIME_SLOTS,
    HelpRequest,
    Message,
    PeerSession,
    SupportRelationship,
    Transition,
    TriageDecision,
)
from sebaya.support.services.requests import CODE_ALPHABET
from sebaya.support.triage import TriageInput, triage

TOPICS = list(words.REQUEST_WORDS)
TOPIC_WEIGHTS = [18, 14, 16, 7, 15, 12, 5, 8, 5]
# Minutes from a request to the first contact, by urgency (median of a log-normal).
FIRST_CONTACT_MINUTES = {"urgent": 20, "soon": 8 * 60, "routine": 30 * 60}


@dataclass
class Taken:
    """A request a counselor may take on as a case."""

    request_id: object
    member: Member
    at: datetime.datetime
    source: str  # form or step_up


@functools.cache
def _pin_hash() -> str:
    return make_password("000000", salt="sebayagenerated")


def build_support(org: Org, writer: Writer, accounts: Accounts, codes: set) -> list[Taken]:
    """The organization's help requests and everything that follows them; returns the requests
    with a person that reached a counselor (for the case book)."""
    plan, rng = org.plan, org.rng
    total = plan.help_requests
    if total <= 0 or not org.members:
        return []
    relationships = min(plan.relationships, total) if org.supporters else 0
    step_ups = min(round(relationships * 0.08), total - relationships)
    forms = total - step_ups
    peer = set(rng.sample(range(forms), relationships))
    weights = [m.baseline for m in org.members]
    askers = rng.choices(org.members, weights=weights, k=forms)
    sessions = spread(plan.peer_sessions, [rng.random() + 0.3 for _ in range(relationships)])
    messages = spread(plan.messages, [rng.random() + 0.2 for _ in range(relationships)])
    stepped = set(rng.sample(range(relationships), step_ups))
    taken: list[Taken] = []
    made = 0
    for index in range(forms):
        at = org.clock.moment(rng)
        member = askers[index]
        anonymous = rng.random() < 0.1
        if index in peer:
            k = made
            made += 1
            request = _request(org, writer, codes, member, at, anonymous=anonymous, to_peer=True)
            status, closed_at, supporter_user = _relationship(
                org,
                writer,
                accounts,
                request_id=request["id"],
                member=member,
                anonymous=anonymous,
                started=request["first_contact_at"],
                sessions=sessions[k],
                messages=messages[k],
                step_up=k in stepped,
                taken=taken,
            )
            # The request follows its relationship (a step-up leaves it with the counselors).
            request.update(status=status, closed_at=closed_at, first_contact_by_id=supporter_user)
            writer.add(HelpRequest, **request)
        else:
            request = _request(org, writer, codes, member, at, anonymous=anonymous, to_peer=False)
            writer.add(HelpRequest, **request)
            contact = request["first_contact_at"]
            if not anonymous and contact is not None and request["status"] != HelpRequest.Status.WITHDRAWN:
                taken.append(Taken(request["id"], member, contact, "form"))
    return taken


def _request(org, writer, codes, member: Member, at, *, anonymous: bool, to_peer: bool):
    """One help request from the form: its triage decisions and (a safety answer) its alert are
    written; the request's own fields are returned, for the caller to finish and write (a request
    to a peer follows its relationship). A request to a peer always has its first contact."""
    rng = org.rng
    level = org.level(member, at)
    topic = rng.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]
    helper = rng.choices(["either", "peer", "counselor"], weights=[60, 25, 15])[0]
    safety = not to_peer and rng.random() < 0.04 * level
    if to_peer:
        topic = "academic" if topic == "bullying" else topic
        helper = "either" if helper == "counselor" else helper
        level = min(level, 0.3)
    check = score("phq4", answers_for(org, "phq4", level))
    rules = triage(TriageInput(topic=topic, helper=helper, check_band=check.band, safety_answer=safety))
    decisions = [(rules.tier, rules.urgency, None, False, list(rules.reasons), "")]
    stepped_down = False
    if to_peer and rules.tier != "peer":
        decisions.append(
            ("peer", "routine", org.counselor_ids[0], True, [], "Cukup didampingi teman sebaya dulu.")
        )
    elif not to_peer and rules.tier == "peer":
        decisions.append(
            ("counselor", "soon", org.counselor_ids[0], True, [], "Sebaiknya bicara dengan guru BK.")
        )
    elif to_peer and helper == "either" and rng.random() < 0.05:
        stepped_down = True  # seen by a counselor first, then stepped down to a peer
        decisions.insert(0, ("counselor", "routine", None, False, ["asked_counselor"], ""))
    tier, urgency = decisions[-1][0], decisions[-1][1]
    minutes = rng.lognormvariate(0, 0.8) * FIRST_CONTACT_MINUTES[urgency]
    contact = org.clock.cap(at + datetime.timedelta(minutes=max(2.0, minutes)))
    if to_peer and contact is None:
        contact = at + datetime.timedelta(minutes=max(2.0, minutes))
    elif (
        not to_peer
        and contact is not None
        and (org.clock.last - contact.date()).days < 3
        and rng.random() < 0.3
    ):
        contact = None  # the latest ones may still wait
    status, closed_at = HelpRequest.Status.NEW, None
    if contact is not None and not to_peer:
        closed_at = org.clock.cap(contact + datetime.timedelta(days=rng.uniform(1, 40)))
        if rng.random() < 0.04:
            status = HelpRequest.Status.WITHDRAWN
        else:
            status = HelpRequest.Status.CLOSED if closed_at else HelpRequest.Status.WITH_COUNSELOR
        if status == HelpRequest.Status.WITH_COUNSELOR:
            closed_at = None
    request_id = new_id(rng)
    code = None
    if anonymous:
        code = _code(org, codes)
    request = {
        "id": request_id,
        "organization_id": org.id,
        "person_id": None if anonymous else member.person_id,
        "source": HelpRequest.Source.FORM,
        "request_code": code,
        "pin_hash": _pin_hash() if anonymous else "",
        "topic": topic,
        "details": rng.choice(words.REQUEST_WORDS[topic]),
        "helper": helper,
        "helper_gender": "any",
        "mode": rng.choice(["either", "in_person", "online"]),
        "times": sorted(rng.sample(TIME_SLOTS[:15], 3)),
        "not_same_class": rng.random() < 0.2,
        "check_answers": list(check.answers),
        "check_total": check.total,
        "check_band": check.band,
        "safety_answer": safety,
        "tier": tier,
        "urgency": urgency,
        "status": status,
        "stepped_up_from_id": None,
        "created_at": at,
        "first_contact_at": contact,
        "first_contact_by_id": rng.choice(org.counselor_ids) if contact and not to_peer else None,
        "closed_at": closed_at,
    }
    for n, (d_tier, d_urgency, by, override, reasons, reason) in enumerate(decisions):
        writer.add(
            TriageDecision,
            help_request_id=request_id,
            tier=d_tier,
            urgency=d_urgency,
            decided_by_id=by,
            is_override=override,
            rule_reasons=reasons,
            reason=reason,
            created_at=at if n == 0 else at + datetime.timedelta(minutes=30),
        )
    if stepped_down:
        writer.add(
            Transition,
            organization_id=org.id,
            kind=Transition.Kind.STEP_DOWN,
            person_id=None if anonymous else member.person_id,
            relationship_id=None,
            help_request_id=request_id,
            note="Sudah lebih tenang; cukup didampingi teman sebaya.",
            by_id=org.counselor_ids[0],
            at=at + datetime.timedelta(minutes=30),
        )
    if safety:
        alerts.alert_raise(
            org,
            writer,
            person_id=None if anonymous else member.person_id,
            minor=member.minor,
            level=RiskLevel.CRISIS,
            source=AlertSource.TRIAGE,
            source_ref=f"support.helprequest:{request_id}",
            signals=["help_request:safety_yes"],
            at=at,
        )
    return request


def _code(org: Org, codes: set) -> str:
    while True:
        raw = "".join(org.rng.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if code not in codes:
            codes.add(code)
            return code


def _relationship(
    org, writer, accounts, *, request_id, member, anonymous, started, sessions, messages, step_up, taken
) -> tuple:
    """A peer supporter accompanies the person: sessions, a thread, then closed, still going, or
    stepped up (a new request in the counselors' queue, with the hand-over). Returns what its
    request becomes: status, closed_at, and who first contacted the person (the supporter)."""
    rng, clock = org.rng, org.clock
    matchable = [s for s in org.supporters if s.matchable] or org.supporters
    supporter = rng.choice(matchable)
    relationship_id = new_id(rng)
    age = (clock.last - started.date()).days
    end = clock.cap(started + datetime.timedelta(days=rng.uniform(7, 60)))
    status = SupportRelationship.Status.ACTIVE
    if step_up:
        end = clock.cap(
            started + datetime.timedelta(days=rng.uniform(3, 21))
        ) or started + datetime.timedelta(hours=2)
        status = SupportRelationship.Status.STEPPED_UP
    elif end is not None and rng.random() < 0.9:
        status = SupportRelationship.Status.CLOSED
    elif age > 30 and rng.random() < 0.3:
        status = SupportRelationship.Status.PAUSED
    last = end or datetime.datetime.combine(clock.last, datetime.time(20), clock.zone)
    span = max(3600.0, (last - started).total_seconds())
    closed = status == SupportRelationship.Status.CLOSED
    feedback = closed and rng.random() < 0.6
    person_user = None if anonymous else member_user(org, member, accounts)
    times = sorted(started + datetime.timedelta(seconds=span * rng.random()) for _ in range(messages))
    writer.add(
        SupportRelationship,
        id=relationship_id,
        organization_id=org.id,
        person_id=None if anonymous else member.person_id,
        help_request_id=request_id,
        supporter_id=supporter.profile_id,
        status=status,
        matched_by_id=org.counselor_ids[0],
        match_reasons=[["topic", {}], ["times", {"n": 2}]],  # as matching.Candidate.reasons
        started_at=started,
        closed_at=end if closed else None,
        closing_note="Sudah lebih tenang; tahu ke mana mencari bantuan." if closed else "",
        feedback_rating=rng.choices([5, 4, 3, 2], weights=[55, 30, 10, 5])[0] if feedback else None,
        feedback_comment="Kakaknya sabar mendengarkan." if feedback and rng.random() < 0.4 else "",
        feedback_at=end if feedback else None,
        person_read_at=times[-1] if times else None,
        supporter_read_at=times[-1] if times else None,
    )
    for k, moment in enumerate(times):
        from_supporter = k % 2 == 0 if rng.random() < 0.85 else rng.random() < 0.5
        writer.add(
            Message,
            relationship_id=relationship_id,
            sender_id=supporter.user_id if from_supporter else person_user,
            from_supporter=from_supporter,
            body=rng.choice(words.SUPPORTER_LINES if from_supporter else words.PERSON_LINES),
            risk_level="",
            reported_at=None,
            reported_by_supporter=None,
            created_at=moment,
        )
    for _k in range(sessions):
        day = (started + datetime.timedelta(seconds=span * rng.random())).date()
        before = rng.choices([1, 2, 3, 4], weights=[5, 30, 45, 20])[0]
        after = min(5, before + rng.choices([-1, 0, 1, 2], weights=[5, 35, 45, 15])[0])
        concern = rng.random() < 0.005
        logged = datetime.datetime.combine(day, datetime.time(16), clock.zone)
        writer.add(
            PeerSession,
            relationship_id=relationship_id,
            date=day,
            mode=rng.choices(["in_person", "chat", "call"], weights=[60, 30, 10])[0],
            duration_minutes=rng.choice([15, 20, 30, 30, 45, 60]),
            topics=[rng.choice(TOPICS)],
            mood_before=before,
            mood_after=max(1, after),
            note=rng.choice(words.SESSION_NOTES),
            concern=concern,
            logged_by_id=supporter.user_id,
            created_at=logged,
        )
        if concern:
            alerts.alert_raise(
                org,
                writer,
                person_id=None if anonymous else member.person_id,
                minor=member.minor,
                level=RiskLevel.CONCERN,
                source=AlertSource.CONCERN_FLAG,
                source_ref=f"support.supportrelationship:{relationship_id}",
                signals=["peer_session:concern"],
                at=logged,
                raised_by=supporter.user_id,
            )
    if step_up:
        _step_up(org, writer, member, anonymous, relationship_id, end, supporter, taken)
        return HelpRequest.Status.WITH_COUNSELOR, None, supporter.user_id
    if closed:
        return HelpRequest.Status.CLOSED, end, supporter.user_id
    return HelpRequest.Status.WITH_PEER, None, supporter.user_id


def _step_up(org, writer, member, anonymous, relationship_id, at, supporter, taken) -> None:
    rng = org.rng
    request_id = new_id(rng)
    contact = org.clock.cap(at + datetime.timedelta(minutes=rng.lognormvariate(0, 0.8) * 8 * 60))
    writer.add(
        HelpRequest,
        id=request_id,
        organization_id=org.id,
        person_id=None if anonymous else member.person_id,
        source=HelpRequest.Source.STEP_UP,
        topic="other",
        helper="counselor",
        tier="counselor",
        urgency="soon",
        status=HelpRequest.Status.WITH_COUNSELOR if contact else HelpRequest.Status.NEW,
        stepped_up_from_id=relationship_id,
        created_at=at,
        first_contact_at=contact,
        first_contact_by_id=supporter.supervisor_id if contact else None,
    )
    writer.add(
        TriageDecision,
        help_request_id=request_id,
        tier="counselor",
        urgency="soon",
        decided_by_id=None,
        is_override=False,
        rule_reasons=["stepped_up"],
        created_at=at,
    )
    writer.add(
        Transition,
        organization_id=org.id,
        kind=Transition.Kind.STEP_UP,
        person_id=None if anonymous else member.person_id,
        relationship_id=relationship_id,
        help_request_id=request_id,
        note="Sudah berlangsung lama dan ia ingin bicara dengan guru BK.",
        by_id=supporter.user_id,
        at=at,
    )
    if not anonymous and contact is not None:
        taken.append(Taken(request_id, member, contact, "step_up"))
