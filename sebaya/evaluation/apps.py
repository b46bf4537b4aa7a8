from django.apps import AppConfig

from sebaya.kernel.registry import Job


class EvaluationConfig(AppConfig):
    """Program evaluation and reporting (issue 17): one dashboard per organization and per
    network over every record the other apps keep (reach, responsiveness, flow between tiers,
    screening, the peer program, tier 0), outcomes judged by reliable change with the effect size,
    small groups hidden in every cut, exports and the printed semester report. It reads the other
    apps' models and writes nothing of theirs."""

    name = "sebaya.evaluation"
    label = "evaluation"
    verbose_name = "Evaluasi program"
    jobs = (
        # Deletes expired de-identified records files, then builds one requested file a round.
        Job("records_exports", "sebaya.evaluation.jobs.records_exports"),
        # Counts the day's default dashboards ahead of the first coordinator (snapshots.warm).
        Job("dashboards", "sebaya.evaluation.jobs.dashboards", order=Job.AFTER_ALL),
    )
