"""Writes through the API follow the admin's review: staff without the publish permission who change a
published record get 202 and a pending revision; the public API keeps the published version."""

import pytest
from rest_framework.test import APIClient

from core.models import Revision
from core.review import approve
from projects.models import Project
from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db


def test_an_editors_patch_to_a_published_project_answers_202_and_changes_nothing_public(client, editor, publisher):
    bank = make_organization(slug="dbs", name_en="DBS Bank")
    port = make_organization(slug="port", name_en="Chongqing Port Group")
    project = make_project(title_en="Rail link", participants=[(bank, "funding")])
    client.force_authenticate(editor)

    response = client.patch(
        f"/api/v1/projects/{project.public_id}/",
        {"title_en": "Rail and road link", "participants": [{"organization": "port", "role": "operator"}]},
        format="json",
    )

    assert response.status_code == 202
    body = response.json()
    revision = Revision.objects.get()
    assert body == {
        "detail": (
            "The change waits for a publisher's review; until it is approved the published version stays public."
        ),
        "revision": revision.pk,
        "status": "pending",
        "proposed_at": body["proposed_at"],
        "changes": [
            {"field": "Title (English)", "published": "Rail link", "proposed": "Rail and road link"},
            {
                "field": "Participants",
                "published": "DBS Bank · Funder · 0",
                "proposed": "Chongqing Port Group · Operator · 0",
            },
        ],
    }
    public = APIClient().get(f"/api/v1/projects/{project.public_id}/").json()
    assert public["title_en"] == "Rail link"
    assert [(p["organization"], p["role"]) for p in public["participants"]] == [("dbs", "funding")]

    approve(revision=revision, user=publisher)

    public = APIClient().get(f"/api/v1/projects/{project.public_id}/").json()
    assert public["title_en"] == "Rail and road link"
    assert [(p["organization"], p["role"]) for p in public["participants"]] == [("port", "operator")]
    assert port.participations.get().project_id == project.pk


def test_an_unchanged_patch_answers_200_and_a_publisher_or_a_draft_saves_at_once(client, editor, publisher):
    published = make_project(title_en="Rail link")
    draft = make_project(title_en="Draft", is_published=False)
    client.force_authenticate(editor)

    same = client.patch(f"/api/v1/projects/{published.public_id}/", {"title_en": "Rail link"}, format="json")
    to_draft = client.patch(f"/api/v1/projects/{draft.public_id}/", {"title_en": "Draft, edited"}, format="json")
    client.force_authenticate(publisher)
    by_publisher = client.patch(
        f"/api/v1/projects/{published.public_id}/", {"title_en": "By a publisher"}, format="json"
    )

    assert (same.status_code, same.json()["title_en"]) == (200, "Rail link")
    assert (to_draft.status_code, to_draft.json()["title_en"]) == (200, "Draft, edited")
    assert (by_publisher.status_code, by_publisher.json()["title_en"]) == (200, "By a publisher")
    assert Revision.objects.count() == 0
    assert Project.objects.get(pk=published.pk).title_en == "By a publisher"


def test_an_invalid_patch_is_refused_before_any_revision(client, editor):
    project = make_project()
    client.force_authenticate(editor)

    response = client.patch(f"/api/v1/projects/{project.public_id}/", {"status": "bogus"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ['"bogus" is not a valid choice.']}
    assert Revision.objects.count() == 0
