from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sebaya.accounts"
    label = "accounts"

    def ready(self):
        # Connects the sign-in signal receivers, once the models are ready (Django's way).
        from sebaya.accounts import receivers  # noqa: F401
