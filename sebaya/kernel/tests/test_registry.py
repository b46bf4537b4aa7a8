"""The registry reads what the apps declare on their AppConfigs, in the order the shell needs."""

from sebaya.kernel import registry


def test_the_worker_runs_the_alerts_first_and_the_emails_before_the_days_dashboards():
    assert [job.name for job in registry.jobs()] == [
        "alerts",
        "screening_rounds",
        "follow_ups",
        "referrals",
        "certifications",
        "supervision",
        "records_exports",
        "retention",
        "exports",
        "emails",
        "dashboards",
    ]


def test_every_job_and_home_card_can_be_imported():
    for job in registry.jobs():
        assert callable(registry.import_string(job.path))
    assert len(registry.home_cards()) == 5  # screening, support, counseling, programs, psychosocial


def test_the_encrypted_notes_are_the_four_the_apps_declare():
    assert {(model._meta.label, field) for model, field in registry.encrypted_notes()} == {
        ("counseling.CounselingSession", "confidential_note"),
        ("programs.SupervisionSession", "notes"),
        ("support.SupervisionNote", "body"),
        ("guidance.Meeting", "confidential_note"),  # group counseling and support group meetings
    }


def test_the_jurnal_sources_are_declared_by_the_apps():
    assert [f"{f.__module__}.{f.__name__}" for f in registry.journal_sources()] == [
        "sebaya.guidance.journal.journal_lines"
    ]


def test_the_retention_kinds_are_declared_by_the_apps_that_own_the_records():
    assert [(rule.kind, rule.how) for rule in registry.retention_kinds()] == [
        ("screening", "deleted"),
        ("messages", "erased"),
        ("anonymous_requests", "erased"),
        ("help_requests", "erased"),
        ("cases", "erased"),
        ("group_notes", "erased"),
    ]
    assert [block.__module__ for block in registry.retention_blocks()] == [
        "sebaya.safety.retention",
        "sebaya.support.retention",
        "sebaya.counseling.retention",
    ]
