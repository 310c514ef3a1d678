"""Conditional requests (core/api/conditional.py): ETag and Last-Modified on every read, 304 until
something changes, and HEAD."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from projects.models import FocusArea, Project
from tests.api_client import content, validators
from tests.factories import make_article, make_figure, make_project

pytestmark = pytest.mark.django_db


def test_reads_carry_etag_and_last_modified(client):
    project = make_project()

    response = client.get("/api/v1/projects/")

    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"] == http_date(project.updated_at.timestamp())
    assert response["Cache-Control"] == "no-cache"


def test_a_conditional_get_returns_304_until_something_changes(client, django_assert_num_queries):
    project = make_project()
    first = client.get("/api/v1/projects/")

    with django_assert_num_queries(1):
        unchanged = client.get("/api/v1/projects/", **validators(first))
    project.title_en = "Renamed"
    project.save()
    changed = client.get("/api/v1/projects/", **validators(first))

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["results"][0]["title_en"] == "Renamed"


def test_if_modified_since_gives_304_for_the_last_modified_time(client):
    make_project()
    first = client.get("/api/v1/projects/")

    same = client.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    earlier = client.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")

    assert same.status_code == 304
    assert earlier.status_code == 200


def test_a_validator_of_one_query_does_not_answer_another(client):
    make_project(status="implementation")
    unfiltered = client.get("/api/v1/projects/")

    # Same records, same times: only the query and the format differ.
    assert client.get("/api/v1/projects/?status=implementation", **validators(unfiltered)).status_code == 200
    assert client.get("/api/v1/projects/?format=csv", **validators(unfiltered)).status_code == 200
    assert client.get("/api/v1/projects/", **validators(unfiltered)).status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/projects/CCI-2020-0001/",
        "/api/v1/projects/?format=csv",
        "/api/v1/projects/oc4ids/",
        "/api/v1/stats/",
        "/api/v1/focus-areas/",
        "/api/v1/focus-areas/ict/",
        "/api/v1/organizations/",
        "/api/v1/articles/",
        "/api/v1/reported-figures/",
    ],
)
def test_every_read_answers_a_conditional_get(client, path):
    make_project()
    make_article()
    make_figure()
    first = client.get(path)
    content(first)

    again = client.get(path, **validators(first))

    assert first.status_code == 200
    assert again.status_code == 304


def test_a_changed_vocabulary_changes_its_etag(client):
    first = client.get("/api/v1/focus-areas/ict/")
    FocusArea.objects.filter(code="ict").update(name_en="ICT")

    again = client.get("/api/v1/focus-areas/ict/", **validators(first))

    assert again.status_code == 200
    assert again.json()["name_en"] == "ICT"


def test_head_answers_like_get_without_a_body(client):
    make_project()
    get = client.get("/api/v1/projects/")

    head = client.head("/api/v1/projects/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_a_deletion_moves_last_modified(client):
    kept = make_project()
    deleted = make_project()
    # Everything happened yesterday: HTTP dates count whole seconds.
    yesterday = timezone.now() - timedelta(days=1)
    Project.objects.filter(pk__in=[kept.pk, deleted.pk]).update(updated_at=yesterday)
    Project.history.update(history_date=yesterday)
    first = client.get("/api/v1/projects/")

    deleted.delete()
    response = client.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert response.status_code == 200
    assert [project["id"] for project in response.json()["results"]] == [kept.public_id]


def test_a_raw_update_moves_the_validators(client):
    project = make_project()
    first = client.get("/api/v1/projects/")

    Project.objects.filter(pk=project.pk).update(title_en="Renamed in SQL")
    again = client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=first["ETag"])

    project.refresh_from_db()
    assert again.status_code == 200
    assert again["Last-Modified"] == http_date(project.updated_at.timestamp())
    assert again.json()["results"][0]["title_en"] == "Renamed in SQL"
