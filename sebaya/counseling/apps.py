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
    # What privacy's retention rules erase in cases, and who they leave alone (an open case).
    retention_kinds = "sebaya.counseling.retention.KINDS"
    retention_blocks = "sebaya.counseling.retention.block"
