"""The worker's job from safety (listed on `SafetyConfig.jobs`; the worker runs it first)."""

from sebaya.safety.services import run_once


def alerts(*, worker: str) -> int:
    """Escalate the alerts not acknowledged in time, then send the alert emails waiting."""
    done = run_once(worker=worker)
    return done["escalated"] + done["sent"]
