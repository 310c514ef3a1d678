"""Request rates (core/api/throttling.py): anonymous readers by address, partners by key, staff by user;
each answer tells the client where it stands."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from core.ratelimit import Rate, limit_key
from tests.api_client import key_header
from tests.limits import count_in_another_process, file_cache, frozen_clock

pytestmark = pytest.mark.django_db

START = 1_800_000_000.0


def rate_headers(response) -> dict[str, str]:
    return {name: value for name, value in response.items() if "ratelimit" in name.lower()}


def test_the_61st_anonymous_request_in_a_minute_is_throttled(client):
    statuses = [client.get("/api/v1/").status_code for _ in range(60)]
    throttled = client.get("/api/v1/")

    assert statuses == [200] * 60
    assert throttled.status_code == 429
    assert throttled.json()["detail"].startswith("Request was throttled. Expected available in ")
    assert throttled.json()["errors"] == {}
    assert 0 < int(throttled["Retry-After"]) <= 60


def test_a_client_cannot_dodge_the_rate_by_claiming_another_address(client):
    statuses = [client.get("/api/v1/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(61)]

    assert statuses == [200] * 60 + [429]


def test_an_ipv6_client_is_counted_by_its_64_block(client):
    statuses = [client.get("/api/v1/", REMOTE_ADDR=f"2001:db8::{n:x}").status_code for n in range(61)]
    neighbour = client.get("/api/v1/", REMOTE_ADDR="2001:db8:0:1::1")

    assert statuses == [200] * 60 + [429]
    assert neighbour.status_code == 200


def test_partners_with_a_key_and_staff_get_a_higher_rate(client, api_key, viewer):
    with_key = [client.get("/api/v1/", **key_header(api_key)).status_code for _ in range(61)]
    cache.clear()
    staff = APIClient()
    staff.force_authenticate(viewer)
    as_staff = [staff.get("/api/v1/").status_code for _ in range(61)]

    assert with_key == [200] * 61
    assert as_staff == [200] * 61


def test_every_counted_answer_tells_the_limit_what_remains_and_when_the_window_ends(client, monkeypatch):
    clock = frozen_clock(monkeypatch, START)
    first = client.get("/api/v1/projects/")
    clock[0] += 20.5
    second = client.get("/api/v1/zones/")

    assert rate_headers(first) == {
        "RateLimit-Limit": "60",
        "RateLimit-Remaining": "59",
        "RateLimit-Reset": "60",
        "X-RateLimit-Limit": "60",
        "X-RateLimit-Remaining": "59",
        "X-RateLimit-Reset": "1800000060",
    }
    assert rate_headers(second) == {
        "RateLimit-Limit": "60",
        "RateLimit-Remaining": "58",
        "RateLimit-Reset": "40",
        "X-RateLimit-Limit": "60",
        "X-RateLimit-Remaining": "58",
        "X-RateLimit-Reset": "1800000060",
    }


def test_a_throttled_answer_waits_exactly_until_the_window_ends(client, monkeypatch):
    clock = frozen_clock(monkeypatch, START)
    client.get("/api/v1/")
    clock[0] += 45
    for _ in range(59):
        client.get("/api/v1/")
    throttled = client.get("/api/v1/")
    clock[0] += 15
    next_window = client.get("/api/v1/")

    assert throttled.status_code == 429
    assert throttled.json()["detail"] == "Request was throttled. Expected available in 15 seconds."
    assert throttled["Retry-After"] == "15"
    assert (throttled["RateLimit-Remaining"], throttled["RateLimit-Reset"]) == ("0", "15")
    assert next_window.status_code == 200
    assert (next_window["RateLimit-Remaining"], next_window["RateLimit-Reset"]) == ("59", "60")


def test_a_conditional_get_answered_304_is_counted_too(client):
    first = client.get("/api/v1/projects/")
    unchanged = client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert unchanged["RateLimit-Remaining"] == "58"


def test_partners_and_staff_see_their_own_limits(client, api_key, viewer):
    with_key = client.get("/api/v1/", **key_header(api_key))
    staff = APIClient()
    staff.force_authenticate(viewer)
    as_staff = staff.get("/api/v1/")

    assert (with_key["RateLimit-Limit"], with_key["RateLimit-Remaining"]) == ("600", "599")
    assert (as_staff["RateLimit-Limit"], as_staff["RateLimit-Remaining"]) == ("1200", "1199")


def test_the_rates_are_read_from_the_settings_at_each_request(client, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "2/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

    statuses = [client.get("/api/v1/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_the_counters_are_shared_by_every_process_that_shares_the_cache(client, settings, tmp_path):
    file_cache(settings, tmp_path)

    first = client.get("/api/v1/")
    elsewhere = count_in_another_process(tmp_path, limit_key("anon", "127.0.0.1"), Rate(60, 60), times=58)
    last = client.get("/api/v1/")
    throttled = client.get("/api/v1/")

    assert first["RateLimit-Remaining"] == "59"
    assert elsewhere == 59
    assert (last.status_code, last["RateLimit-Remaining"]) == (200, "0")
    assert throttled.status_code == 429
