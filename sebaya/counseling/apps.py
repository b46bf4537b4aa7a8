from django.apps import AppConfig

from sebaya.kernel.registry import Job


class CounselingConfig(AppConfig):
    name = "sebaya.counseling"
    label = "counseling"
    jobs = (
        Job("follow_ups", "sebaya.counseling.jobs.follow_ups"),
        Job("referrals", "sebaya.counseling.jobs.referrals"),
    )
    home_cards = "sebaya.counseling.home.home_cards"
    # Fields that hold confidential notes as tokens of kernel.crypto (rotated by `sebaya reencrypt`).
    encrypted_notes = (("CounselingSession", "confidential_note"),)
