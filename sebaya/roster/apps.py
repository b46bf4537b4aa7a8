from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "sebaya.roster"
    label = "roster"
