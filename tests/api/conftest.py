"""Fixtures of the API tests: a client, staff in each role, partners' keys, and a clean throttle."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from cci_portal.roles import EDITOR, PUBLISHER, VIEWER
from cci_portal.services import api_key_issue, api_key_revoke
from tests.api.client import staff_in_role


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Throttle counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def viewer():
    return staff_in_role(VIEWER)


@pytest.fixture
def editor():
    return staff_in_role(EDITOR)


@pytest.fixture
def publisher():
    return staff_in_role(PUBLISHER)


@pytest.fixture
def api_key():
    """A partner's valid key, as the raw string sent in the header."""
    return api_key_issue(name="Nightly mirror", organization="Partner Bank", created_by=None).raw_key


@pytest.fixture
def revoked_api_key():
    issued = api_key_issue(name="Old mirror", organization="Partner Bank", created_by=None)
    api_key_revoke(api_key=issued.api_key)
    return issued.raw_key
