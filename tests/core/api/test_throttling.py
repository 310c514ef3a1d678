"""Request rates (core/api/throttling.py): anonymous readers by address, partners by key, staff by user."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.api_client import key_header

pytestmark = pytest.mark.django_db


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


def test_partners_with_a_key_and_staff_get_a_higher_rate(client, api_key, viewer):
    with_key = [client.get("/api/v1/", **key_header(api_key)).status_code for _ in range(61)]
    cache.clear()
    staff = APIClient()
    staff.force_authenticate(viewer)
    as_staff = [staff.get("/api/v1/").status_code for _ in range(61)]

    assert with_key == [200] * 61
    assert as_staff == [200] * 61
