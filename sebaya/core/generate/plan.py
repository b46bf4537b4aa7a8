"""What is built where: the totals asked for, spread unevenly but exactly over the organizations,
and the clock the generated history runs on (months ending the day before `today`)."""

from __future__ import annotations

import datetime
import math
import random
import uuid
import zoneinfo
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    networks: int = 1
    orgs: int = 3
    people: int = 300
    screening_results: int = 600
    sessions: int = 120
    help_requests: int = 60
    messages: int = 300
    cases: int = 30
    seed: int = 1
    months: int = 12
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass
class OrgPlan:
    """One organization's share of every total."""

    number: int  # 1-based: slug gen-<number>
    network: int  # 0-based index of its network
    kind: str  # school or community
    members: int
    supporters: int
    counselors: int
    screening_results: int
    help_requests: int
    relationships: int  # help requests that go to a peer supporter
    cases: int
    peer_sessions: int = 0
    counseling_sessions: int = 0
    messages: int = 0


def spread(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, the parts summing to it exactly (largest remainder)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    shares = [total * w / weight_sum for w in weights]
    parts = [math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (parts[i] - shares[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def new_id(rng: random.Random) -> uuid.UUID:
    """A UUID drawn from the generator's own random source, so ids are the same on every run."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def build_plans(options: Options) -> list[OrgPlan]:
    rng = random.Random(f"sebaya-generate:{options.seed}:plan")
    n = options.orgs
    kinds = ["community" if rng.random() < 0.15 else "school" for _ in range(n)]
    if n and all(k == "community" for k in kinds):
        kinds[0] = "school"
    # Sizes vary a lot (a log-normal): most schools a few hundred to a thousand, a few 5,000.
    size_weights = [rng.lognormvariate(0, 0.8) * (0.25 if k == "community" else 1.0) for k in kinds]
    base = 1 if options.people >= n else 0
    members = [base + m for m in spread(options.people - base * n, size_weights)]
    # How much each organization uses Sebaya also varies, apart from its size.
    use = [m * rng.uniform(0.5, 1.5) for m in members]
    screening = spread(options.screening_results, use)
    requests = spread(options.help_requests, use)
    cases = spread(options.cases, [u if m else 0 for u, m in zip(use, members, strict=True)])
    plans = []
    for i in range(n):
        m = members[i]
        supporters = max(1, round(m * 0.03)) if m >= 20 else 0
        relationships = 0
        if supporters and requests[i]:
            relationships = max(1, round(requests[i] * 0.5))
        if cases[i] and not m:
            cases[i] = 0
        plans.append(
            OrgPlan(
                number=i + 1,
                network=i % max(1, options.networks),
                kind=kinds[i],
                members=m,
                supporters=supporters,
                counselors=min(3, max(1, math.ceil(m / 800))),
                screening_results=screening[i] if m else 0,
                help_requests=requests[i] if m else 0,
                relationships=relationships,
                cases=cases[i],
            )
        )
    _spread_activity(options, plans)
    return plans


def _spread_activity(options: Options, plans: list[OrgPlan]) -> None:
    """Sessions go where there are relationships (peer sessions) and cases (counseling sessions);
    messages where there are relationships."""
    sessions = spread(options.sessions, [2 * p.relationships + 3 * p.cases for p in plans])
    messages = spread(options.messages, [p.relationships for p in plans])
    for plan, s, msgs in zip(plans, sessions, messages, strict=True):
        plan.peer_sessions, plan.counseling_sessions = spread(s, [2 * plan.relationships, 3 * plan.cases])
        plan.messages = msgs


def check(options: Options, plans: list[OrgPlan]) -> list[str]:
    """What cannot be built as asked, in words (nothing is written then)."""
    problems = []
    for name in ("networks", "orgs", "months"):
        if getattr(options, name) < 1:
            problems.append(f"--{name} must be at least 1.")
    for name in ("people", "screening_results", "sessions", "help_requests", "messages", "cases"):
        if getattr(options, name) < 0:
            problems.append(f"--{name.replace('_', '-')} cannot be negative.")
    if problems:
        return problems
    if options.networks > options.orgs:
        problems.append("--networks cannot exceed --orgs (every network needs an organization).")
    if options.sessions and not any(p.relationships or p.cases for p in plans):
        problems.append(
            "--sessions needs --cases, or --help-requests with enough --people for peer supporters."
        )
    if options.messages and not any(p.relationships for p in plans):
        problems.append("--messages needs --help-requests and organizations of 20 people or more.")
    if (options.cases or options.screening_results or options.help_requests) and not options.people:
        problems.append("Results, requests and cases need --people.")
    return problems


class Clock:
    """The history's days: from `months` before `today` to the day before it, in one time zone."""

    def __init__(self, *, today: datetime.date, months: int, tz: str):
        self.zone = zoneinfo.ZoneInfo(tz)
        self.last = today - datetime.timedelta(days=1)
        self.first = today - datetime.timedelta(days=round(months * 365.25 / 12))
        self.days = (self.last - self.first).days + 1

    def day(self, rng: random.Random, *, after: datetime.date | None = None) -> datetime.date:
        """A day of the history (after `after` if given), school days three times as likely."""
        start = self.first if after is None else max(self.first, after)
        span = (self.last - start).days + 1
        if span <= 1:
            return start
        for _ in range(4):
            day = start + datetime.timedelta(days=rng.randrange(span))
            if day.weekday() < 5 or rng.random() < 0.33:
                return day
        return day

    def at(self, day: datetime.date, rng: random.Random, *, evening: float = 0.15) -> datetime.datetime:
        """A moment of that day: school hours mostly, some evenings."""
        if rng.random() < evening:
            seconds = rng.randrange(17 * 3600, 22 * 3600)
        else:
            seconds = rng.randrange(7 * 3600, 15 * 3600)
        return datetime.datetime.combine(day, datetime.time(), self.zone) + datetime.timedelta(
            seconds=seconds
        )

    def moment(self, rng: random.Random, *, after: datetime.date | None = None) -> datetime.datetime:
        return self.at(self.day(rng, after=after), rng)

    def cap(self, moment: datetime.datetime) -> datetime.datetime | None:
        """The moment if it falls inside the history, else None (it has not happened yet)."""
        end = datetime.datetime.combine(self.last + datetime.timedelta(days=1), datetime.time(), self.zone)
        return moment if moment < end else None
