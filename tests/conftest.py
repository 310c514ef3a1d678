import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request to a /zh-hans/ page leaves Chinese active; the next test starts in English again."""
    translation.activate("en")
    yield
    translation.activate("en")
