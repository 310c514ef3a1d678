import pytest
from rest_framework.test import APIClient


@pytest.fixture
def client():
    """DRF's test client: ``force_authenticate``, and JSON request bodies."""
    return APIClient()
