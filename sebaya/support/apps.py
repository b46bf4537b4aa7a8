from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "sebaya.support"
    label = "support"
    # Fields that hold confidential notes as tokens of kernel.crypto (rotated by `sebaya reencrypt`).
    encrypted_notes = (("SupervisionNote", "body"),)
