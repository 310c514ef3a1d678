"""The production settings under gunicorn, as `make serve` runs them: the site's own error pages,
WhiteNoise's compressed and hashed static files, the security headers and structured logs."""

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "tS7-vJ2qLx9eRk4WmZ0bNc6HyP1uAf8gDo3iQs5EaXw_TlVrYnKj"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _test_database() -> dict[str, str]:
    """The variables that point the server at the test database this test runs on."""
    name = connection.settings_dict["NAME"]
    if os.environ.get("DATABASE_URL"):
        return {"DATABASE_URL": urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()}
    return {"DJANGO_DATABASE_NAME": name}  # on the embedded server


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _fetch(url: str, *, through_proxy: bool = True, **headers) -> tuple[int, dict, bytes]:
    """GET ``url`` as the TLS-terminating proxy passes it on (or, without it, as plain http)."""
    if through_proxy:
        headers["X-Forwarded-Proto"] = "https"
    request = urllib.request.Request(url, headers=headers)
    try:
        with _opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def production_server(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_ENV_FILE="",
        DJANGO_SECRET_KEY=SECRET_KEY,
        # Behind a TLS-terminating proxy that says so in X-Forwarded-Proto.
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_LOG_LEVEL="INFO",
        **_test_database(),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    command = [sys.executable, "-m", "gunicorn", "cci_portal.wsgi", "--config", "gunicorn.conf.py", "--workers", "1"]
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _fetch(f"{base}/robots.txt")
            break
        except OSError:
            time.sleep(0.2)
    yield base, tmp_path / "server.log"
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_production_serves_its_own_pages_hashed_static_files_and_json_logs(production_server):
    base, log_path = production_server

    status, headers, body = _fetch(f"{base}/")
    plain, plain_headers, _ = _fetch(f"{base}/projects/", through_proxy=False)
    missing, _, missing_body = _fetch(f"{base}/no-such-page/")
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body).group(1).decode()
    static_status, static_headers, static_body = _fetch(f"{base}{stylesheet}", **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert (plain, plain_headers["Location"]) == (301, f"https://127.0.0.1:{base.rsplit(':', 1)[1]}/projects/")
    assert headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # The site's own 404 page, never Django's debug page.
    assert missing == 404
    assert b"Page not found" in missing_body and b"Traceback" not in missing_body and b"DEBUG" not in missing_body
    assert static_status == 200
    assert static_headers["Content-Encoding"] == "gzip"
    assert static_headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert b"body" in gzip.decompress(static_body)
    # A warning logged by the site is one JSON object on its line.
    logged = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    assert any(entry["logger"] == "django.request" and entry["level"] == "WARNING" for entry in logged), logged
