from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "sebaya.screening"
    label = "screening"
