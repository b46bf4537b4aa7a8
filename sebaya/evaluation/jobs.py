"""The evaluation app's worker job (listed on `EvaluationConfig.jobs`)."""

from sebaya.evaluation.records_export import records_exports_tick


def records_exports(*, worker: str) -> int:
    """Delete expired de-identified records files, then build one requested file."""
    return records_exports_tick(worker=worker)


def dashboards(*, worker: str) -> int:
    """After midnight, count each organization's and network's default dashboard for the day, a
    few seconds' worth a round (kept only where the cache is shared with the app processes)."""
    from sebaya.evaluation.snapshots import warm

    return warm()
