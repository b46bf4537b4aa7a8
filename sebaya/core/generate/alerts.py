"""Alerts as the safety net leaves them: raised, the on-call counselor notified, acknowledged after
some minutes (escalated to the backup, now and then the coordinator, when nobody answered in
time), the person contacted, an outcome, closed. No notification rows: they would be the worker's
outbox, and a generated history has nothing left to send."""

from __future__ import annotations

import datetime

from sebaya.core.generate.organizations import Org
from sebaya.core.generate.plan import new_id
from sebaya.core.generate.writer import Writer
from sebaya.safety.models import Alert, AlertAction

OUTCOMES = [
    "Sudah bicara dengan siswa; aman dan ada rencana pendampingan.",
    "Orang tua dihubungi; dijadwalkan konseling minggu ini.",
    "Siswa didampingi guru BK; dilanjutkan sebagai kasus.",
]


def alert_raise(
    org: Org,
    writer: Writer,
    *,
    person_id,
    minor: bool,
    level: str,
    source: str,
    source_ref: str,
    signals: list[str],
    at: datetime.datetime,
    raised_by: int | None = None,
) -> object:
    rng = org.rng
    minutes = 15  # every generated organization keeps the default (alert_ack_minutes)
    weekday = at.weekday()
    counselors = org.counselor_ids
    on_call = counselors[weekday % len(counselors)] if weekday < 5 else counselors[-1]
    backup = (
        counselors[(counselors.index(on_call) + 1) % len(counselors)]
        if len(counselors) > 1
        else org.coordinator_id
    )
    # Minutes until someone acknowledged: usually a few, now and then past the deadline.
    wait = min(180.0, rng.lognormvariate(1.8, 0.9))
    step, escalations = 0, []
    if wait > minutes:
        step = 1
        escalations.append((at + datetime.timedelta(minutes=minutes), 1))
        if wait > 2 * minutes:
            step = 2
            escalations.append((at + datetime.timedelta(minutes=2 * minutes), 2))
    acknowledged_at = at + datetime.timedelta(minutes=wait)
    acknowledged_by = on_call if step == 0 else backup if step == 1 else org.coordinator_id
    closed_at = org.clock.cap(acknowledged_at + datetime.timedelta(hours=rng.uniform(1, 72)))
    alert_id = new_id(rng)
    writer.add(
        Alert,
        id=alert_id,
        organization_id=org.id,
        person_id=person_id,
        level=level,
        source=source,
        source_ref=source_ref,
        signals=signals,
        state=Alert.State.CLOSED if closed_at else Alert.State.ACKNOWLEDGED,
        step=step,
        owner_id=acknowledged_by,
        ack_deadline=at + datetime.timedelta(minutes=minutes),
        acknowledged_by_id=acknowledged_by,
        acknowledged_at=acknowledged_at,
        closed_at=closed_at,
        created_at=at,
    )
    kind = AlertAction.Kind
    actions = [
        (at, kind.RAISED, raised_by, "", {}),
        (at, kind.NOTIFIED, None, "", {"step": 0, "recipients": 1}),
    ]
    for moment, next_step in escalations:
        actions.append((moment, kind.ESCALATED, None, "", {"step": next_step}))
        actions.append(
            (moment, kind.NOTIFIED, None, "", {"step": next_step, "recipients": 1 if next_step < 2 else 2})
        )
    actions.append((acknowledged_at, kind.ACKNOWLEDGED, acknowledged_by, "", {}))
    contacted = acknowledged_at + datetime.timedelta(minutes=rng.uniform(5, 90))
    actions.append((contacted, kind.CONTACTED_PERSON, acknowledged_by, "", {}))
    if minor and rng.random() < 0.6:
        actions.append(
            (contacted + datetime.timedelta(minutes=30), kind.CONTACTED_GUARDIAN, acknowledged_by, "", {})
        )
    if closed_at:
        actions.append((closed_at, kind.OUTCOME, acknowledged_by, rng.choice(OUTCOMES), {}))
        actions.append((closed_at, kind.CLOSED, acknowledged_by, "", {}))
    for moment, what, actor, note, detail in actions:
        writer.add(
            AlertAction, alert_id=alert_id, kind=what, actor_id=actor, at=moment, note=note, detail=detail
        )
    return alert_id
