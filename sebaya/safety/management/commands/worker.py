"""The background worker: `sebaya worker`.

Delivers alert emails and escalates unacknowledged alerts. All its work lives in database rows
claimed with conditional UPDATEs and a lease, so it can be killed at any moment (SIGKILL
included) and started again: what it was doing is claimed again once the lease runs out.
Several workers may run at once.
"""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sebaya.safety import services


class Command(BaseCommand):
    help = "Deliver alert notifications and escalate unacknowledged alerts, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run one round and stop")
        parser.add_argument("--interval", type=float, default=None, help="seconds between rounds")

    def handle(self, *args, once: bool, interval: float | None, **options):
        interval = settings.WORKER_INTERVAL_SECONDS if interval is None else interval
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        worker = services.worker_id()
        self.stdout.write(f"Sebaya worker {worker} started (every {interval:g} s).")
        while not self.stopping:
            close_old_connections()
            try:
                done = services.run_once(worker=worker)
            except Exception:  # keep going: a database hiccup must not stop alert delivery for good
                self.stderr.write("Worker round failed; trying again.")
                import logging

                logging.getLogger(__name__).exception("worker round failed")
                done = {}
            if done.get("escalated") or done.get("sent"):
                self.stdout.write(f"escalated {done['escalated']}, sent {done['sent']}")
            if once:
                break
            time.sleep(interval)
        self.stdout.write("Sebaya worker stopped.")

    def _stop(self, signum, frame):
        self.stopping = True
