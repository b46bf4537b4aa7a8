from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "sebaya.programs"
    label = "programs"
