"""A read whose database connection really drops (``pg_terminate_backend`` of the request's own
backend, from a second connection) runs once more; a second drop, or a write's drop, is a 503."""

import json

import pytest
from django.db import OperationalError, ProgrammingError, connection
from django.test import Client

from cci_portal.resilience import RETRY_AFTER_S, is_lost_connection
from tests.factories import make_project, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_pause(settings):
    settings.RETRY_READS_PAUSE_S = 0


def terminate(pid: int) -> None:
    """End backend ``pid`` from a connection of its own, waiting until it has gone."""
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


class DropConnection:
    """An execute wrapper: the backend is terminated before each of ``times`` queries after the first ``after``."""

    def __init__(self, times: int, after: int = 0):
        self.times, self.after = times, after
        self.queries = 0
        self.dropped: list[int] = []

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        if self.queries > self.after and len(self.dropped) < self.times:
            pid = context["connection"].connection.info.backend_pid
            self.dropped.append(pid)
            terminate(pid)
        return execute(sql, params, many, context)


def get_with_drops(path: str, times: int, client: Client | None = None, **extra):
    client = client or Client(raise_request_exception=False)
    connection.ensure_connection()
    drops = DropConnection(times)
    with connection.execute_wrapper(drops):
        response = client.get(path, **extra)
    return response, drops


@pytest.fixture
def project(reference_vocabularies):
    return make_project(is_published=True)


@pytest.mark.parametrize("path", ["/api/v1/projects/", "/projects/"])
def test_a_read_whose_connection_drops_runs_again_on_a_new_connection(project, path):
    response, drops = get_with_drops(path, times=1)

    assert response.status_code == 200
    assert len(drops.dropped) == 1
    assert project.public_id in response.content.decode()
    # The site carries on, on another backend than the one that was terminated.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != drops.dropped[0]


def test_a_read_that_drops_twice_is_a_503_with_retry_after_in_the_apis_shape(project):
    response, drops = get_with_drops("/api/v1/projects/", times=3)

    assert response.status_code == 503
    assert len(drops.dropped) == 2  # tried twice, not three times
    assert response["Retry-After"] == str(RETRY_AFTER_S)
    assert response["Content-Type"] == "application/json"
    assert "database" in json.loads(response.content)["detail"]


def test_a_page_that_drops_twice_is_a_503_page_not_the_500_one(project):
    response, drops = get_with_drops("/projects/", times=3)

    assert response.status_code == 503
    assert len(drops.dropped) == 2
    assert response["Retry-After"] == str(RETRY_AFTER_S)
    assert response["Content-Type"].startswith("text/html")
    assert b"Back in a moment" in response.content
    assert b"Something went wrong" not in response.content


def test_a_write_whose_connection_drops_is_never_run_again(project):
    client = Client(raise_request_exception=False)
    client.force_login(make_staff("editor"))
    connection.ensure_connection()
    drops = DropConnection(times=1)
    with connection.execute_wrapper(drops):
        response = client.patch(
            f"/api/v1/projects/{project.public_id}/",
            data=json.dumps({"summary": "Written once at most"}),
            content_type="application/json",
        )
        assert response.status_code == 503
        assert response["Retry-After"] == str(RETRY_AFTER_S)
        # A second run would have queried again on the new connection: there was no query since.
        assert connection.connection is None
    assert len(drops.dropped) == 1
    project.refresh_from_db()
    assert project.summary != "Written once at most"


def test_a_read_whose_connection_drops_part_way_through_runs_again(project):
    client = Client(raise_request_exception=False)
    connection.ensure_connection()
    drops = DropConnection(times=1, after=2)  # the first queries answered, then the connection goes
    with connection.execute_wrapper(drops):
        response = client.get(f"/api/v1/projects/{project.public_id}/")
    assert response.status_code == 200
    assert len(drops.dropped) == 1
    assert project.public_id in response.content.decode()


def test_a_lost_connection_is_told_from_other_database_errors():
    connection.ensure_connection()
    terminate(connection.connection.info.backend_pid)
    with pytest.raises(OperationalError) as dropped, connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert is_lost_connection(dropped.value)
    connection.close()

    with pytest.raises(ProgrammingError) as bad_query, connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    assert not is_lost_connection(bad_query.value)

    with pytest.raises(OperationalError) as cancelled, connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 10")
        try:
            cursor.execute("SELECT pg_sleep(1)")
        finally:
            cursor.execute("RESET statement_timeout")
    assert not is_lost_connection(cancelled.value)
    assert not is_lost_connection(ValueError("connection refused"))
