"""What the apps contribute to the shell, read from their AppConfigs.

The shell (the worker loop, the role home page, `sebaya reencrypt`) and privacy's retention
rules must not know the apps: an
app that imports every other app is where import cycles start, and a new app would have to edit
the shell to join. So each app declares on its AppConfig what it brings, as dotted paths that
are imported only when used, and the shell asks here:

    jobs = (Job("alerts", "sebaya.safety.jobs.alerts", order=Job.FIRST),)
    home_cards = "sebaya.screening.home.home_cards"
    encrypted_notes = (("CounselingSession", "confidential_note"),)
    retention_kinds = "sebaya.counseling.retention.KINDS"
    retention_blocks = "sebaya.counseling.retention.block"
    journal_sources = "sebaya.guidance.journal.journal_lines"

Apps are read in INSTALLED_APPS order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Job:
    """One job of the worker's round: `path` names a function `job(*, worker) -> int` (how much
    it did). Jobs run by `order`, then in INSTALLED_APPS order, then in the order an app lists
    them."""

    FIRST = 0  # the alerts: nothing may hold them up
    MIDDLE = 50
    LAST = 100  # the emails: they send what the other jobs queued in this round
    AFTER_ALL = 110  # work nobody waits for (the day's dashboards): a round's emails go first

    name: str
    path: str
    order: int = MIDDLE

    def run(self, *, worker: str) -> int:
        return import_string(self.path)(worker=worker)


def jobs() -> list[Job]:
    """Every app's worker jobs, in the order the worker runs them."""
    found = [job for config in apps.get_app_configs() for job in getattr(config, "jobs", ())]
    return sorted(found, key=lambda job: job.order)  # stable: INSTALLED_APPS order within an order


def home_cards() -> list:
    """The functions `home_cards(request, *, organization, role) -> dict` that add an app's cards
    to the role home page's context."""
    return [
        import_string(config.home_cards)
        for config in apps.get_app_configs()
        if getattr(config, "home_cards", None)
    ]


def encrypted_notes() -> list[tuple]:
    """(model, field) for every field that holds a confidential note as a `kernel.crypto` token,
    which `sebaya reencrypt` rotates."""
    return [
        (config.get_model(model_name), field)
        for config in apps.get_app_configs()
        for model_name, field in getattr(config, "encrypted_notes", ())
    ]


def retention_kinds() -> list:
    """Every app's retention kinds (`privacy.retention.Kind`: what the retention rules erase in the
    records the app owns), in INSTALLED_APPS order; `privacy.retention` orders and runs them."""
    return [
        kind
        for config in apps.get_app_configs()
        if getattr(config, "retention_kinds", None)
        for kind in import_string(config.retention_kinds)
    ]


def retention_blocks() -> list:
    """The functions `block(organization, blocked)` by which an app adds to `privacy.retention.Blocked`
    what must not be erased now (a person with an open case, the source of an open alert)."""
    return [
        import_string(config.retention_blocks)
        for config in apps.get_app_configs()
        if getattr(config, "retention_blocks", None)
    ]


def journal_sources() -> list:
    """The functions `lines(organization, counselor, start, end) -> list[dict]` by which an app
    adds lines to a counselor's jurnal BK (activities they delivered); each dict holds the
    fields of `counseling.journal.Line` (date, service_type, domain, what, url, people)."""
    return [
        import_string(config.journal_sources)
        for config in apps.get_app_configs()
        if getattr(config, "journal_sources", None)
    ]
