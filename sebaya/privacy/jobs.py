"""The worker's job for retention (listed on `PrivacyConfig.jobs`, with `exports.exports_tick`)."""

from sebaya.privacy.retention import retention_run


def retention(*, worker: str) -> int:
    """Erase what its organization keeps no longer; each organization at most once an hour."""
    return retention_run()
