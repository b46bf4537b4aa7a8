"""A mass screening under load (issue 18, part 3): a PHQ-A round opens in many schools at once and
their students answer within minutes, some with a risk answer, while the worker sends the alerts.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sebaya_loadbench   # a generated database
    .venv/bin/pip install locust aiosmtpd                                      # the bench's own tools
    .venv/bin/python bench/screening_load.py prepare --schools 50 --students 200
    .venv/bin/python bench/screening_load.py run --users 64 --minutes 10
    .venv/bin/python bench/screening_load.py report

`prepare` (on a database built by `sebaya generate`): in each of the first `--schools` generated
schools, gives `--students` members without an account one (`load-…`, no usable password) and a
signed-in session made directly in the session table, opens a PHQ-A round marked as this test's
with an invitation for each of them, and writes the targets file (session, invitation address,
whether this student answers with risk: one in twenty). Run it again for a fresh round.

`run` starts, all on 127.0.0.1: an SMTP sink (aiosmtpd), gunicorn with `--app-workers` workers,
`--workers` `sebaya worker` processes sending through the sink, and Locust headless
(bench/locust_screening.py) with `--users` users for at most `--minutes`; each student submits
once, then the run ends. It waits for the worker to send every alert email of the round (at most
two minutes more), stops everything, and reports.

`report` (from the database and Locust's CSV): submissions sent against answers stored and
invitations completed (none lost, none doubled), Locust's median and 99th percentile submission
time (a risky submission's alert is written in the same transaction as its answers, so it is in
the on-call queue when the response comes back), and from each alert to its first email handed
to the mail server (median, 99th percentile, most). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

OUT = Path(os.environ.get("SEBAYA_LOAD_DIR", ROOT / "var" / "load"))  # targets, Locust's figures, logs
TARGETS = OUT / "targets.csv"
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
    store, rows, n = SessionStore(), [], 0
    started = time.monotonic()
    with transaction.atomic():
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
            sessions = []
            for user in users:
                key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
                data = {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
                sessions.append(
                    Session(
                        session_key=key,
                        session_data=store.encode(data),
                        expire_date=now + datetime.timedelta(hours=12),
                    )
                )
            Session.objects.bulk_create(sessions)
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
    print(
        f"{len(rows)} students in {len(schools)} schools ({sum(r['risky'] == '1' for r in rows)} with a risk "
        f"answer) ready in {time.monotonic() - started:.0f} s: {TARGETS}"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command, env, log):
    return subprocess.Popen(  # noqa: S603 (our own tools, on 127.0.0.1)
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def run(args) -> None:
    if not TARGETS.exists():
        sys.exit("Run `prepare` first.")
    smtp, web = _free_port(), _free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "sebaya.settings",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp),
        "EMAIL_USE_TLS": "false",
        "SEBAYA_WORKER_INTERVAL": "1",
        "SEBAYA_LOAD_TARGETS": str(TARGETS),
    }
    log = (OUT / "processes.log").open("w")
    started_at = time.time()
    processes = [
        _start(
            [
                str(BIN / "python"),
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{smtp}",
                "-c",
                "aiosmtpd.handlers.Sink",
            ],
            env,
            log,
        ),
        _start(
            [
                str(BIN / "gunicorn"),
                "--workers",
                str(args.app_workers),
                "--bind",
                f"127.0.0.1:{web}",
                "--pythonpath",
                str(ROOT / "bench"),
                "--log-level",
                "warning",
                "bare_wsgi:application",
            ],
            env,
            log,
        ),
    ]
    processes += [_start([str(BIN / "sebaya"), "worker"], env, log) for _ in range(args.workers)]
    try:
        time.sleep(3)
        locust = subprocess.run(  # noqa: S603 (our own tool against 127.0.0.1)
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locust_screening.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.users),
                "--run-time",
                f"{int(args.minutes * 60)}s",
                "--host",
                f"http://127.0.0.1:{web}",
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
        _wait_for_emails(started_at, seconds=120)
    finally:
        for process in processes:
            _stop(process)
    report(args)


def _wait_for_emails(since: float, *, seconds: float) -> None:
    _django()
    from django.utils import timezone

    from sebaya.safety.models import Notification

    deadline = time.monotonic() + seconds
    moment = datetime.datetime.fromtimestamp(since, tz=datetime.UTC)
    while time.monotonic() < deadline:
        waiting = Notification.objects.filter(
            alert__created_at__gte=moment,
            email_status__in=[Notification.Status.PENDING, Notification.Status.SENDING],
        ).count()
        if not waiting:
            return
        time.sleep(1)
    print(f"# {timezone.now():%H:%M:%S}: emails still waiting after {seconds:.0f} s")


def _percentile(values, share):
    values = sorted(values)
    return values[max(0, -(-int(share * 100) * len(values) // 100) - 1)] if values else float("nan")


def report(args) -> None:
    _django()
    from django.db.models import Count, Min

    from sebaya.safety.models import Alert, Notification
    from sebaya.screening.models import Administration, ScreeningInvitation, ScreeningRound

    newest = ScreeningRound.objects.filter(title=TITLE).order_by("-created_at").first()
    if newest is None:
        sys.exit("No round of this test: run `prepare`.")
    # The last `prepare`: its rounds were made in one transaction.
    rounds = list(
        ScreeningRound.objects.filter(
            title=TITLE, created_at__gte=newest.created_at - datetime.timedelta(minutes=2)
        )
    )
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
    stats = OUT / "locust_stats.csv"
    if stats.exists():
        with stats.open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                if row["Name"] in ("open the check-in", "send answers", "send answers, risk", "Aggregated"):
                    print(
                        f"{row['Name']:<20} n={row['Request Count']:>6} failed={row['Failure Count']:>4} "
                        f"median {row['50%']} ms, p99 {row['99%']} ms, {float(row['Requests/s']):.1f}/s"
                    )


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("prepare")
    make.add_argument("--schools", type=int, default=50)
    make.add_argument("--students", type=int, default=200)
    go = commands.add_parser("run")
    go.add_argument("--users", type=int, default=64, help="Locust users at once")
    go.add_argument("--minutes", type=float, default=10)
    go.add_argument("--app-workers", type=int, default=2)
    go.add_argument("--workers", type=int, default=2, help="sebaya worker processes")
    commands.add_parser("report")
    args = parser.parse_args()
    {"prepare": prepare, "run": run, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
