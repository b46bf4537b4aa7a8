"""The background worker: `sebaya worker`.

Delivers alert emails, escalates unacknowledged alerts, opens screening rounds and sends their
reminders, and sends queued emails (the jobs the apps declare, see `sebaya.kernel.registry`). All
its work lives in database rows claimed with conditional UPDATEs and a lease, or done in one
transaction, so it can be killed at any moment (SIGKILL included) and started again: what it was
doing is claimed again once the lease runs out. Several workers may run at once.
"""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sebaya.core import worker as jobs
from sebaya.kernel.leases import worker_id


class Command(BaseCommand):
    help = "Deliver alerts and escalate them, run screening rounds and send emails, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run one round and stop")
        parser.add_argument("--interval", type=float, default=None, help="seconds between rounds")

    def handle(self, *args, once: bool, interval: float | None, **options):
        interval = settings.WORKER_INTERVAL_SECONDS if interval is None else interval
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        worker = worker_id()
        self.stdout.write(f"Sebaya worker {worker} started (every {interval:g} s).")
        while not self.stopping:
            close_old_connections()
            done = jobs.run_once(worker=worker)
            failed = [name for name, count in done.items() if count is None]
            if failed:
                self.stderr.write(f"Worker jobs failed ({', '.join(failed)}); trying again.")
            if any(done.values()):
                self.stdout.write(", ".join(f"{name} {count}" for name, count in done.items() if count))
            if once:
                break
            time.sleep(interval)
        self.stdout.write("Sebaya worker stopped.")

    def _stop(self, signum, frame):
        self.stopping = True
