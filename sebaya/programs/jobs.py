"""The worker's jobs from programs (listed on `ProgramsConfig.jobs`)."""

from sebaya.programs.services import certifications_tick
from sebaya.programs.supervision import supervision_remind


def certifications(*, worker: str) -> int:
    """Remind before a certificate expires, and end the ones that expired."""
    return certifications_tick()


def supervision(*, worker: str) -> int:
    """Remind the people of a supervision session the day before."""
    return supervision_remind()
