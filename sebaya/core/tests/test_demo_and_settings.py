import os
import secrets
import subprocess
import sys

from django.core.management import call_command
from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.kernel.crypto import new_notes_key
from sebaya.organizations.models import Network, Organization
from sebaya.people.models import Membership, MembershipRole, Person, Role


def test_demo_data_is_complete_and_loading_twice_changes_nothing(db, capsys):
    call_command("demo")
    counts = (
        Person.objects.count(),
        Membership.objects.count(),
        MembershipRole.objects.count(),
        User.objects.count(),
    )
    call_command("demo")
    assert counts == (
        Person.objects.count(),
        Membership.objects.count(),
        MembershipRole.objects.count(),
        User.objects.count(),
    )
    school = Organization.objects.get(slug="sman-1-harapan")
    students = Membership.objects.filter(organization=school, roles__role=Role.MEMBER)
    assert students.count() == 300
    assert set(students.values_list("grade", flat=True)) == {"10", "11", "12"}
    assert (
        MembershipRole.objects.filter(membership__organization=school, role=Role.PEER_SUPPORTER).count() == 20
    )
    assert MembershipRole.objects.filter(membership__organization=school, role=Role.COUNSELOR).count() == 3
    for role in (Role.COORDINATOR, Role.ORG_ADMIN, Role.PARTNER):
        assert MembershipRole.objects.filter(membership__organization=school, role=role).exists()
    assert Organization.objects.filter(kind=Organization.Kind.COMMUNITY).count() == 1
    assert Network.objects.get().organizations.count() == 2
    from sebaya.safety.models import OnCallSlot
    from sebaya.safety.services import on_call

    assert OnCallSlot.objects.filter(organization=school).count() == 7
    assert on_call(school)[0].username in {"konselor1", "konselor3"}
    # The safety net shows at once: an open screening round, results waiting for outreach, two alerts.
    from sebaya.safety.models import Alert
    from sebaya.screening.models import Administration, ScreeningRound

    # The PHQ-A round (the BK program's needs assessment and campaign surveys are rounds too).
    screening_round = ScreeningRound.objects.get(organization=school, instrument_code="phqa")
    assert screening_round.state == "open" and screening_round.invitations.count() == 300
    assert 150 < Administration.objects.filter(screening_round=screening_round).count() < 250
    assert Alert.objects.filter(organization=school, source="screening").count() == 2
    assert Administration.objects.filter(outreach_reason="severe").exists()
    from sebaya.counseling.models import Case

    assert Case.objects.filter(organization=school).count() == 3
    assert Case.objects.filter(source="step_up").get().sessions.exclude(confidential_note="").count() == 2
    from sebaya.programs.models import Certification, Module

    assert Module.objects.filter(organization=school).count() == 8
    assert Certification.objects.filter(organization=school).count() == 16
    siswa = User.objects.get(username="siswa")
    assert screening_round.invitations.get(person=siswa.person).completed_at is None
    # Recruitment: last year's round decided (its four trainees selected), this year's open with
    # applications, panel scores and the `siswa` account's nomination; supervision and live sessions.
    from sebaya.programs import recruitment
    from sebaya.programs.models import (
        Application,
        LiveSession,
        Nomination,
        RecruitmentRound,
        SupervisionSession,
    )
    from sebaya.support.models import SupporterProfile

    past, current = RecruitmentRound.objects.filter(organization=school).order_by("opens_on")
    assert past.published_at and past.applications.filter(status="selected").count() == 4
    assert current.is_open_on(timezone.localdate()) and current.applications.count() == 8
    ranked = recruitment.ranking(current)
    assert ranked[0].combined is not None and ranked[-1].combined is None
    assert Nomination.objects.get(person=siswa.person).status == "pending"
    assert Application.objects.filter(round=current, guardian_consent_at__isnull=False).count() == 8
    assert SupporterProfile.objects.filter(organization=school, status="trainee").count() == 4
    assert SupporterProfile.objects.filter(organization=school, supervision_missed=True).count() == 1
    assert SupervisionSession.objects.filter(organization=school).count() == 2
    assert LiveSession.objects.filter(organization=school).count() == 2
    output = capsys.readouterr().out
    for username in ["konselor1", "koordinator", "admin", "psikolog", "siswa", "sebaya", "relawan", "dinas"]:
        assert username in output


def test_demo_names_are_deterministic(db):
    # The same seed gives the same school on every machine: fixed people, not just fixed counts.
    call_command("demo")
    expected = {
        "20260001": ("Aulia Pratama", "X-1", "2010-02-23"),
        "20260150": ("Yoga Siregar", "XI-1", "2009-12-26"),
        "20260300": ("Rizky Sembiring", "XII-3", "2008-05-27"),
    }
    for identifier, (name, class_name, birth) in expected.items():
        membership = Membership.objects.select_related("person").get(external_id=identifier)
        assert (membership.person.full_name, membership.class_name, str(membership.person.birth_date)) == (
            name,
            class_name,
            birth,
        )


def run_sebaya(*args, **env):
    # A clean environment: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy flags.
    ignored = {
        "DATABASE_URL",
        "SECRET_KEY",
        "SEBAYA_ENV",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "EMAIL_HOST",
        "EMAIL_BACKEND",
        "SEBAYA_BASE_URL",
        "PORT",
        "SEBAYA_NOTES_KEYS",
        "SEBAYA_NOTES_KEYS_FILE",
    }
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "sebaya", *args], env=environment, capture_output=True, text=True, timeout=120
    )


def test_in_development_the_address_printed_and_linked_follows_port_unless_base_url_is_set():
    # `./dev start` serves on PORT: the demo's sign-in line and every email link must say the same.
    # The demo's data loading is replaced so that only the printing runs (no database needed).
    show = (
        "from django.conf import settings; from django.core.management import call_command;"
        "from sebaya.core.management.commands import demo; demo.load_demo = list;"
        "print('base_url=' + settings.SEBAYA_BASE_URL); call_command('demo')"
    )

    def base_url(result):
        lines = [line for line in result.stdout.splitlines() if line.startswith("base_url=")]
        assert lines, result.stderr
        return lines[0].removeprefix("base_url=")

    assert base_url(run_sebaya("shell", "--no-imports", "-c", show)) == "http://127.0.0.1:8000"
    on_port = run_sebaya("shell", "--no-imports", "-c", show, PORT="8765")
    assert base_url(on_port) == "http://127.0.0.1:8765"
    assert "Sign in at http://127.0.0.1:8765 with:" in on_port.stdout
    assert "8000" not in on_port.stdout
    chosen = run_sebaya(
        "shell", "--no-imports", "-c", show, PORT="8765", SEBAYA_BASE_URL="https://demo.example.org/"
    )
    assert base_url(chosen) == "https://demo.example.org"
    assert "Sign in at https://demo.example.org with:" in chosen.stdout
    assert "8765" not in chosen.stdout
    not_a_port = run_sebaya("shell", "--no-imports", "-c", show, PORT="80a")
    assert not_a_port.returncode != 0 and "PORT must be a port number" in not_a_port.stderr


def test_production_refuses_to_start_without_a_real_secret_key(tmp_path):
    db = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    missing = run_sebaya("check", SEBAYA_ENV="production", ALLOWED_HOSTS="x.org", DATABASE_URL=db)
    assert missing.returncode != 0 and "SECRET_KEY" in missing.stderr
    weak = run_sebaya(
        "check", SEBAYA_ENV="production", ALLOWED_HOSTS="x.org", DATABASE_URL=db, SECRET_KEY="short"
    )
    assert weak.returncode != 0


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_sebaya(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SEBAYA_ENV="production",
        ALLOWED_HOSTS="sebaya.example.org",
        EMAIL_HOST="smtp.example.org",
        SEBAYA_BASE_URL="https://sebaya.example.org",
        SECRET_KEY=secrets.token_urlsafe(64),
        SEBAYA_NOTES_KEYS=new_notes_key(),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_way_to_send_email(tmp_path):
    common = {
        "SEBAYA_ENV": "production",
        "ALLOWED_HOSTS": "x.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SEBAYA_NOTES_KEYS": new_notes_key(),
        "SEBAYA_BASE_URL": "https://sebaya.example.org",
    }
    refused = run_sebaya("check", **common)
    assert refused.returncode != 0 and "EMAIL_HOST" in refused.stderr
    no_mail = run_sebaya("check", **common, EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    assert no_mail.returncode == 0, no_mail.stderr


def test_demo_data_is_refused_in_production(tmp_path):
    result = run_sebaya(
        "demo",
        SEBAYA_ENV="production",
        ALLOWED_HOSTS="x.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(64),
        SEBAYA_NOTES_KEYS=new_notes_key(),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        SEBAYA_BASE_URL="https://sebaya.example.org",
    )
    assert result.returncode != 0 and "production" in result.stderr


def test_production_needs_the_address_that_alert_emails_link_to(tmp_path):
    result = run_sebaya(
        "check",
        SEBAYA_ENV="production",
        ALLOWED_HOSTS="x.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(64),
        SEBAYA_NOTES_KEYS=new_notes_key(),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    assert result.returncode != 0 and "SEBAYA_BASE_URL" in result.stderr


def test_production_needs_notes_keys_of_their_own(tmp_path):
    common = {
        "SEBAYA_ENV": "production",
        "ALLOWED_HOSTS": "x.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SEBAYA_BASE_URL": "https://sebaya.example.org",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    missing = run_sebaya("check", **common)
    assert missing.returncode != 0 and "SEBAYA_NOTES_KEYS" in missing.stderr
    from django.conf import settings

    development_key = run_sebaya("check", **common, SEBAYA_NOTES_KEYS=settings.DEV_NOTES_KEY)
    assert development_key.returncode != 0 and "SEBAYA_NOTES_KEYS" in development_key.stderr
    not_a_key = run_sebaya("check", **common, SEBAYA_NOTES_KEYS="secret")
    assert not_a_key.returncode != 0 and "not a Fernet key" in not_a_key.stderr
    key_file = tmp_path / "notes.keys"
    key_file.write_text(f"{new_notes_key()}\n{new_notes_key()}\n")
    from_file = run_sebaya("check", **common, SEBAYA_NOTES_KEYS_FILE=str(key_file))
    assert from_file.returncode == 0, from_file.stderr
    gone = run_sebaya("check", **common, SEBAYA_NOTES_KEYS_FILE=str(tmp_path / "missing"))
    assert gone.returncode != 0 and "SEBAYA_NOTES_KEYS_FILE" in gone.stderr


def test_behind_pgbouncer_no_cursor_or_prepared_statement_outlives_a_transaction(tmp_path):
    show = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d.get('DISABLE_SERVER_SIDE_CURSORS', False), d.get('OPTIONS', {}).get('prepare_threshold', 5))"
    )
    url = "postgres://postgres@127.0.0.1:6432/sebaya"  # only read, never connected to
    pooled = run_sebaya("shell", "-c", show, DATABASE_URL=url, DB_POOLER="pgbouncer")
    direct = run_sebaya("shell", "-c", show, DATABASE_URL=url)
    assert pooled.stdout.splitlines()[-1].split() == ["True", "None"], pooled.stderr
    assert direct.stdout.splitlines()[-1].split() == ["False", "5"], direct.stderr
