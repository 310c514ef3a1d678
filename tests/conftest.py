import importlib

import pytest
from django.apps import apps
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


@pytest.fixture
def reference_vocabularies(transactional_db):
    """The four focus areas and four schemes of the data migration, for tests that commit.

    A committing test (browser, live server, subprocess) ends with a flush of every table, and
    serialized rollback did not bring the migrated rows back: after the first live-server test
    the connection carried no serialized contents (0 bytes instead of ~21 kB). So these tests
    put the vocabularies back themselves.
    """
    migration = importlib.import_module("projects.migrations.0003_focus_areas_and_schemes")
    migration.create_vocabularies(apps, schema_editor=None)
