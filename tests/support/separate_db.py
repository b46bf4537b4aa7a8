"""A database of its own for tests that start Sebaya in separate processes (worker, races).

A temporary SQLite file, or a temporary PostgreSQL database when the suite runs on PostgreSQL.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_url(tmp_path):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'separate.sqlite3'}"
        return
    import psycopg

    base = settings.DATABASES["default"]
    name = f"sebaya_separate_{uuid.uuid4().hex[:10]}"
    conninfo = {"host": base["HOST"] or "127.0.0.1", "port": base["PORT"] or 5432, "user": base["USER"]}
    with psycopg.connect(**conninfo, dbname="postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{base['USER']}@{conninfo['host']}:{conninfo['port']}/{name}"
    with psycopg.connect(**conninfo, dbname="postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url, tmp_path, **extra):
    ignored = {"DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_BACKEND", "EMAIL_HOST"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(
        DATABASE_URL=database_url,
        SEBAYA_ENV="development",
        SEBAYA_WORKER_LEASE_SECONDS="3",
        SEBAYA_WORKER_INTERVAL="0.2",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        SEBAYA_TEST_SENDING_MARKER=str(tmp_path / "sending"),
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def migrate(env):
    result = subprocess.run(
        [sys.executable, "-m", "sebaya", "migrate", "-v", "0"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def scenario_command(step, *args):
    return [sys.executable, "-m", "tests.support.worker_scenario", step, *args]


def scenario(step, env, *args):
    result = subprocess.run(
        scenario_command(step, *args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
