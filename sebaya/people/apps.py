from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sebaya.people"
    label = "people"
