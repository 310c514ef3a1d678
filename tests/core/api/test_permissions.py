"""Who may write what (core/api/permissions.py, serializers.py): every role against every method, the
publish permission, the author in the history, and CSRF for session writes."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.test import APIClient

from projects.models import Project
from tests.api_client import NEW_PROJECT, PASSWORD, basic, key_header
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def credentials(request, api_key, revoked_api_key):
    """Headers for each kind of caller."""
    callers = {
        "anonymous": lambda: {},
        "valid key": lambda: key_header(api_key),
        "revoked key": lambda: key_header(revoked_api_key),
        "viewer": lambda: basic(request.getfixturevalue("viewer")),
        "editor": lambda: basic(request.getfixturevalue("editor")),
        "publisher": lambda: basic(request.getfixturevalue("publisher")),
    }
    return lambda caller: callers[caller]()


MATRIX = {
    # caller: (GET, POST, PATCH, DELETE)
    "anonymous": (200, 401, 401, 401),
    "valid key": (200, 403, 403, 403),
    "revoked key": (401, 401, 401, 401),
    "viewer": (200, 403, 403, 403),
    # An editor's change to a published project waits for a publisher's review (tests/projects/api/test_review.py).
    "editor": (200, 201, 202, 403),
    "publisher": (200, 201, 200, 204),
}


@pytest.mark.parametrize("caller", list(MATRIX))
def test_roles_and_methods(client, credentials, caller):
    project = make_project(title_en="Before", signed_date=date(2019, 1, 1))
    headers = credentials(caller)
    _get, expected_post, expected_patch, expected_delete = MATRIX[caller]

    get = client.get("/api/v1/projects/", **headers)
    post = client.post("/api/v1/projects/", NEW_PROJECT, format="json", **headers)
    patch = client.patch(f"/api/v1/projects/{project.public_id}/", {"title_en": "After"}, format="json", **headers)
    delete = client.delete(f"/api/v1/projects/{project.public_id}/", **headers)

    assert (get.status_code, post.status_code, patch.status_code, delete.status_code) == MATRIX[caller]
    created = Project.objects.filter(slug="new-project").first()
    assert (created is not None) == (expected_post == 201)
    if created is not None:
        assert created.is_published is False
        assert created.public_id == f"CCI-{timezone.localdate().year}-0001"
    remaining = Project.objects.filter(pk=project.pk).first()
    assert (remaining is None) == (expected_delete == 204)
    if remaining is not None:
        assert remaining.title_en == ("After" if expected_patch == 200 else "Before")  # 202: still as published


def test_staff_without_a_role_and_users_who_are_not_staff_cannot_write(client):
    User.objects.create_user(username="visitor", password=PASSWORD)
    User.objects.create_user(username="bare-staff", password=PASSWORD, is_staff=True)

    visitor = client.post("/api/v1/projects/", NEW_PROJECT, format="json", **basic(User(username="visitor")))
    bare = client.post("/api/v1/projects/", NEW_PROJECT, format="json", **basic(User(username="bare-staff")))

    assert (visitor.status_code, visitor.json()["detail"]) == (403, "Only staff may change the registry.")
    assert (bare.status_code, bare.json()["detail"]) == (403, "You do not have permission to add projects.")
    assert Project.objects.count() == 0


def test_publishing_needs_the_publish_permission(client, editor, publisher):
    draft = make_project(is_published=False, signed_date=date(2019, 1, 1))
    live = make_project(signed_date=date(2020, 1, 1))

    publish_new = client.post(
        "/api/v1/projects/", {**NEW_PROJECT, "is_published": True}, format="json", **basic(editor)
    )
    publish_draft = client.patch(f"/api/v1/projects/{draft.public_id}/", {"is_published": True}, **basic(editor))
    unpublish = client.patch(f"/api/v1/projects/{live.public_id}/", {"is_published": False}, **basic(editor))
    keep = client.patch(f"/api/v1/projects/{live.public_id}/", {"is_published": True}, **basic(editor))
    by_publisher = client.patch(f"/api/v1/projects/{draft.public_id}/", {"is_published": True}, **basic(publisher))

    assert (publish_new.status_code, publish_new.json()["detail"]) == (403, "You do not have permission to publish.")
    assert (publish_draft.status_code, unpublish.status_code, keep.status_code) == (403, 403, 200)
    assert unpublish.json()["detail"] == "You do not have permission to unpublish."
    assert by_publisher.status_code == 200
    assert by_publisher.json()["is_published"] is True
    assert not Project.objects.filter(slug="new-project").exists()
    live.refresh_from_db()
    assert live.is_published is True


def test_a_write_is_recorded_with_its_author(client, editor):
    response = client.post(
        "/api/v1/projects/",
        {**NEW_PROJECT, "participants": [], "other_focus_areas": ["aviation"]},
        format="json",
        **basic(editor),
    )

    project = Project.objects.get(slug="new-project")
    assert response.status_code == 201
    assert response["Location"] == f"http://testserver/api/v1/projects/{project.public_id}/"
    assert response.json()["other_focus_areas"] == ["aviation"]
    assert project.history.get().history_user == editor


def test_session_writes_need_the_csrf_token(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post("/api/v1/projects/", NEW_PROJECT, format="json")

    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed")
