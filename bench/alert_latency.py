"""How long from a risky submission to the alert in the on-call counselor's queue and inbox.

    .venv/bin/python bench/alert_latency.py [--n 200]          # a temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sebaya_bench .venv/bin/python bench/alert_latency.py

Measured in the same run, so the ratios hold on any machine:
- raise: the submission's transaction writing the alert (with its action and notification
  rows), against the same transaction writing one plain row (an audit event) — the price
  of the safety net per risky submission;
- visible: the on-call counselor's queue query finding the new alert right after commit;
- delivered: one worker round (claim, send by email through Django's locmem backend, mark sent).
Prints figures; asserts nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from sebaya.accounts.models import User
    from sebaya.audit.models import AuditAction
    from sebaya.audit.services import record
    from sebaya.organizations.models import Organization
    from sebaya.people.models import Membership, MembershipRole, Person, Role
    from sebaya.safety import services
    from sebaya.safety.models import Alert, OnCallSlot

    suffix = str(int(time.time()))
    organization = Organization.objects.create(slug=f"bench-{suffix}", name="Bench School")
    counselors = []
    for name in ("a", "b"):
        person = Person.objects.create(full_name=f"Counselor {name}")
        membership = Membership.objects.create(person=person, organization=organization)
        MembershipRole.objects.create(membership=membership, role=Role.COUNSELOR)
        counselors.append(
            User.objects.create(username=f"{name}-{suffix}", email=f"{name}@x.org", person=person)
        )
    for weekday in range(7):
        OnCallSlot.objects.create(
            organization=organization, weekday=weekday, primary=counselors[0], backup=counselors[1]
        )
    student = Person.objects.create(full_name="Student")

    def timed(fn):
        start = time.perf_counter()
        fn()
        return (time.perf_counter() - start) * 1000

    def baseline():
        with transaction.atomic():
            record(action=AuditAction.RECORD_CHANGED, organization=organization, subject_person_id=student.pk)

    created = []

    def risky():
        with transaction.atomic():
            created.append(
                services.alert_raise(
                    organization=organization, level="crisis", source="screening", person=student
                )
            )

    def visible():
        queue = Alert.objects.filter(organization=organization, state=Alert.State.OPEN).order_by("created_at")
        assert queue.filter(pk=created[-1].pk).exists()

    base, raise_ms, visible_ms, deliver_ms = [], [], [], []
    for _ in range(args.n):
        base.append(timed(baseline))
        raise_ms.append(timed(risky))
        visible_ms.append(timed(visible))
        deliver_ms.append(timed(lambda: services.run_once(worker="bench")))

    def line(label, values):
        p95 = sorted(values)[int(len(values) * 0.95)]
        return f"{label:<44} median {statistics.median(values):7.2f} ms   p95 {p95:7.2f} ms"

    engine = django.db.connection.vendor
    print(f"Alert latency on {engine}, {args.n} risky submissions")
    print(line("baseline: one plain row in a transaction", base))
    print(line("raise: alert + action + notification rows", raise_ms))
    print(line("visible: found by the queue query", visible_ms))
    print(line("delivered: one worker round (email sent)", deliver_ms))
    submit_to_queue = [a + b for a, b in zip(raise_ms, visible_ms, strict=True)]
    print(line("submission to on-call queue (raise+visible)", submit_to_queue))
    print(f"ratio raise / baseline: {statistics.median(raise_ms) / statistics.median(base):.1f}x")
    print(
        "worst case to the inbox adds the worker's interval "
        "(SEBAYA_WORKER_INTERVAL, default 2 s) to the delivery round"
    )


if __name__ == "__main__":
    main()
