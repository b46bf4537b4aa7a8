from django.apps import AppConfig
from django.core import checks

from sebaya.kernel.registry import Job


class SafetyConfig(AppConfig):
    name = "sebaya.safety"
    label = "safety"
    # The worker runs the alerts first: escalation and alert emails wait for nothing else.
    jobs = (Job("alerts", "sebaya.safety.jobs.alerts", order=Job.FIRST),)
    # Privacy's retention rules leave alone a person with an alert not closed.
    retention_blocks = "sebaya.safety.retention.block"

    def ready(self):
        checks.register(check_risk_model)


def check_risk_model(app_configs=None, **kwargs):
    """A model file that cannot load leaves the lexicon alone deciding: alerts still go out, but
    the quiet ways of saying it are missed again. Say so at deploy time, not after a miss."""
    # inside: apps.py is read while Django loads the apps; numpy and the model only when checks run
    from sebaya.safety.risk.model import problem

    found = problem()
    if found:
        return [
            checks.Error(
                f"The risk detector's learned layer cannot load: {found}",
                hint="Reinstall Sebaya (pip install -e .) or run `sebaya risk train`. "
                "Until then the lexicon alone rates texts.",
                id="sebaya.E002",
            )
        ]
    return []
