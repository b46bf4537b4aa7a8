from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "sebaya.support"
    label = "support"
    home_cards = "sebaya.support.home.home_cards"
    # Fields that hold confidential notes as tokens of kernel.crypto (rotated by `sebaya reencrypt`).
    encrypted_notes = (("SupervisionNote", "body"),)
