from django.apps import AppConfig


class HelpConfig(AppConfig):
    """The user guides (docs/guide/), read inside Sebaya and printed as one PDF per role."""

    name = "sebaya.help"
    label = "help"
