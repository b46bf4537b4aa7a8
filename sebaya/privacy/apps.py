from django.apps import AppConfig

from sebaya.kernel.registry import Job


class PrivacyConfig(AppConfig):
    """People's rights under UU 27/2022 (Pelindungan Data Pribadi): consent records, a person's
    own data, retention."""

    name = "sebaya.privacy"
    label = "privacy"
    jobs = (
        # Erasing what its organization keeps no longer; claims an organization at most once an hour.
        Job("retention", "sebaya.privacy.jobs.retention"),
        # Deletes expired copies of people's data, then prepares one requested copy a round.
        Job("exports", "sebaya.privacy.exports.exports_tick"),
    )
