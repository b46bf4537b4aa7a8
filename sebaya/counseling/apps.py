from django.apps import AppConfig


class CounselingConfig(AppConfig):
    name = "sebaya.counseling"
    label = "counseling"
    # Fields that hold confidential notes as tokens of kernel.crypto (rotated by `sebaya reencrypt`).
    encrypted_notes = (("CounselingSession", "confidential_note"),)
