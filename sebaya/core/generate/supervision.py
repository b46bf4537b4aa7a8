"""Supervision: each counselor meets the peer supporters they supervise once a month, as a
group; attendance taken, most present, each present supporter rated."""

from __future__ import annotations

import datetime

from sebaya.core.generate.organizations import Org
from sebaya.core.generate.plan import new_id
from sebaya.core.generate.writer import Writer
from sebaya.programs.models import SupervisionAttendance, SupervisionSession


def build_supervision(org: Org, writer: Writer) -> None:
    rng, clock = org.rng, org.clock
    groups: dict[int, list] = {}
    for supporter in org.supporters:
        groups.setdefault(supporter.supervisor_id, []).append(supporter)
    for supervisor, supporters in groups.items():
        day = clock.first + datetime.timedelta(days=rng.randrange(7, 21))
        while day <= clock.last:
            starts_at = datetime.datetime.combine(day, datetime.time(14), clock.zone)
            session_id = new_id(rng)
            writer.add(
                SupervisionSession,
                id=session_id,
                organization_id=org.id,
                kind=SupervisionSession.Kind.GROUP,
                starts_at=starts_at,
                place="Ruang BK",
                supervisor_id=supervisor,
                notes="",
                recorded_at=starts_at + datetime.timedelta(hours=2),
                reminded_at=starts_at - datetime.timedelta(days=1),
                version=2,
            )
            for supporter in supporters:
                present = rng.random() < 0.88
                writer.add(
                    SupervisionAttendance,
                    session_id=session_id,
                    supporter_id=supporter.profile_id,
                    present=present,
                    rating=rng.choices([3, 4, 5], weights=[20, 50, 30])[0] if present else None,
                )
            day += datetime.timedelta(days=rng.randrange(26, 35))
