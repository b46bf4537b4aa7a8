"""A mass screening under load (issue 18, part 3): a PHQ-A round opens in many schools at once and
their students answer within minutes, some with a risk answer, while the worker sends the alerts
and escalates the ones nobody acknowledges, and counselors use the alert queue.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sebaya_loadbench   # a generated database
    .venv/bin/pip install locust aiosmtpd                                      # the bench's own tools
    .venv/bin/python bench/screening_load.py prepare --schools 50 --students 200
    .venv/bin/python bench/screening_load.py run --users 32 --minutes 10
    .venv/bin/python bench/screening_load.py run --cluster --kill-app-at 40 --kill-worker-at 60
    .venv/bin/python bench/screening_load.py report

`prepare` (on a database built by `sebaya generate`): in each of the first `--schools` generated
schools, gives `--students` members without an account one (`load-…`, no usable password) and a
signed-in session made directly in the session table, opens a PHQ-A round with an invitation for
each of them, gives the school's counselor a session too and sets the school's time to
acknowledge an alert to `--ack-minutes` (1), and writes the targets (session, invitation address,
whether this student answers with risk: one in twenty). Run it again for a fresh round.

`run` starts, all on 127.0.0.1, either one gunicorn with `--app-workers` workers, `--workers`
`sebaya worker` processes and an SMTP sink (aiosmtpd), or with `--cluster` the production shape of
bench/cluster.py (nginx, `--app-servers` gunicorn instances, PgBouncer, Redis), where
`--kill-app-at S` and `--kill-worker-at S` SIGKILL one app server and one worker S seconds into
the load. Then Locust headless (bench/locust_screening.py): `--users` students, each answering
once (and again after a failed request, as a person would), and `--counselors` users watching the
schools' alert queues and acknowledging half of the alerts. The run ends when every student has
answered (or after `--minutes`), then waits for the worker to send every alert's email and to
escalate every alert nobody acknowledged (at most three minutes more), stops everything, and
reports.

`report` (from the database and Locust's CSV): answers stored against invitations completed and
students with two answers (none lost, none doubled); from each alert to its first email handed to
the mail server; for the alerts nobody acknowledged, how long after their deadline the worker
escalated them; each request's median and 99th percentile time (a risky submission's alert is
written in the same transaction as its answers, so it is in the on-call queue when the response
comes back). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cluster  # noqa: E402
from cluster import free_port as _free_port  # noqa: E402
from cluster import start_process, stop_process  # noqa: E402

OUT = Path(os.environ.get("SEBAYA_LOAD_DIR", ROOT / "var" / "load"))  # targets, Locust's figures, logs
TARGETS = OUT / "targets.csv"
ROUNDS = OUT / "rounds.txt"  # the rounds `prepare` opened, which `report` counts
COUNSELORS = OUT / "counselors.csv"  # one signed-in counselor a school, on the alert queue
TITLE = "Uji beban: skrining serentak"  # marks this test's rounds
BIN = Path(sys.executable).parent


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run it on a PostgreSQL database built by `sebaya generate` (see the docstring).")


def prepare(args) -> None:
    _django()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from sebaya.accounts.models import User
    from sebaya.organizations.models import Organization
    from sebaya.people.models import Membership, Role
    from sebaya.safety.models import Alert
    from sebaya.screening.instruments import get_instrument
    from sebaya.screening.models import ScreeningInvitation, ScreeningRound

    now = timezone.now()
    phqa = get_instrument("phqa")
    schools = list(
        Organization.objects.filter(slug__startswith="gen-", kind="school").order_by("slug")[: args.schools]
    )
    if len(schools) < args.schools:
        sys.exit(
            f"Only {len(schools)} generated schools: run `sebaya generate` with more (see the docstring)."
        )
    OUT.mkdir(parents=True, exist_ok=True)
    store, rows, counselors, round_ids, n = SessionStore(), [], [], [], 0

    def session_for(user) -> Session:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        return Session(
            session_key=key, session_data=store.encode(data), expire_date=now + datetime.timedelta(hours=12)
        )

    started = time.monotonic()
    with transaction.atomic():
        # Alerts an earlier run left unacknowledged would escalate to everyone every minute for
        # ever, and this run's worker would be busy with them.
        Alert.objects.filter(person__user__username__startswith="load-").exclude(
            state=Alert.State.CLOSED
        ).update(state=Alert.State.CLOSED, closed_at=now)
        for school in schools:
            coordinator = User.objects.get(username=f"{school.slug}-koordinator")
            members = list(
                Membership.objects.filter(
                    organization=school, is_active=True, roles__role=Role.MEMBER, person__user__isnull=True
                ).order_by("pk")[: args.students]
            )
            stamp = get_random_string(6).lower()
            users = User.objects.bulk_create(
                [
                    User(
                        username=f"load-{stamp}-{i}-{school.slug}",
                        person_id=m.person_id,
                        password=make_password(None),
                    )
                    for i, m in enumerate(members)
                ]
            )
            sessions = [session_for(user) for user in users]
            # The school's counselor (two-step sign-in set up by `sebaya generate`) watches the alert
            # queue, and the alerts nobody acknowledges go to the next person after --ack-minutes.
            counselor = session_for(User.objects.get(username=f"{school.slug}-konselor1"))
            Session.objects.bulk_create([*sessions, counselor])
            counselors.append({"session": counselor.session_key, "org": school.slug})
            Organization.objects.filter(pk=school.pk).update(alert_ack_minutes=args.ack_minutes)
            screening_round = ScreeningRound.objects.create(
                organization=school,
                title=TITLE,
                instrument_code=phqa.code,
                instrument_version=phqa.version,
                population="everyone",
                opens_on=now.date(),
                closes_on=now.date() + datetime.timedelta(days=1),
                opens_at=now - datetime.timedelta(minutes=1),
                closes_at=now + datetime.timedelta(days=1),
                reminder_at=now + datetime.timedelta(days=1),
                invited_at=now,
                reminded_at=now,
                created_by=coordinator,
            )
            round_ids.append(screening_round.pk)
            invitations = ScreeningInvitation.objects.bulk_create(
                [
                    ScreeningInvitation(
                        organization=school, screening_round=screening_round, person_id=m.person_id
                    )
                    for m in members
                ]
            )
            for session, invitation in zip(sessions, invitations, strict=True):
                url = reverse("invitation_fill", kwargs={"org": school.slug, "invitation": invitation.pk})
                rows.append(
                    {"session": session.session_key, "url": url, "risky": "1" if n % 20 == 0 else "0"}
                )
                n += 1
    with TARGETS.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=["session", "url", "risky"])
        writer.writeheader()
        writer.writerows(rows)
    ROUNDS.write_text("".join(f"{pk}\n" for pk in round_ids))
    with COUNSELORS.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=["session", "org"])
        writer.writeheader()
        writer.writerows(counselors)
    print(
        f"{len(rows)} students in {len(schools)} schools ({sum(r['risky'] == '1' for r in rows)} with a risk "
        f"answer) ready in {time.monotonic() - started:.0f} s: {TARGETS}"
    )


def _one_server(args, env, log) -> tuple[str, list]:
    """The simple set-up: one gunicorn, the workers and the sink, the database reached directly."""
    smtp, web = _free_port(), _free_port()
    env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp), EMAIL_USE_TLS="false")
    sink = [str(BIN / "python"), "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp}"]
    gunicorn = [str(BIN / "gunicorn"), "--workers", str(args.app_workers), "--log-level", "warning"]
    processes = [
        start_process([*sink, "-c", "aiosmtpd.handlers.Sink"], env=env, log=log),
        start_process([*gunicorn, "--bind", f"127.0.0.1:{web}", "sebaya.wsgi:application"], env=env, log=log),
    ]
    processes += [
        start_process([str(BIN / "sebaya"), "worker"], env=env, log=log) for _ in range(args.workers)
    ]
    time.sleep(3)
    return f"http://127.0.0.1:{web}", processes


def run(args) -> None:
    if not TARGETS.exists():
        sys.exit("Run `prepare` first.")
    env = {
        **os.environ,
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "sebaya.settings",
        "SEBAYA_WORKER_INTERVAL": "1",
        "SEBAYA_LOAD_TARGETS": str(TARGETS),
        "SEBAYA_LOAD_COUNSELORS": str(COUNSELORS),
        "SEBAYA_LOAD_COUNSELOR_USERS": str(args.counselors),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    log = (OUT / "processes.log").open("w")
    started_at = time.time()
    timers, processes, running = [], [], None
    if args.cluster:
        running = cluster.start(
            app_servers=args.app_servers,
            app_workers=args.app_workers,
            workers=args.workers,
            extra_env={"SEBAYA_WORKER_INTERVAL": "1"},
        )
        url = running.url
        # The crashes happen while students are answering: one app server, then one worker.
        for at, crash, what in (
            (args.kill_app_at, running.kill_app_server, "app server 1"),
            (args.kill_worker_at, running.kill_worker, "worker 1"),
        ):
            if at is not None:
                timers.append(threading.Timer(at, _crash, (crash, what, log)))
    else:
        url, processes = _one_server(args, env, log)
    connections = _ConnectionCount()
    try:
        for timer in timers:
            timer.start()
        connections.start()
        locust = subprocess.run(  # noqa: S603 (our own tool against 127.0.0.1)
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locust_screening.py"),
                "--headless",
                "-u",
                str(args.users + args.counselors),
                "-r",
                str(args.users + args.counselors),
                "--run-time",
                f"{int(args.minutes * 60)}s",
                "--host",
                url,
                "--csv",
                str(OUT / "locust"),
                "--only-summary",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        (OUT / "locust.log").write_text(locust.stdout + locust.stderr)
        _wait_for_the_worker(started_at, seconds=180)
    finally:
        connections.done.set()
        for timer in timers:
            timer.cancel()
        for process in processes:
            stop_process(process)
        if running:
            running.stop()
    print(f"# PostgreSQL server connections to this database during the load: at most {connections.most}")
    report(args)


class _ConnectionCount(threading.Thread):
    """The most connections PostgreSQL itself had open to the database, sampled every second:
    every app process and worker holds its own, unless PgBouncer shares a few between them."""

    def __init__(self):
        super().__init__(daemon=True)
        self.done, self.most = threading.Event(), 0

    def run(self):
        import psycopg

        url = os.environ["DATABASE_URL"]
        with psycopg.connect(url, autocommit=True) as db:
            while not self.done.wait(1):
                count = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                self.most = max(self.most, db.execute(count).fetchone()[0] - 1)  # less this one


def _crash(kill, what: str, log) -> None:
    kill()
    print(f"# {datetime.datetime.now():%H:%M:%S} killed {what} (SIGKILL)", file=log, flush=True)
    print(f"# killed {what} (SIGKILL) during the load")


def _wait_for_the_worker(since: float, *, seconds: float) -> None:
    """Until every alert of the run has its emails sent and, if nobody acknowledged it, has been
    escalated once (its deadline is `--ack-minutes` after it was raised)."""
    _django()
    from django.utils import timezone

    from sebaya.safety.models import Alert, AlertAction, Notification

    deadline = time.monotonic() + seconds
    moment = datetime.datetime.fromtimestamp(since, tz=datetime.UTC)
    while time.monotonic() < deadline:
        emails = Notification.objects.filter(
            alert__created_at__gte=moment,
            email_status__in=[Notification.Status.PENDING, Notification.Status.SENDING],
        ).count()
        unescalated = (
            Alert.objects.filter(created_at__gte=moment, acknowledged_at__isnull=True)
            .exclude(actions__kind=AlertAction.Kind.ESCALATED)
            .count()
        )
        if not emails and not unescalated:
            return
        time.sleep(1)
    print(f"# {timezone.now():%H:%M:%S}: the worker had not finished after {seconds:.0f} s")


def _percentile(values, share):
    values = sorted(values)
    return values[max(0, -(-int(share * 100) * len(values) // 100) - 1)] if values else float("nan")


def report(args) -> None:
    _django()
    from django.db.models import Count, Min, Q

    from sebaya.safety.models import Alert, AlertAction, Notification
    from sebaya.screening.models import Administration, ScreeningInvitation, ScreeningRound

    if not ROUNDS.exists():
        sys.exit("No round of this test: run `prepare`.")
    rounds = list(ScreeningRound.objects.filter(pk__in=ROUNDS.read_text().split()))
    opened = min(r.created_at for r in rounds)
    invitations = ScreeningInvitation.objects.filter(screening_round__in=rounds)
    people = list(invitations.values_list("person_id", flat=True))
    completed = invitations.filter(completed_at__isnull=False).count()
    answers = Administration.objects.filter(
        person_id__in=people, instrument_code="phqa", created_at__gte=opened
    )
    doubled = answers.values("person_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    alerts = Alert.objects.filter(person_id__in=people, created_at__gte=opened)
    email_delays = [
        (first - at).total_seconds()
        for at, first in Notification.objects.filter(alert__in=alerts, sent_at__isnull=False)
        .values("alert_id")
        .annotate(first=Min("sent_at"), at=Min("alert__created_at"))
        .values_list("at", "first")
    ]
    print(f"\n# {len(rounds)} rounds, {len(people)} students invited")
    print(
        f"answers stored {answers.count()}, invitations completed {completed}, "
        f"students with two answers {doubled}"
    )
    print(f"alerts {alerts.count()}, with a first email sent {len(email_delays)}")
    if email_delays:
        print(
            f"alert → email handed to the mail server: median {statistics.median(email_delays):.2f} s, "
            f"p99 {_percentile(email_delays, 0.99):.2f} s, most {max(email_delays):.2f} s"
        )
    escalated = Min("actions__at", filter=Q(actions__kind=AlertAction.Kind.ESCALATED))
    rows = list(
        alerts.annotate(escalated=escalated).values_list(
            "created_at", "acknowledged_at", "escalated", "organization__alert_ack_minutes"
        )
    )
    acknowledged = [r for r in rows if r[1] is not None]
    waited = [r for r in rows if r[1] is None]
    # An escalation is late by how long after its deadline the worker moved it on.
    late = [(e - (at + datetime.timedelta(minutes=m))).total_seconds() for at, _a, e, m in waited if e]
    print(
        f"alerts acknowledged by the counselors {len(acknowledged)} (escalated after that "
        f"{sum(1 for _at, a, e, _m in acknowledged if e and e > a)}); not acknowledged {len(waited)}, "
        f"escalated {len(late)}"
    )
    if late:
        print(
            f"escalation after its deadline: median {statistics.median(late):.2f} s, "
            f"p99 {_percentile(late, 0.99):.2f} s, most {max(late):.2f} s"
        )
    stats = OUT / "locust_stats.csv"
    if stats.exists():
        with stats.open(encoding="utf-8") as file:
            for row in csv.DictReader(file):  # every request name, and Locust's "Aggregated"
                print(
                    f"{row['Name']:<34} n={row['Request Count']:>6} failed={row['Failure Count']:>4} "
                    f"median {row['50%']} ms, p99 {row['99%']} ms, {float(row['Requests/s']):.1f}/s"
                )


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("prepare")
    make.add_argument("--schools", type=int, default=50)
    make.add_argument("--students", type=int, default=200)
    make.add_argument(
        "--ack-minutes", type=int, default=1, help="each school's minutes to acknowledge an alert"
    )
    go = commands.add_parser("run")
    go.add_argument("--users", type=int, default=64, help="Locust users at once")
    go.add_argument("--minutes", type=float, default=10)
    go.add_argument("--app-workers", type=int, default=2)
    go.add_argument("--workers", type=int, default=2, help="sebaya worker processes")
    go.add_argument("--counselors", type=int, default=4, help="Locust users acting as counselors")
    go.add_argument("--cluster", action="store_true", help="nginx, app servers, PgBouncer (bench/cluster.py)")
    go.add_argument("--app-servers", type=int, default=2, help="with --cluster")
    go.add_argument("--kill-app-at", type=float, help="--cluster: SIGKILL app server 1 after s")
    go.add_argument("--kill-worker-at", type=float, help="--cluster: SIGKILL worker 1 after s")
    commands.add_parser("report")
    args = parser.parse_args()
    {"prepare": prepare, "run": run, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
