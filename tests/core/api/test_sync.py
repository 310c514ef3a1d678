"""Mirroring the registry (core/api/sync.py): synced_at on a sync's first page, and updated_since with
tombstones for what was deleted, unpublished, renamed or stopped matching."""

import pytest
from django.utils import timezone

from tests.factories import make_figure, make_organization, make_project

pytestmark = pytest.mark.django_db


def test_cursor_pages_carry_synced_at_on_the_first_page_only(client):
    make_project()
    make_project()
    before = timezone.now()

    first = client.get("/api/v1/projects/?cursor=&page_size=1").json()
    second = client.get(first["next"]).json()

    assert before <= timezone.datetime.fromisoformat(first["synced_at"]) <= timezone.now()
    assert "synced_at" not in second
    assert second["next"] is None
    assert second["previous"] is not None


def tombstones(body) -> list[tuple]:
    return [(tombstone["id"], tombstone["removed_at"]) for tombstone in body["tombstones"]]


def removal_time(record) -> str:
    return timezone.localtime(record.history.latest().history_date).isoformat()


def since_query(moment) -> str:
    return moment.isoformat().replace("+", "%2B")


def test_updated_since_reports_an_unpublished_record_as_a_tombstone(client):
    withdrawn = make_project(title_en="Withdrawn")
    edited = make_project(title_en="Edited")
    make_project(title_en="Untouched")
    since = timezone.now()
    withdrawn.is_published = False
    withdrawn.save()
    edited.title_en = "Edited again"
    edited.save()

    body = client.get(f"/api/v1/projects/?updated_since={since_query(since)}").json()

    assert [project["title_en"] for project in body["results"]] == ["Edited again"]
    assert body["count"] == 1
    assert tombstones(body) == [(withdrawn.public_id, removal_time(withdrawn))]


def test_a_deleted_record_is_a_tombstone_and_a_republished_one_is_not(client):
    deleted = make_project(title_en="Deleted")
    republished = make_project(title_en="Republished")
    since = timezone.now()
    deleted_id = deleted.public_id
    deleted.delete()
    republished.is_published = False
    republished.save()
    republished.is_published = True
    republished.save()

    body = client.get(f"/api/v1/projects/?updated_since={since_query(since)}").json()

    assert [project["title_en"] for project in body["results"]] == ["Republished"]
    assert [tombstone["id"] for tombstone in body["tombstones"]] == [deleted_id]


def test_a_renamed_slug_leaves_a_tombstone_for_the_old_one(client):
    organization = make_organization(slug="old-name")
    since = timezone.now()
    organization.slug = "new-name"
    organization.save()

    body = client.get(f"/api/v1/organizations/?updated_since={since_query(since)}").json()

    assert [record["slug"] for record in body["results"]] == ["new-name"]
    assert tombstones(body) == [("old-name", removal_time(organization))]


def test_with_filters_a_record_that_stopped_matching_is_a_tombstone(client):
    finished = make_project(status="implementation")
    ongoing = make_project(status="implementation")
    since = timezone.now()
    finished.status = "completion"
    finished.save()
    ongoing.summary = "Still going."
    ongoing.save()

    filtered = client.get(f"/api/v1/projects/?status=implementation&updated_since={since_query(since)}").json()
    unfiltered = client.get(f"/api/v1/projects/?updated_since={since_query(since)}").json()

    assert [project["id"] for project in filtered["results"]] == [ongoing.public_id]
    assert [tombstone["id"] for tombstone in filtered["tombstones"]] == [finished.public_id]
    assert unfiltered["tombstones"] == []


def test_staff_who_see_drafts_get_no_tombstone_for_an_unpublished_record(client, viewer):
    project = make_project()
    since = timezone.now()
    project.is_published = False
    project.save()
    client.force_authenticate(viewer)

    body = client.get(f"/api/v1/projects/?updated_since={since_query(since)}").json()

    assert [(record["id"], record["is_published"]) for record in body["results"]] == [(project.public_id, False)]
    assert body["tombstones"] == []


def test_tombstones_come_on_the_first_page_only_and_for_every_record_kind(client):
    figure = make_figure()
    make_figure()
    make_figure()
    since = timezone.now()
    figure_id = figure.pk
    figure.delete()

    first = client.get(f"/api/v1/reported-figures/?updated_since={since_query(since)}&page_size=1").json()
    everything = client.get("/api/v1/reported-figures/?updated_since=2000-01-01T00:00:00Z&page=1").json()
    cursor = client.get(f"/api/v1/reported-figures/?updated_since={since_query(since)}&cursor=").json()
    second_page = client.get("/api/v1/reported-figures/?updated_since=2000-01-01T00:00:00Z&page=2&page_size=1")

    assert first["count"] == 0
    assert [tombstone["id"] for tombstone in first["tombstones"]] == [figure_id]
    assert [tombstone["id"] for tombstone in cursor["tombstones"]] == [figure_id]
    assert everything["count"] == 2
    assert "tombstones" not in second_page.json()
    assert "synced_at" not in second_page.json()


def test_a_draft_that_was_never_published_leaves_no_tombstone(client):
    since = timezone.now()
    secret = make_organization(slug="secret-partner", is_published=False)
    make_project(title_en="Unannounced", is_published=False).delete()
    secret.name_en = "Still secret"
    secret.save()
    was_public = make_organization(slug="was-public")
    was_public.is_published = False
    was_public.save()

    organizations = client.get(f"/api/v1/organizations/?updated_since={since_query(since)}").json()
    projects = client.get(f"/api/v1/projects/?updated_since={since_query(since)}").json()

    assert [tombstone["id"] for tombstone in organizations["tombstones"]] == ["was-public"]
    assert projects["tombstones"] == []
