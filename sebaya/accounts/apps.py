from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sebaya.accounts"
    label = "accounts"

    def ready(self):
        from sebaya.accounts import receivers  # noqa: F401
