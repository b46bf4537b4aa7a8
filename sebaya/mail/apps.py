from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "sebaya.mail"
    label = "mail"
