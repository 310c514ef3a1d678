"""Pages of API results kept for anonymous readers under their ETag."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from tests.factories import make_project, make_staff

pytestmark = pytest.mark.django_db


def test_a_repeated_page_costs_one_query_until_a_record_changes(client, django_assert_num_queries):
    project = make_project(title_en="Multimodal hub")
    first = client.get("/api/v1/projects/?status=implementation").json()

    with django_assert_num_queries(1):  # the validators; the page is kept under them
        again = client.get("/api/v1/projects/?status=implementation").json()
    Project.objects.filter(pk=project.pk).update(title_en="Renamed hub")
    changed = client.get("/api/v1/projects/?status=implementation").json()

    assert again == first
    assert [row["title_en"] for row in changed["results"]] == ["Renamed hub"]


def test_each_host_and_query_has_its_own_page(client):
    make_project()
    local = client.get("/api/v1/projects/", HTTP_HOST="127.0.0.1").json()
    named = client.get("/api/v1/projects/", HTTP_HOST="localhost").json()
    empty = client.get("/api/v1/projects/?status=cancelled").json()

    assert local["results"][0]["url"].startswith("http://127.0.0.1/")
    assert named["results"][0]["url"].startswith("http://localhost/")
    assert empty["count"] == 0


def test_staff_and_cursor_walks_are_never_served_from_the_cache(client):
    make_project()
    client.get("/api/v1/projects/?cursor=")
    with CaptureQueriesContext(connection) as cursor_walk:
        client.get("/api/v1/projects/?cursor=")
    client.force_login(make_staff("viewer"))
    client.get("/api/v1/projects/")
    with CaptureQueriesContext(connection) as staff_page:
        client.get("/api/v1/projects/")

    assert len(cursor_walk) == 5  # validators, the page of rows and its partners, milestones, sources
    assert len(staff_page) > 1


def test_with_the_page_cache_off_every_page_is_made_anew(client, settings):
    settings.PAGE_CACHE = False
    make_project()
    client.get("/api/v1/projects/")
    client.get("/")
    with CaptureQueriesContext(connection) as api_page:
        client.get("/api/v1/projects/")
    with CaptureQueriesContext(connection) as home:
        client.get("/")

    assert len(api_page) == 7  # validators, count, the page's ids, rows, partners, milestones, sources
    # The registry's version (its figures and map are kept under it), the reported figures, the
    # featured projects, their areas, the news.
    assert len(home) == 5
