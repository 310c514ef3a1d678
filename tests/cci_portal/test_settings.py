"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def import_settings(**environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    # A server that is never contacted: importing the settings only parses the URL.
    env.update({"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", **environment})
    return subprocess.run(
        [sys.executable, "-c", "import cci_portal.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false")
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


def test_production_starts_with_a_secret_key_and_reads_its_hosts():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="cci.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['cci.example.org']"


def test_only_postgresql_is_accepted():
    result = import_settings(DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode == 1
    assert "The CCI Portal runs on PostgreSQL only" in result.stderr
