from django.apps import AppConfig


class PsychosocialConfig(AppConfig):
    """Psychosocial response (tier 3 and emergencies, DKJPS): incidents, the organizations that
    respond to them, and the people affected, registered fast by field workers. The standards it
    follows, and what it takes from each, are in docs/PSYCHOSOCIAL.md."""

    name = "sebaya.psychosocial"
    label = "psychosocial"
    verbose_name = "Layanan psikososial"
    home_cards = "sebaya.psychosocial.home.home_cards"
