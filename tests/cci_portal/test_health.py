"""/healthz and /readyz: what a load balancer's probe sees, with a real database and cache behind."""

import logging

import pytest
from django.core.management import call_command
from django.db import connections

pytestmark = pytest.mark.django_db

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "readyz_cache"}}


def probe(client, path, **extra):
    """A probe as orchestrators send it: by address, over plain HTTP."""
    return client.get(path, HTTP_HOST="10.0.0.5", **extra)


def readiness(response) -> dict:
    body = response.json()
    assert 0 <= body.pop("seconds") < 5
    return body


def test_healthz_says_the_process_is_alive(client):
    response = probe(client, "/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_the_database(client):
    response = probe(client, "/readyz")

    assert response.status_code == 200
    assert readiness(response) == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.django_db(transaction=True)
def test_readyz_is_unavailable_when_the_database_does_not_answer(client, caplog):
    connection = connections["default"]
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        with caplog.at_level(logging.WARNING):
            response = probe(client, "/readyz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port

    assert response.status_code == 503
    assert readiness(response) == {"status": "unavailable", "checks": {"database": "error: OperationalError"}}
    assert [(record.name, record.levelname) for record in caplog.records] == [("cci_portal.health", "WARNING")]
    assert probe(client, "/readyz").status_code == 200  # recovered with the database


def test_readyz_checks_a_shared_cache(client, settings):
    call_command("createcachetable", "readyz_cache")
    settings.CACHES = DATABASE_CACHE

    response = probe(client, "/readyz")

    assert response.status_code == 200
    assert readiness(response) == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_is_unavailable_when_the_shared_cache_fails(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "no_such_cache_table"}
    }

    response = probe(client, "/readyz")

    assert response.status_code == 503
    assert readiness(response) == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "error: ProgrammingError"},
    }


def test_probes_are_not_rate_limited(client, settings):
    settings.PAGE_RATE_LIMITS = {"pages": "2/min"}

    statuses = [probe(client, path).status_code for path in ["/healthz", "/readyz"] * 4]

    assert statuses == [200] * 8
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 429


def test_probes_take_only_get_and_head(client):
    response = client.post("/readyz", HTTP_HOST="10.0.0.5")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {"status": "error", "detail": "Use GET or HEAD."}
    assert client.head("/healthz", HTTP_HOST="10.0.0.5").status_code == 200
