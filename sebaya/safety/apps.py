from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "sebaya.safety"
    label = "safety"
