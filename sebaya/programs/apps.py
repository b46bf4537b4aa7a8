from django.apps import AppConfig

from sebaya.kernel.registry import Job


class ProgramsConfig(AppConfig):
    name = "sebaya.programs"
    label = "programs"
    jobs = (
        Job("certifications", "sebaya.programs.jobs.certifications"),
        Job("supervision", "sebaya.programs.jobs.supervision"),
    )
    home_cards = "sebaya.programs.home.home_cards"
    # Fields that hold confidential notes as tokens of kernel.crypto (rotated by `sebaya reencrypt`).
    encrypted_notes = (("SupervisionSession", "notes"),)
