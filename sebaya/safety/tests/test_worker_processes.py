"""The worker is killed with SIGKILL in the middle of a delivery and started again.

Nothing is lost: the email it was sending is claimed again once its lease runs out and is
delivered; the alert escalates on schedule; nothing is done twice. Runs against a database of
its own (a temporary SQLite file, or a temporary PostgreSQL database when the suite runs on
PostgreSQL), because the worker is a separate process.
"""

import os
import signal
import subprocess
import sys
import time

from tests.support.separate_db import ROOT, environment, migrate, scenario, scenario_command


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "-m", "sebaya", "worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, *, seconds=40, describe=lambda: ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out; {describe()}")


def test_a_killed_worker_loses_nothing_and_does_nothing_twice(database_url, tmp_path):
    plain = environment(
        database_url, tmp_path, EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend"
    )
    hanging = environment(
        database_url, tmp_path, EMAIL_BACKEND="tests.support.slow_email.HangingEmailBackend"
    )
    migrate = subprocess.run(
        [sys.executable, "-m", "sebaya", "migrate", "-v", "0"],
        env=plain,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr
    scenario("setup", plain)

    # 1. The worker claims the on-call counselor's email and is killed while sending it.
    worker = start_worker(hanging)
    try:
        wait_for(lambda: (tmp_path / "sending").exists(), describe=lambda: str(scenario("state", plain)))
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    killed = scenario("state", plain)
    assert killed["notifications"] == [["oncall", 0, "sending", 1]]  # claimed, never finished
    assert not (tmp_path / "mail").exists()

    # 2. Time passes beyond the acknowledgement deadline; a new worker starts.
    scenario("overdue", plain)
    worker = start_worker(plain)
    try:
        final = wait_for(
            lambda: (
                lambda s: s if all(n[2] == "sent" for n in s["notifications"]) and s["step"] == 1 else None
            )(scenario("state", plain)),
            describe=lambda: str(scenario("state", plain)),
        )
        time.sleep(1.5)  # a few more rounds: nothing more may happen
        final = scenario("state", plain)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=20)

    # The lost delivery was made once (second attempt), and the escalation to the backup happened once.
    assert final["notifications"] == [["backup", 1, "sent", 1], ["oncall", 0, "sent", 2]]
    assert final["state"] == "open" and final["step"] == 1
    assert final["actions"] == ["raised", "notified", "escalated", "notified"]
    # Django's file backend may append two messages sent within one second to one file; each
    # message ends with a line of 79 dashes.
    text = "".join(p.read_text() for p in sorted((tmp_path / "mail").iterdir()))
    mails = [m for m in text.split("-" * 79) if m.strip()]
    assert len(mails) == 2
    assert all("Student At Risk" not in mail for mail in mails)  # emails never say who
    assert sorted(m.split("To: ")[1].split("\n")[0] for m in mails) == [
        "backup@example.org",
        "oncall@example.org",
    ]


def test_two_counselors_acknowledging_at_the_same_moment_one_wins(database_url, tmp_path):
    env = environment(database_url, tmp_path)
    migrate(env)
    scenario("setup", env)
    start_at = str(time.time() + 4)  # both processes are ready well before; then they race
    racers = [
        subprocess.Popen(
            scenario_command("acknowledge", username, start_at),
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for username in ("oncall", "backup")
    ]
    results = sorted(racer.communicate(timeout=60)[0].strip().splitlines()[-1] for racer in racers)
    assert results == ['{"result": "told"}', '{"result": "won"}']
    final = scenario("state", env)
    assert final["state"] == "acknowledged" and final["actions"].count("acknowledged") == 1
