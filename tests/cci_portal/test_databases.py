"""Read replicas: the connections ``REPLICA_DATABASE_URLS`` adds, and the routing between them,
proven on a second database standing in for the replica (a copy of the test database)."""

import copy
import time
from datetime import date
from pathlib import Path

import psycopg2
import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.http import HttpResponse
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from cci_portal import databases
from cci_portal.databases import PIN_COOKIE, ReadYourWritesMiddleware, database_settings, replica_aliases
from cci_portal.models import ApiKey
from cci_portal.services import api_key_issue
from projects.choices import ProjectStatus
from projects.models import Project
from tests.api_client import csv_rows, titles
from tests.factories import focus_area, make_organization, make_project

BASE_DIR = Path("/nowhere")  # never read: every case names DATABASE_URL
PRIMARY_URL = "postgres://cci:secret@db.example.org:5432/cci_portal"
PRIMARY = {
    "ENGINE": "django.db.backends.postgresql",
    "USER": "cci",
    "PASSWORD": "secret",
    "HOST": "db.example.org",
    "PORT": 5432,
    "NAME": "cci_portal",
    "CONN_MAX_AGE": 60,
    "CONN_HEALTH_CHECKS": True,
    "DISABLE_SERVER_SIDE_CURSORS": False,
    "OPTIONS": {"options": "-c random_page_cost=1.1"},
    "TEST": {},
}


def _replica(host: str, **fields) -> dict:
    return {**PRIMARY, "USER": "", "PASSWORD": "", "HOST": host, "PORT": "", **fields, "TEST": {"MIRROR": "default"}}


@pytest.mark.parametrize("urls", [None, "", " , "])
def test_without_replica_urls_the_primary_is_the_only_database(urls):
    environ = {"DATABASE_URL": PRIMARY_URL} | ({} if urls is None else {"REPLICA_DATABASE_URLS": urls})

    assert database_settings(BASE_DIR, environ) == {"default": PRIMARY}


def test_one_replica_url_adds_replica_1_with_the_primary_s_connection_options():
    environ = {"DATABASE_URL": PRIMARY_URL, "REPLICA_DATABASE_URLS": "postgres://ro@replica-a.example.org/cci_portal"}

    assert database_settings(BASE_DIR, environ) == {
        "default": PRIMARY,
        "replica_1": _replica("replica-a.example.org", USER="ro"),
    }


def test_two_replica_urls_add_replica_1_and_replica_2_which_mirror_the_test_database():
    environ = {
        "DATABASE_URL": PRIMARY_URL,
        "REPLICA_DATABASE_URLS": "postgres://replica-a.example.org/cci_portal, postgres://replica-b.example.org:6432/"
        "cci_portal?sslmode=require",
        "DJANGO_TEST_DATABASE_NAME": "t_mine",
        "DJANGO_CONN_MAX_AGE": "30",
    }

    assert database_settings(BASE_DIR, environ) == {
        "default": {**PRIMARY, "CONN_MAX_AGE": 30, "TEST": {"NAME": "t_mine"}},
        "replica_1": _replica("replica-a.example.org", CONN_MAX_AGE=30),
        "replica_2": _replica(
            "replica-b.example.org",
            PORT=6432,
            CONN_MAX_AGE=30,
            OPTIONS={"sslmode": "require", "options": "-c random_page_cost=1.1"},
        ),
    }


@pytest.mark.parametrize(
    ("urls", "message"),
    [
        (
            "replica-a.example.org:5432/cci_portal",
            "REPLICA_DATABASE_URLS (replica 1) is not a postgres://user@host:port/name URL: Scheme",
        ),
        (
            "postgres://replica-a.example.org/cci_portal,mysql://replica-b.example.org/cci_portal",
            "The CCI Portal runs on PostgreSQL only; REPLICA_DATABASE_URLS (replica 2) must be postgres://…",
        ),
        (
            "postgres://replica-a.example.org",
            "REPLICA_DATABASE_URLS (replica 1) names no database: 'postgres://replica-a.example.org'.",
        ),
    ],
    ids=["no-scheme", "not-postgres", "no-database"],
)
def test_a_malformed_replica_url_is_refused_by_name(urls, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        database_settings(BASE_DIR, {"DATABASE_URL": PRIMARY_URL, "REPLICA_DATABASE_URLS": urls})

    assert str(refused.value).startswith(message)


def test_behind_pgbouncer_no_server_side_cursor_no_startup_option_and_no_kept_connection():
    environ = {
        "DATABASE_URL": PRIMARY_URL,
        "REPLICA_DATABASE_URLS": "postgres://replica-a.example.org/cci_portal",
        "DJANGO_DB_POOLER": "pgbouncer",
    }
    pooled = {"CONN_MAX_AGE": 0, "DISABLE_SERVER_SIDE_CURSORS": True}

    assert database_settings(BASE_DIR, environ) == {
        "default": {key: value for key, value in PRIMARY.items() if key != "OPTIONS"} | pooled,
        "replica_1": {key: value for key, value in _replica("replica-a.example.org").items() if key != "OPTIONS"}
        | pooled,
    }


def test_server_side_cursors_can_be_disabled_alone():
    environ = {"DATABASE_URL": PRIMARY_URL, "DJANGO_DISABLE_SERVER_SIDE_CURSORS": "true"}

    assert database_settings(BASE_DIR, environ) == {"default": {**PRIMARY, "DISABLE_SERVER_SIDE_CURSORS": True}}


def test_an_unknown_pooler_is_refused():
    with pytest.raises(ImproperlyConfigured, match=r"DJANGO_DB_POOLER must be unset or pgbouncer, not 'pgpool'\."):
        database_settings(BASE_DIR, {"DATABASE_URL": PRIMARY_URL, "DJANGO_DB_POOLER": "pgpool"})


def test_a_replica_that_is_the_primary_itself_is_read_as_the_primary(monkeypatch):
    """As a test run's mirror is: its connection is set to the primary's (test) database."""
    primary = connections["default"].settings_dict
    try:
        monkeypatch.setitem(connections.settings, "replica_1", {**primary, "TEST": {"MIRROR": "default"}})
        assert replica_aliases() == []

        del connections["replica_1"]
        monkeypatch.setitem(connections.settings, "replica_1", {**primary, "NAME": "cci_portal_copy"})
        assert replica_aliases() == ["replica_1"]
    finally:
        del connections["replica_1"]


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "projects", model_name="project") is True
    assert router.allow_migrate("replica_1", "projects", model_name="project") is False
    assert router.allow_migrate("replica_1", "auth") is False


@pytest.mark.django_db
def test_without_replicas_a_write_sets_no_cookie_and_everything_reads_the_primary(publisher):
    project = make_project(title_en="Old title")
    client = APIClient()
    client.force_authenticate(publisher)  # a publisher's change is written at once (an editor's waits for review)

    response = client.patch(f"/api/v1/projects/{project.public_id}/", {"title_en": "New title"}, format="json")

    assert response.status_code == 200
    assert PIN_COOKIE not in response.cookies
    assert router.db_for_read(Project) == "default"


REPLICA = "replica_1"
LIST = "/api/v1/projects/"


def _admin_sql(*statements: str) -> None:
    """Run ``statements`` on the server's maintenance database (CREATE and DROP DATABASE cannot
    run in a database they concern, nor in a transaction)."""
    params = {**connections[DEFAULT_DB_ALIAS].get_connection_params(), "dbname": "postgres"}
    params.pop("options", None)
    admin = psycopg2.connect(**params)
    try:
        admin.autocommit = True
        with admin.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        admin.close()


def _update():
    Project.objects.filter(slug="on-the-primary").update(title_en="New")


def _save_naming_the_database():
    # save(using=...) skips the router: the post_save signal tells.
    Project.objects.using(DEFAULT_DB_ALIAS).get(slug="on-the-primary").save(using=DEFAULT_DB_ALIAS)


@pytest.fixture(scope="class")
def replica_database(django_db_setup, django_db_blocker):
    """A second database standing in for the replica: a copy of the test database, as ``replica_1``.

    Added to the connections the test run already has (settings cannot add one: the connection
    handler reads ``DATABASES`` once), for the tests of one class, and dropped after them.
    """
    with django_db_blocker.unblock():
        primary = connections[DEFAULT_DB_ALIAS]
        name = f"{primary.settings_dict['NAME']}_replica"
        # A copy needs its template to itself: this process's connection is the only one to it.
        primary.close()
        template = primary.settings_dict["NAME"]
        try:
            _admin_sql(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        except psycopg2.errors.ObjectInUse as in_use:
            pytest.fail(f"Another connection to {template} is open (did an earlier test leave one?): {in_use}")
        replica = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS])
        replica["NAME"] = name
        replica["TEST"] = {**replica["TEST"], "NAME": name, "MIRROR": None}
        connections.settings[REPLICA] = replica
    yield REPLICA
    with django_db_blocker.unblock():
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.usefixtures("replica_database")
@pytest.mark.django_db(databases=[DEFAULT_DB_ALIAS, REPLICA])
class TestRoutingToASecondDatabase:
    """The primary holds "Only on the primary", the replica "Only on the replica": what a page
    shows tells which database it read."""

    @pytest.fixture(autouse=True)
    def _projects(self, settings):
        settings.PAGE_CACHE = False  # a kept page would hide where the next read went
        self.primary_project = make_project(slug="on-the-primary", title_en="Only on the primary")
        Project.objects.using(REPLICA).create(
            public_id="CCI-2020-0901",
            slug="on-the-replica",
            title_en="Only on the replica",
            focus_area_id=focus_area().pk,
            status=ProjectStatus.IMPLEMENTATION,
            signed_date=date(2020, 1, 1),
            is_published=True,
        )

    @pytest.fixture
    def as_publisher(self, publisher):
        """Staff whose writes are saved at once (an editor's change to a published record waits for review)."""
        client = APIClient()
        client.force_authenticate(publisher)
        return client

    def test_an_anonymous_read_comes_from_the_replica_and_sets_no_cookie(self):
        client = Client()

        response = client.get(LIST)

        assert [record["title_en"] for record in response.json()["results"]] == ["Only on the replica"]
        assert PIN_COOKIE not in response.cookies
        # A streamed export is read after the view returns, still from the request's replica.
        assert [row["title_en"] for row in csv_rows(client.get(LIST, {"format": "csv"}))] == ["Only on the replica"]

    def test_a_write_goes_to_the_primary_and_its_client_reads_the_primary_until_the_pin_expires(
        self, as_publisher, monkeypatch
    ):
        response = as_publisher.patch(
            f"/api/v1/projects/{self.primary_project.public_id}/", {"title_en": "Renamed"}, format="json"
        )

        assert response.status_code == 200, response.content
        assert Project.objects.using(DEFAULT_DB_ALIAS).get(slug="on-the-primary").title_en == "Renamed"
        assert not Project.objects.using(REPLICA).filter(slug="on-the-primary").exists()
        pin = response.cookies[PIN_COOKIE]
        assert (pin["max-age"], pin["httponly"], pin["samesite"], pin["path"]) == (5, True, "Lax", "/")
        assert titles(as_publisher, LIST) == ["Renamed"]

        later = time.time() + 6
        monkeypatch.setattr(databases, "_now", lambda: later)
        assert titles(as_publisher, LIST) == ["Only on the replica"]

    def test_a_write_validates_against_the_primary(self, as_publisher):
        # The slug is taken on the replica only: a check read there would refuse it.
        new = {"slug": "on-the-replica", "title_en": "New", "focus_area": "ict", "status": "preparation"}

        response = as_publisher.post(LIST, new, format="json")

        assert response.status_code == 201, response.content
        assert PIN_COOKIE in response.cookies

    def test_a_pin_further_ahead_than_the_site_sets_is_ignored(self):
        client = Client()
        client.cookies[PIN_COOKIE] = f"{time.time() + 3600:.3f}"

        assert titles(client, LIST) == ["Only on the replica"]

    @pytest.mark.parametrize("prefix", ["", "/zh-hans"])
    def test_the_admin_reads_the_primary(self, editor, prefix):
        client = Client()
        client.force_login(editor)

        response = client.get(f"{prefix}/admin/projects/project/")

        assert response.status_code == 200
        assert "Only on the primary" in response.text
        assert "Only on the replica" not in response.text

    @pytest.mark.parametrize("write", [_update, _save_naming_the_database], ids=["update", "save-using"])
    def test_a_request_reads_the_primary_from_its_first_write_on(self, write):
        def view(request):
            before = router.db_for_read(Project)
            write()
            return HttpResponse(f"{before} {router.db_for_read(Project)}")

        response = ReadYourWritesMiddleware(view)(RequestFactory().get(LIST))

        assert response.content == b"replica_1 default"
        assert PIN_COOKIE in response.cookies

    def test_recording_a_key_s_use_pins_nothing(self):
        issued = api_key_issue(
            name="Mirror",
            organization=make_organization(name_en="Partner Bank"),
            contact_email="data@partner.example",
            created_by=None,
        )

        response = Client().get(LIST, headers={"Authorization": f"Api-Key {issued.raw_key}"})

        assert ApiKey.objects.get(pk=issued.api_key.pk).last_used_at is not None
        assert [record["title_en"] for record in response.json()["results"]] == ["Only on the replica"]
        assert PIN_COOKIE not in response.cookies

    def test_a_cache_in_the_database_is_read_from_the_primary_and_writing_it_pins_nothing(self):
        cache_entry = DatabaseCache("cci_cache", {}).cache_model_class

        def view(request):
            wrote_to = router.db_for_write(cache_entry)
            return HttpResponse(f"{router.db_for_read(cache_entry)} {wrote_to} {router.db_for_read(Project)}")

        response = ReadYourWritesMiddleware(view)(RequestFactory().get(LIST))

        assert response.content == b"default default replica_1"
        assert PIN_COOKIE not in response.cookies

    def test_outside_a_request_reads_go_to_the_primary(self):
        assert router.db_for_read(Project) == "default"
        assert list(Project.objects.values_list("title_en", flat=True)) == ["Only on the primary"]
