"""The worker's round on a province's data (issue 18, part 2): each job's queries, time, and any
sequential scan of a big table in their plans.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sebaya_loadbench   # `sebaya generate`
    .venv/bin/python bench/worker_rounds.py [--rounds 5] [--catch-up]

Runs the worker's jobs (`kernel.registry.jobs`, in the worker's order) `--rounds` times, each round
inside a transaction that is rolled back, so the database is left as it was and every round sees
the same work. Prints, for each job, the median time of a round, the queries it sent, and the
sequential scans of tables of 10,000 rows or more that PostgreSQL plans for them (bench/pages.py's
`sequential_scans`). The first round is a warm-up. With `--catch-up`, it first runs committed rounds
until no job finds work (a generated province starts with every follow-up due), then measures
the steady state. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class RolledBack(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--catch-up", action="store_true", help="first do the backlog, committed")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"  # rolled back: not sent
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from pages import sequential_scans

    from sebaya.kernel import registry

    if connection.vendor != "postgresql":
        sys.exit("Run it on a PostgreSQL database built by `sebaya generate` (see the docstring).")
    if args.catch_up:
        # The backlog a freshly generated province leaves (every follow-up due, every referral
        # stalled) is done once, as the first rounds after going live would; then the steady state.
        from sebaya.core.worker import run_once

        started, rounds = time.perf_counter(), 0
        while rounds < 200 and any(run_once(worker="bench").values()):
            rounds += 1
        print(f"caught up in {rounds} rounds, {time.perf_counter() - started:.0f} s")
    times: dict[str, list[float]] = {job.name: [] for job in registry.jobs()}
    shapes: dict[str, tuple[int, set]] = {}
    for number in range(args.rounds + 1):
        try:
            with transaction.atomic():
                for job in registry.jobs():
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        done = job.run(worker="bench")
                        took = time.perf_counter() - started
                    if number:
                        times[job.name].append(took)
                    if number == 1:
                        scans = {
                            f"{table} ({rows:,.0f} rows): {query['sql'][:140]}"
                            for query in captured.captured_queries
                            for table, rows in sequential_scans(connection, query["sql"])
                        }
                        shapes[job.name] = (len(captured), scans, done)
                raise RolledBack
        except RolledBack:
            pass
    print(f"{'job':<24} {'median ms':>10} {'queries':>8} {'did':>6}")
    for name, took in times.items():
        queries, scans, done = shapes[name]
        print(f"{name:<24} {statistics.median(took) * 1000:>10.1f} {queries:>8} {done!s:>6}")
        for scan in sorted(scans):
            print(f"#   seq scan of {scan}")
    total = sum(statistics.median(t) for t in times.values())
    print(f"a whole round: {total * 1000:.0f} ms (the sum of the jobs' medians)")


if __name__ == "__main__":
    main()
