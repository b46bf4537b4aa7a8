"""The evaluation app's worker job (listed on `EvaluationConfig.jobs`)."""

from sebaya.evaluation.records_export import records_exports_tick


def records_exports(*, worker: str) -> int:
    """Delete expired de-identified records files, then build one requested file."""
    return records_exports_tick(worker=worker)
