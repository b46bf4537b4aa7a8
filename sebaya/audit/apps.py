from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sebaya.audit"
    label = "audit"
