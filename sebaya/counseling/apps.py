from django.apps import AppConfig


class CounselingConfig(AppConfig):
    name = "sebaya.counseling"
    label = "counseling"
