from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    """Tier 0 and the BK program cycle (Permendikbud 111/2014): needs assessment results, the
    annual and semester programs, service plans (RPL), classroom and group guidance, support and
    discussion groups, workshops, awareness campaigns and the organization's calendar."""

    name = "sebaya.guidance"
    label = "guidance"
    verbose_name = "Bimbingan dan program BK"
    # Group counseling notes are confidential like session notes (kernel.crypto tokens).
    encrypted_notes = (("Meeting", "confidential_note"),)
    # Held meetings of the activities a counselor facilitates, in that counselor's jurnal BK.
    journal_sources = "sebaya.guidance.journal.journal_lines"
    # What privacy's retention rules erase in activities: the meetings' notes.
    retention_kinds = "sebaya.guidance.retention.KINDS"
