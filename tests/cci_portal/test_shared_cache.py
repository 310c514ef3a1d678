"""Two app servers on one shared cache: what one keeps the other serves, a change made through one
shows through both at once, and every limit counts the requests of both.

Two gunicorn processes on their own ports share the test database and a cache: the Redis of
``CCI_TEST_REDIS_URL`` (.ci/run sets it when Redis answers), otherwise Django's database cache,
so the cross-process behaviour is tested on every machine.
"""

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import connection
from django.utils.module_loading import import_string

from cci_portal.caches import DATABASE, cache_settings
from cci_portal.page_cache import site_version
from projects.freshness import registry_version
from tests.api_client import PASSWORD, basic
from tests.factories import make_project

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "cache-test-Qm4vT8xK2pLw9RzN6cJh3YbF7dGs1aUe5iOo0nXr"
CACHE_TABLE = "cci_test_shared_cache"
# Low limits, so a few requests split between the servers reach them.
ANON_LIMIT = 8
FAILED_LOGIN_LIMIT = 3
SEARCH_LIMIT = 3
# Behind one load balancer both servers see the same host name (the API's page keys carry it).
HOST = "localhost"
START_SECONDS = 45


def _shared_cache_url() -> str:
    return os.environ.get("CCI_TEST_REDIS_URL") or f"db://{CACHE_TABLE}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _test_database(name: str) -> dict[str, str]:
    """The variables that point a server at the test database."""
    if os.environ.get("DATABASE_URL"):
        return {"DATABASE_URL": urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()}
    return {"DJANGO_DATABASE_NAME": name}  # on the embedded server


def _call(base: str, path: str, *, method: str = "GET", data=None, **headers) -> tuple[int, dict, bytes]:
    headers = {"Host": HOST, "Accept": "application/json, text/html", **headers}
    body = None if data is None else json.dumps(data).encode()
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _auth(user) -> dict[str, str]:
    """HTTP Basic for ``user``, whose password is stored as the servers' hashers read it (the
    tests' own fast hasher is not among them)."""
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(pk=user.pk).update(password=hasher.encode(PASSWORD, hasher.salt()))
    return {"Authorization": basic(user)["HTTP_AUTHORIZATION"]}


@pytest.fixture(scope="module")
def cache_store(django_db_setup, django_db_blocker):
    """The shared cache as the servers see it (its table made in the test database), and its URL."""
    url = _shared_cache_url()
    conf = cache_settings({"CACHE_URL": url})["default"]
    with django_db_blocker.unblock():
        if conf["BACKEND"] == DATABASE:
            command = CreateCacheTable(stdout=StringIO())
            command.verbosity = 0
            command.create_table("default", conf["LOCATION"], dry_run=False)
        yield url, import_string(conf["BACKEND"])(conf.get("LOCATION", ""), conf)


@pytest.fixture(scope="module")
def servers(cache_store, tmp_path_factory):
    """Two gunicorn servers of one worker each, on the shared cache: their base URLs."""
    url, _store = cache_store
    database = connection.settings_dict["NAME"]  # the test database, once django_db_setup made it
    kept = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "GUNICORN_"))}
    env = {name: value for name, value in kept.items() if name not in ("CACHE_URL", "DATABASE_URL")}
    env.update(
        DJANGO_ENV_FILE="",
        DJANGO_SECRET_KEY=SECRET_KEY,
        # Development settings: static files from the finders, no HTTPS redirect to follow.
        DJANGO_DEBUG="true",
        DJANGO_LOG_LEVEL="ERROR",
        CACHE_URL=url,
        DJANGO_API_RATE_ANON=f"{ANON_LIMIT}/min",
        DJANGO_API_RATE_FAILED_LOGIN=f"{FAILED_LOGIN_LIMIT}/min",
        DJANGO_SEARCH_RATE=f"{SEARCH_LIMIT}/min",
        **_test_database(database),
    )
    logs = tmp_path_factory.mktemp("servers")
    # No control socket: both servers (and any other gunicorn on the machine) would share its one path.
    command = [sys.executable, "-m", "gunicorn", "cci_portal.wsgi", "--config", "gunicorn.conf.py"]
    command += ["--workers", "1", "--no-control-socket"]
    with ExitStack() as stack:
        started = []
        for name in ("first", "second"):
            port = _free_port()
            log = stack.enter_context((logs / f"{name}.log").open("w"))
            process = subprocess.Popen(
                [*command, "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            stack.callback(_stop, process)
            started.append((f"http://127.0.0.1:{port}", process, logs / f"{name}.log"))
        deadline = time.monotonic() + START_SECONDS
        for base, process, log_path in started:
            while (status := _status(base)) is None:
                assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.2)
            assert status == 200, log_path.read_text()
        yield [base for base, _process, _log in started]


def _status(base: str) -> int | None:
    """The status of a first page, or None while the server does not answer yet."""
    try:
        return _call(base, "/robots.txt")[0]
    except OSError:
        return None


def _stop(process: subprocess.Popen) -> None:
    """Stop a server this test started, killing it if it does not stop within its graceful time."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@pytest.fixture
def store(cache_store):
    """The shared cache, empty at the start and the end of each test."""
    _url, shared = cache_store
    shared.clear()
    yield shared
    shared.clear()


def _titles(base: str) -> tuple[list[str], str]:
    status, headers, body = _call(base, "/api/v1/projects/")
    assert status == 200, body
    return [project["title_en"] for project in json.loads(body)["results"]], headers["ETag"]


def _counted_projects(base: str) -> int:
    status, _headers, body = _call(base, "/api/v1/stats/")
    assert status == 200, body
    return json.loads(body)["totals"]["projects"]


def _home_count(base: str) -> tuple[str, bytes]:
    status, _headers, body = _call(base, "/", Accept="text/html")
    assert status == 200, body
    return re.search(rb'data-testid="project-count">(\d+)<', body).group(1).decode(), body


def _home_key() -> str:
    return "page:" + hashlib.sha256("\x1f".join(["en", "/", site_version()]).encode()).hexdigest()


def test_what_one_server_keeps_the_other_serves_until_a_change_through_either(
    servers, store, reference_vocabularies, publisher
):
    first, second = servers
    make_project(title_en="Port logistics hub")
    draft = make_project(title_en="Air cargo hub", is_published=False)

    # The first server reads, and keeps an API page, the registry's figures and the home page.
    titles, etag = _titles(first)
    assert titles == ["Port logistics hub"]
    assert _counted_projects(first) == 1
    assert _home_count(first)[0] == "1"
    api_key = f"api-page:http://{HOST}/:{etag}"
    assert store.get(api_key)["count"] == 1
    assert store.get(f"registry-stats:{registry_version()}")["totals"]["project_count"] == 1
    assert store.get(_home_key()) is not None

    # The second serves what the first kept: marked in the shared cache, it answers with the marks.
    store.set(api_key, {**store.get(api_key), "kept": "by the first server"})
    content, content_type = store.get(_home_key())
    store.set(_home_key(), (content.replace(b"</body>", b"<!-- kept --></body>"), content_type))
    status, headers, body = _call(second, "/api/v1/projects/")
    assert (status, headers["ETag"], json.loads(body)["kept"]) == (200, etag, "by the first server")
    count, page = _home_count(second)
    assert (count, b"<!-- kept -->" in page) == ("1", True)

    # A publication through the second server shows through the first at once, in every cache.
    status, _headers, body = _call(
        second, f"/api/v1/projects/{draft.public_id}/", method="PATCH", data={"is_published": True}, **_auth(publisher)
    )
    assert status == 200, body
    titles, new_etag = _titles(first)
    assert sorted(titles) == ["Air cargo hub", "Port logistics hub"]
    assert new_etag != etag
    assert _counted_projects(first) == 2
    count, page = _home_count(first)
    assert (count, b"<!-- kept -->" in page) == ("2", False)


def test_every_limit_counts_the_requests_of_both_servers(servers, store):
    first, second = servers
    alternate = [first, second] * 10

    anonymous = [_call(base, "/api/v1/focus-areas/") for base in alternate[: ANON_LIMIT + 1]]
    assert [status for status, _headers, _body in anonymous] == [200] * ANON_LIMIT + [429]
    remaining = [int(headers["RateLimit-Remaining"]) for _status, headers, _body in anonymous]
    assert remaining == [*range(ANON_LIMIT - 1, -1, -1), 0]

    wrong_password = {"Authorization": "Basic " + "bm9ib2R5Ondyb25n"}  # nobody:wrong
    failures = [_call(base, "/api/v1/projects/", **wrong_password)[0] for base in alternate[: FAILED_LOGIN_LIMIT + 1]]
    assert failures == [401] * FAILED_LOGIN_LIMIT + [429]

    searches = [_call(base, "/search/?q=port", Accept="text/html")[0] for base in alternate[: SEARCH_LIMIT + 1]]
    assert searches == [200] * SEARCH_LIMIT + [429]
