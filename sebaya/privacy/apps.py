from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """People's rights under UU 27/2022 (Pelindungan Data Pribadi): consent records, a person's
    own data, retention."""

    name = "sebaya.privacy"
    label = "privacy"
