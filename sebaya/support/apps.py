from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "sebaya.support"
    label = "support"
    home_cards = "sebaya.support.home.home_cards"
    # Fields that hold confidential notes as tokens of kernel.crypto (rotated by `sebaya reencrypt`).
    encrypted_notes = (("SupervisionNote", "body"),)
    # What privacy's retention rules erase in messages and help requests, and which ones they
    # leave alone (the source of an alert not closed).
    retention_kinds = "sebaya.support.retention.KINDS"
    retention_blocks = "sebaya.support.retention.block"
