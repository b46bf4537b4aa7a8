from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "sebaya.support"
    label = "support"
