"""Fixtures of every test: fast hashing, English, an empty cache, the migrated vocabularies,
staff in each role, and partners' API keys."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_migrate
from django.utils import translation

from cci_portal.roles import EDITOR, PUBLISHER, VIEWER
from cci_portal.services import api_key_issue, api_key_revoke
from projects.models import Organization
from tests.api_client import staff_in_role
from tests.cci_portal.api.fuzz.report import pytest_runtest_logreport, pytest_terminal_summary  # noqa: F401


def _create_vocabularies() -> None:
    """The four focus areas and four schemes, as the data migrations leave them: the rows of 0003 with
    the Chinese descriptions of 0016 (safe to run again)."""
    rows = importlib.import_module("projects.migrations.0003_focus_areas_and_schemes")
    chinese = importlib.import_module("projects.migrations.0016_vocabulary_chinese_descriptions").DESCRIPTIONS_ZH
    for model_name, entries in (("focusarea", rows.FOCUS_AREAS), ("scheme", rows.SCHEMES)):
        model = apps.get_model("projects", model_name)
        for position, (code, name_en, name_zh, description) in enumerate(entries, start=1):
            model.objects.update_or_create(
                code=code,
                defaults={
                    "name_en": name_en,
                    "name_zh": name_zh,
                    "description_en": description,
                    "description_zh": chinese[(model_name, code)],
                    "position": position,
                },
            )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the migrated vocabularies in it.

    With ``--reuse-db`` the database outlives the run, and a committing test of the last run
    (see :func:`reference_vocabularies`) ended with a flush that took the migrated rows along.
    """
    with django_db_blocker.unblock():
        _create_vocabularies()


@pytest.fixture(scope="session", autouse=True)
def _vocabularies_after_every_flush():
    """A committing test ends with a flush of every table, which Django follows with ``post_migrate``:
    the vocabularies come back then, so whichever test runs next in this process finds them (the
    test processes of ``pytest -n`` each run whole files, in any order)."""
    uid = "tests:vocabularies-after-flush"
    post_migrate.connect(
        lambda **kwargs: _create_vocabularies(), sender=apps.get_app_config("projects"), weak=False, dispatch_uid=uid
    )
    yield
    post_migrate.disconnect(sender=apps.get_app_config("projects"), dispatch_uid=uid)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request to a /zh-hans/ page leaves Chinese active; the next test starts in English again."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters and cached pages live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def release_storage(settings, tmp_path_factory):
    """Releases a test publishes go to a directory of its own, never to the checkout's ``var/releases``."""
    location = tmp_path_factory.mktemp("releases")
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    return location


@pytest.fixture
def reference_vocabularies(transactional_db):
    """The four focus areas and four schemes of the data migration, for tests that commit.

    A committing test (browser, live server, subprocess) ends with a flush of every table, and
    serialized rollback did not bring the migrated rows back: after the first live-server test
    the connection carried no serialized contents (0 bytes instead of ~21 kB). So these tests
    put the vocabularies back themselves.
    """
    _create_vocabularies()


@pytest.fixture
def viewer():
    return staff_in_role(VIEWER)


@pytest.fixture
def editor():
    return staff_in_role(EDITOR)


@pytest.fixture
def publisher():
    return staff_in_role(PUBLISHER)


def _partner_bank():
    """The registry organization that holds the partners' keys of the tests."""
    return Organization.objects.get_or_create(
        slug="partner-bank", defaults={"name_en": "Partner Bank", "country": "SG", "kind": "financial"}
    )[0]


@pytest.fixture
def api_key():
    """A partner's valid key, as the raw string sent in the header."""
    return api_key_issue(
        name="Nightly mirror", organization=_partner_bank(), contact_email="data@partner.example", created_by=None
    ).raw_key


@pytest.fixture
def revoked_api_key():
    issued = api_key_issue(
        name="Old mirror", organization=_partner_bank(), contact_email="data@partner.example", created_by=None
    )
    api_key_revoke(api_key=issued.api_key)
    return issued.raw_key
