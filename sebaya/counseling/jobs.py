"""The worker's jobs from counseling (listed on `CounselingConfig.jobs`)."""

from sebaya.counseling.services import follow_ups_remind, referrals_remind


def follow_ups(*, worker: str) -> int:
    """Remind the counselors of the follow-ups that are due."""
    return follow_ups_remind()


def referrals(*, worker: str) -> int:
    """Remind the counselors of the referrals that have not moved for a while."""
    return referrals_remind()
