"""Settings are safe by default: with nothing set the site is in production mode and refuses to
start without a long secret key; development reads the .env that bin/ensure-env writes."""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "tS7-vJ2qLx9eRk4WmZ0bNc6HyP1uAf8gDo3iQs5EaXw_TlVrYnKj"  # 52 characters, many of them
# A server that is never contacted: importing the settings and the system checks only parse the URL.
UNREACHABLE_DATABASE = "postgres://nobody@127.0.0.1:1/none"


def _environment(**variables) -> dict[str, str]:
    """This process's environment without any DJANGO_ variable or .env file, plus ``variables``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update({"DATABASE_URL": UNREACHABLE_DATABASE, "DJANGO_ENV_FILE": "", **variables})
    return env


def run_python(code: str, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )


def manage(*arguments: str, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=_environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def import_settings(**variables) -> subprocess.CompletedProcess:
    return run_python("import cci_portal.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)", **variables)


def test_with_nothing_set_the_site_refuses_to_start():
    result = import_settings()
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters (it has 0)." in result.stderr


def test_a_short_secret_key_is_refused():
    result = import_settings(DJANGO_SECRET_KEY="k" * 49)
    assert result.returncode == 1
    assert "at least 50 characters (it has 49)" in result.stderr


def test_with_only_a_secret_key_the_site_is_in_production_mode():
    result = import_settings(DJANGO_SECRET_KEY=PRODUCTION_KEY, DJANGO_ALLOWED_HOSTS="cci.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['cci.example.org']"


def test_production_passes_the_deployment_checks_with_no_warning():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_ALLOWED_HOSTS="cci.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_are_https_only_with_strict_headers():
    result = run_python(
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.X_FRAME_OPTIONS, s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "s.LOGGING['handlers']['console']['formatter'])",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_SETTINGS_MODULE="cci_portal.settings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "31536000", "True", "True", "DENY", "60", "True", "json"]


def test_behind_a_tls_proxy_the_redirect_can_be_left_to_it():
    result = run_python(
        "import cci_portal.settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_the_env_file_gives_development_its_settings_and_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(f"DJANGO_DEBUG=true\nDJANGO_SECRET_KEY={PRODUCTION_KEY}\nDJANGO_ALLOWED_HOSTS=from-file\n")
    from_file = import_settings(DJANGO_ENV_FILE=str(env_file))
    overridden = import_settings(DJANGO_ENV_FILE=str(env_file), DJANGO_ALLOWED_HOSTS="from-environment")
    assert from_file.stdout.strip() == "True ['from-file']"
    assert overridden.stdout.strip() == "True ['from-environment']"


def test_only_postgresql_is_accepted():
    result = import_settings(DJANGO_SECRET_KEY=PRODUCTION_KEY, DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode == 1
    assert "The CCI Portal runs on PostgreSQL only" in result.stderr


def test_a_log_format_that_does_not_exist_is_refused():
    result = import_settings(DJANGO_SECRET_KEY=PRODUCTION_KEY, DJANGO_LOG_FORMAT="xml")
    assert result.returncode == 1
    assert "DJANGO_LOG_FORMAT must be one of json, plain, not 'xml'." in result.stderr


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of bin/ensure-env in a checkout of its own."""
    (tmp_path / "bin").mkdir()
    shutil.copy(ROOT / "bin" / "ensure-env", tmp_path / "bin" / "ensure-env")
    return tmp_path


def test_ensure_env_writes_a_private_development_env_once(checkout):
    first = subprocess.run([checkout / "bin" / "ensure-env"], capture_output=True, text=True, check=True)
    written = (checkout / ".env").read_text()
    second = subprocess.run([checkout / "bin" / "ensure-env"], capture_output=True, text=True, check=True)

    assert first.stdout.strip() == ".env: written (development settings, a new random key)"
    assert second.stdout.strip() == ".env: kept"
    assert (checkout / ".env").read_text() == written
    variables = dict(line.split("=", 1) for line in written.splitlines() if line and not line.startswith("#"))
    assert variables["DJANGO_DEBUG"] == "true"
    assert len(variables["DJANGO_SECRET_KEY"]) >= 50
    assert stat.S_IMODE((checkout / ".env").stat().st_mode) == 0o600
