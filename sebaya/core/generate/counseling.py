"""The case book: cases opened from help requests, step-ups, screening results or directly;
counseling sessions; measures (results given within the case: at intake, at reviews, at closing,
so a case's before and after can be compared); referrals to partners with their consent record and
progress; follow-ups, some overdue; closed cases with their outcome."""

from __future__ import annotations

import datetime

from sebaya.core.generate import words
from sebaya.core.generate.organizations import Org
from sebaya.core.generate.plan import new_id, spread
from sebaya.core.generate.screening import administration_add, instrument_for
from sebaya.core.generate.support import Taken
from sebaya.core.generate.writer import Writer
from sebaya.counseling.models import (
    Case,
    CaseMeasure,
    CaseStatusChange,
    CounselingSession,
    FollowUp,
    Partner,
    Referral,
    ReferralUpdate,
)
from sebaya.privacy.models import Consent

OUTCOMES = ["improved", "resolved", "unchanged", "referred", "discontinued"]
OUTCOME_WEIGHTS = [45, 25, 12, 10, 8]
# How heavy things are at closing, against intake, by outcome.
OUTCOME_CHANGE = {"improved": 0.6, "resolved": 0.45, "unchanged": 1.0, "referred": 0.9, "discontinued": 0.95}
SERVICES = ["konseling_individu", "konseling_kelompok", "konsultasi", "mediasi", "kunjungan_rumah"]
SERVICE_WEIGHTS = [72, 10, 10, 5, 3]


def measure_budget(org: Org) -> int:
    """How many of the organization's results are given within cases (the rest are in rounds)."""
    return min(int(org.plan.cases * 1.1), org.plan.screening_results // 3)


def build_cases(org: Org, writer: Writer, taken: list[Taken]) -> None:
    plan, rng, clock = org.plan, org.rng, org.clock
    if plan.cases <= 0 or not org.members:
        return
    partners = _partners(org, writer)
    specs = []
    rng.shuffle(taken)
    from_requests = taken[: round(plan.cases * 0.45)]
    for item in from_requests:
        source = Case.Source.STEP_UP if item.source == "step_up" else Case.Source.TRIAGE
        specs.append((item.at, item.member, source, item.request_id, None))
    outreach = org.outreach[:]
    rng.shuffle(outreach)
    for admin_id, member, at in outreach[: min(round(plan.cases * 0.3), plan.cases - len(specs))]:
        specs.append((at, member, Case.Source.SCREENING, None, admin_id))
    weights = [m.baseline for m in org.members]
    for member in rng.choices(org.members, weights=weights, k=plan.cases - len(specs)):
        specs.append((clock.moment(rng), member, Case.Source.DIRECT, None, None))
    specs.sort(key=lambda spec: spec[0])
    sessions = spread(plan.counseling_sessions, [rng.random() + 0.3 for _ in specs])
    cases = []
    for number, (opened, member, source, request_id, admin_id) in enumerate(specs, start=1):
        cases.append(
            _case(
                org,
                writer,
                number,
                opened,
                member,
                source,
                request_id,
                admin_id,
                sessions[number - 1],
                partners,
            )
        )
    _measures(org, writer, cases)


def _partners(org: Org, writer: Writer) -> list:
    rng = org.rng
    partners = []
    district = org.district.split(" ", 1)[1]
    for name, kind in words.PARTNERS[: rng.randint(2, len(words.PARTNERS))]:
        partner_id = new_id(rng)
        writer.add(
            Partner,
            id=partner_id,
            organization_id=org.id,
            name=name.format(district=district),
            kind=kind,
            phone=f"0{rng.randrange(21, 99)}-555-{rng.randrange(1000, 9999)}",
            area=org.district,
            hours="Senin–Sabtu 08.00–16.00",
            cost="BPJS" if kind in {"puskesmas", "hospital"} else "Gratis untuk rujukan sekolah",
            languages="Indonesia",
            shared_with_network=rng.random() < 0.3,
            is_active=True,
        )
        partners.append(partner_id)
    return partners


def _case(org, writer, number, opened, member, source, request_id, admin_id, sessions, partners) -> dict:
    rng, clock = org.rng, org.clock
    case_id = new_id(rng)
    counselor = rng.choice(org.counselor_ids)
    domain = rng.choices(list(words.CASE_SUMMARIES), weights=[40, 30, 20, 10])[0]
    end = clock.cap(opened + datetime.timedelta(days=rng.uniform(14, 120)))
    closed_at = end if end is not None and rng.random() < 0.75 else None
    outcome = rng.choices(OUTCOMES, weights=OUTCOME_WEIGHTS)[0] if closed_at else ""
    last = closed_at or datetime.datetime.combine(clock.last, datetime.time(15), clock.zone)
    span = max(3600.0, (last - opened).total_seconds())
    days = sorted((opened + datetime.timedelta(seconds=span * rng.random())).date() for _ in range(sessions))
    referred = outcome == "referred" or (rng.random() < 0.08 and partners)
    referral_at = opened + datetime.timedelta(seconds=span * rng.uniform(0.2, 0.6)) if referred else None
    services = sorted(
        {rng.choices(SERVICES, weights=SERVICE_WEIGHTS)[0] for _ in days}
        | ({"alih_tangan_kasus"} if referred else set())
    )
    if closed_at:
        status = Case.Status.CLOSED
    elif referred:
        status = Case.Status.REFERRED
    else:
        status = Case.Status.IN_PROGRESS if days else Case.Status.NEW
    writer.add(
        Case,
        id=case_id,
        organization_id=org.id,
        number=number,
        person_id=member.person_id,
        source=source,
        help_request_id=request_id,
        administration_id=admin_id,
        summary=rng.choice(words.CASE_SUMMARIES[domain]),
        domain=domain,
        service_types=services,
        status=status,
        plan_goals="Merasa lebih tenang dan kembali aktif di kelas." if days else "",
        plan_interventions="Konseling individu dua pekan sekali." if days else "",
        review_date=(opened + datetime.timedelta(days=30)).date() if not closed_at else None,
        opened_by_id=counselor,
        opened_at=opened,
        closed_at=closed_at,
        closing_summary=words.CLOSING_SUMMARIES[outcome] if outcome else "",
        outcome=outcome,
        version=1 + len(days) // 3,
    )
    writer.add(Case.counselors.through, case_id=case_id, user_id=counselor)
    changes = [(opened, "", Case.Status.NEW)]
    if days:
        changes.append(
            (
                datetime.datetime.combine(days[0], datetime.time(9), clock.zone),
                Case.Status.NEW,
                Case.Status.IN_PROGRESS,
            )
        )
    if referral_at:
        changes.append((referral_at, changes[-1][2], Case.Status.REFERRED))
    if closed_at:
        changes.append((closed_at, changes[-1][2], Case.Status.CLOSED))
    for at, before, after in changes:
        note = words.CLOSING_SUMMARIES[outcome] if after == Case.Status.CLOSED else ""
        writer.add(
            CaseStatusChange,
            case_id=case_id,
            from_status=before,
            to_status=after,
            note=note,
            by_id=counselor,
            at=at,
        )
    for day in days:
        recorded = datetime.datetime.combine(day, datetime.time(15), clock.zone)
        writer.add(
            CounselingSession,
            id=new_id(rng),
            case_id=case_id,
            date=day,
            service_type=rng.choices(SERVICES, weights=SERVICE_WEIGHTS)[0],
            duration_minutes=rng.choice([30, 40, 45, 45, 60]),
            discussed=rng.choice(words.SESSION_DISCUSSED),
            analysis="",
            plan="Bertemu lagi pekan depan.",
            seriousness=rng.choices(["ringan", "sedang", "berat"], weights=[55, 35, 10])[0],
            confidential_note="",
            recorded_by_id=counselor,
            created_at=recorded,
            updated_at=recorded,
            version=1,
        )
    if referral_at:
        _referral(org, writer, case_id, member, counselor, rng.choice(partners), referral_at, closed_at)
    _follow_ups(org, writer, case_id, counselor, opened, closed_at)
    return {
        "id": case_id,
        "member": member,
        "counselor": counselor,
        "opened": opened,
        "closed": closed_at,
        "outcome": outcome,
    }


def _referral(org, writer, case_id, member, counselor, partner_id, at, closed_at) -> None:
    rng = org.rng
    consent_id = new_id(rng)
    writer.add(
        Consent,
        id=consent_id,
        organization_id=org.id,
        person_id=member.person_id,
        purpose="referral",
        given_by="parent" if member.minor else "self",
        giver_name="Orang tua" if member.minor else "",
        method="signed_form",
        given_on=at.date(),
        recorded_by_id=counselor,
        recorded_at=at,
    )
    path = ["sent", "accepted", "attended", "closed"] if rng.random() < 0.85 else ["sent", "declined"]
    steps = rng.randint(1, len(path)) if closed_at is None else len(path)
    moments = [at]
    for _ in path[1:steps]:
        moment = org.clock.cap(moments[-1] + datetime.timedelta(days=rng.uniform(1, 14)))
        if moment is None:
            break
        moments.append(moment)
    referral_id = new_id(rng)
    writer.add(
        Referral,
        id=referral_id,
        organization_id=org.id,
        case_id=case_id,
        partner_id=partner_id,
        reason="Perlu asesmen lanjutan oleh tenaga profesional.",
        shared=["identity", "summary", "screening"],
        consent="guardian" if member.minor else "person",
        consent_by_name="Orang tua" if member.minor else "",
        consent_record_id=consent_id,
        status=path[len(moments) - 1],
        partner_feedback="Sudah dijadwalkan asesmen." if len(moments) > 1 else "",
        created_by_id=counselor,
        created_at=at,
        status_at=moments[-1],
        reminded_at=moments[0] + datetime.timedelta(days=7) if len(moments) == 1 else None,
    )
    for status, moment in zip(path, moments, strict=False):
        writer.add(
            ReferralUpdate, referral_id=referral_id, status=status, note="", by_id=counselor, at=moment
        )


def _follow_ups(org, writer, case_id, counselor, opened, closed_at) -> None:
    rng, clock = org.rng, org.clock
    for _ in range(rng.choices([0, 1, 2, 3], weights=[30, 40, 20, 10])[0]):
        created = opened + datetime.timedelta(days=rng.uniform(0, 20))
        if clock.cap(created) is None:
            continue
        due = (created + datetime.timedelta(days=rng.uniform(2, 21))).date()
        done_at = None
        if due <= clock.last and (closed_at is not None or rng.random() < 0.8):
            done_at = datetime.datetime.combine(due, datetime.time(13), clock.zone)
        overdue = done_at is None and due <= clock.last
        writer.add(
            FollowUp,
            id=new_id(rng),
            case_id=case_id,
            what=rng.choice(words.FOLLOW_UPS),
            due_on=due,
            assigned_to_id=counselor,
            created_by_id=counselor,
            created_at=created,
            done_at=done_at,
            done_by_id=counselor if done_at else None,
            # Overdue ones were reminded already: the worker reminds once.
            reminded_at=datetime.datetime.combine(
                due + datetime.timedelta(days=1), datetime.time(7), clock.zone
            )
            if overdue
            else None,
        )


def _measures(org: Org, writer: Writer, cases: list[dict]) -> None:
    """The budget of results within cases: an intake measure for each case first, then closing
    measures, then reviews, so before-and-after pairs exist whenever there is room."""
    budget = measure_budget(org)
    rng, clock = org.rng, org.clock
    intake_levels = {}
    plan = []
    for case in cases[:budget]:
        plan.append((case, "intake", case["opened"] + datetime.timedelta(hours=1)))
    budget -= len(plan)
    closing = [c for c in cases[: len(plan)] if c["closed"]]
    for case in closing[:budget]:
        plan.append((case, "closing", case["closed"] - datetime.timedelta(hours=1)))
    budget -= min(budget, len(closing))
    with_intake = cases[: len(plan)] or cases
    k = 0
    while budget > 0 and with_intake:
        case = with_intake[k % len(with_intake)]
        end = case["closed"] or datetime.datetime.combine(clock.last, datetime.time(12), clock.zone)
        moment = case["opened"] + (end - case["opened"]) * rng.uniform(0.3, 0.8)
        plan.append((case, "review", moment))
        budget -= 1
        k += 1
    order = {"intake": 0, "review": 1, "closing": 2}
    plan.sort(key=lambda item: (order[item[1]], item[2]))
    for case, moment, at in plan:
        member = case["member"]
        intake = intake_levels.setdefault(case["id"], max(0.35, org.level(member, case["opened"])))
        change = {"intake": 1.0, "review": 0.8, "closing": OUTCOME_CHANGE.get(case["outcome"], 0.8)}[moment]
        level = min(0.95, max(0.02, intake * change + rng.gauss(0, 0.04)))
        admin_id, _result = administration_add(
            org, writer, member=member, code=instrument_for(org), at=at, level=level, by=case["counselor"]
        )
        writer.add(CaseMeasure, case_id=case["id"], administration_id=admin_id, moment=moment)
