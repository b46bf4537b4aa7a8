from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "sebaya.programs"
    label = "programs"
    # Fields that hold confidential notes as tokens of kernel.crypto (rotated by `sebaya reencrypt`).
    encrypted_notes = (("SupervisionSession", "notes"),)
