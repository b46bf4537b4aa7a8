from django.apps import AppConfig
from django.core import checks

from sebaya.kernel.registry import Job


class ScreeningConfig(AppConfig):
    name = "sebaya.screening"
    label = "screening"
    jobs = (Job("screening_rounds", "sebaya.screening.jobs.rounds"),)
    home_cards = "sebaya.screening.home.home_cards"
    # Which screening results privacy's retention rules delete.
    retention_kinds = "sebaya.screening.retention.KINDS"

    def ready(self):
        checks.register(check_instruments)


def check_instruments(app_configs=None, **kwargs):
    """A broken instrument file must stop a deploy, not surprise a student halfway through a form."""
    # inside: apps.py is read while Django loads the apps; the instruments only when checks run
    from sebaya.screening.instruments import InstrumentError, all_instruments

    try:
        all_instruments(every_version=True)
    except InstrumentError as error:
        return [checks.Error(str(error), id="sebaya.E001")]
    return []
