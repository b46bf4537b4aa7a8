"""The worker's job from screening (listed on `ScreeningConfig.jobs`)."""

from sebaya.screening.services import rounds_tick


def rounds(*, worker: str) -> int:
    """Open the rounds whose time has come, and send the halfway reminders."""
    return rounds_tick()
