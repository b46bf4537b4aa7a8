"""Matching a help request with peer supporters: who may be proposed, ranked, with the reasons.

Plain Python, no database: `services.proposals_for` builds the inputs. Hard rules leave a
supporter out (not certified or not active, no free place, the wrong gender when one was asked
for, the same class when the person asked for someone from another class, a declared conflict,
no common time). Soft rules rank the rest, and each one that counts is given as a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

REASONS = {
    "topic": _("Has experience with this topic"),
    "language": _("Speaks their language (%(language)s)"),
    "times": _("%(n)s common times in the week"),
    "times_unknown": _("Has not set their times yet"),
    "older": _("In a higher grade"),
    "same_grade": _("In the same grade"),
    "load": _("%(free)s of %(capacity)s places free"),
}

WEIGHTS = {"topic": 30, "language": 10, "time": 5, "max_time": 15, "older": 10, "same_grade": 5, "load": 10}


@dataclass(frozen=True)
class Need:
    """What the request asks for, and who the person is (when known)."""

    topic: str
    person_id: object = None
    gender: str = "any"  # any, female, male
    grade: int | None = None
    class_name: str = ""
    languages: frozenset = frozenset()
    times: frozenset = frozenset()
    not_same_class: bool = False


@dataclass(frozen=True)
class Candidate:
    id: object
    person_id: object
    gender: str
    grade: int | None
    class_name: str
    languages: frozenset
    topics: frozenset
    availability: frozenset
    capacity: int
    load: int
    matchable: bool
    conflicts: frozenset = field(default_factory=frozenset)  # person ids


@dataclass(frozen=True)
class Proposal:
    candidate: Candidate
    score: int
    reasons: tuple[tuple[str, dict], ...]

    def reason_texts(self) -> list[str]:
        return [
            str(REASONS[code]) % params if params else str(REASONS[code]) for code, params in self.reasons
        ]


def eligible(need: Need, candidate: Candidate) -> bool:
    if not candidate.matchable or candidate.load >= candidate.capacity:
        return False
    if need.person_id is not None and (
        candidate.person_id == need.person_id or need.person_id in candidate.conflicts
    ):
        return False
    if need.gender in {"female", "male"} and candidate.gender != need.gender:
        return False
    if need.not_same_class and need.class_name and candidate.class_name == need.class_name:
        return False
    return not (need.times and candidate.availability and not need.times & candidate.availability)


def score(need: Need, candidate: Candidate) -> Proposal:
    points = 0
    reasons: list[tuple[str, dict]] = []
    if need.topic in candidate.topics:
        points += WEIGHTS["topic"]
        reasons.append(("topic", {}))
    shared = sorted((need.languages & candidate.languages) - {"id"})
    if shared:  # Everyone speaks Indonesian; a regional language in common is worth saying.
        points += WEIGHTS["language"]
        reasons.append(("language", {"language": ", ".join(shared)}))
    if need.times and candidate.availability:
        common = len(need.times & candidate.availability)
        points += min(WEIGHTS["time"] * common, WEIGHTS["max_time"])
        reasons.append(("times", {"n": common}))
    elif need.times:
        reasons.append(("times_unknown", {}))
    if need.grade is not None and candidate.grade is not None:
        if candidate.grade > need.grade:
            points += WEIGHTS["older"]
            reasons.append(("older", {}))
        elif candidate.grade == need.grade:
            points += WEIGHTS["same_grade"]
            reasons.append(("same_grade", {}))
    free = candidate.capacity - candidate.load
    # Spread the work: a supporter with more free places ranks higher, other things equal.
    points += round(WEIGHTS["load"] * free / candidate.capacity)
    reasons.append(("load", {"free": free, "capacity": candidate.capacity}))
    return Proposal(candidate=candidate, score=points, reasons=tuple(reasons))


def rank(need: Need, candidates: list[Candidate], *, limit: int = 5) -> list[Proposal]:
    """The best `limit` eligible supporters, best first (ties: fewer people already, then id)."""
    proposals = [score(need, c) for c in candidates if eligible(need, c)]
    proposals.sort(key=lambda p: (-p.score, p.candidate.load, str(p.candidate.id)))
    return proposals[:limit]
