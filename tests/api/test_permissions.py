"""Who may do what: every role against every method, API keys (issue, use, revoke), and the request rates."""

import base64
import hashlib
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from cci_portal.models import ApiKey
from cci_portal.services import api_key_issue, api_key_revoke
from projects.models import Project
from tests.api.client import key_header
from tests.factories import make_project, make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-only"
NEW_PROJECT = {"slug": "new-project", "title_en": "New project", "focus_area": "ict", "status": "preparation"}


def basic(user: User) -> dict:
    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


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
    "editor": (200, 201, 200, 403),
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
        assert remaining.title_en == ("After" if expected_patch == 200 else "Before")


def test_refusals_explain_themselves(client, api_key, revoked_api_key, viewer):
    revoked = ApiKey.objects.get(revoked_at__isnull=False)
    revoked_on = timezone.localtime(revoked.revoked_at).date().isoformat()

    anonymous = client.post("/api/v1/projects/", NEW_PROJECT, format="json")
    with_key = client.post("/api/v1/projects/", NEW_PROJECT, format="json", **key_header(api_key))
    with_revoked = client.get("/api/v1/projects/", **key_header(revoked_api_key))
    unknown = client.get("/api/v1/projects/", **key_header("deadbeef.not-a-key"))
    empty = client.get("/api/v1/projects/", HTTP_AUTHORIZATION="Api-Key")
    as_viewer = client.post("/api/v1/projects/", NEW_PROJECT, format="json", **basic(viewer))

    assert anonymous.json() == {"detail": "Authentication credentials were not provided.", "errors": {}}
    assert anonymous["WWW-Authenticate"] == 'Api-Key realm="api"'
    assert with_key.json()["detail"] == "API keys give read access only; staff write with their account."
    assert with_revoked.json()["detail"] == (
        f"This API key was revoked on {revoked_on}; ask the CCI bureau for a new one."
    )
    assert unknown.status_code == 401
    assert unknown.json()["detail"] == "Unknown API key."
    assert empty.status_code == 401
    assert empty.json()["detail"] == "Send the key as: Authorization: Api-Key <key>."
    assert as_viewer.json()["detail"] == "You do not have permission to add projects."


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


def test_editors_replace_the_participants_as_a_whole(client, editor):
    from tests.factories import make_organization

    first = make_organization(slug="first", country="SG")
    second = make_organization(slug="second", country="CN")
    project = make_project(participants=[(first, "funding")])

    response = client.patch(
        f"/api/v1/projects/{project.public_id}/",
        {
            "participants": [
                {"organization": "second", "role": "operator"},
                {"organization": "first", "role": "investor"},
            ]
        },
        format="json",
        **basic(editor),
    )

    assert response.status_code == 200
    assert [(p["organization"], p["role"], p["country"]) for p in response.json()["participants"]] == [
        ("second", "operator", "CN"),
        ("first", "investor", "SG"),
    ]
    assert list(project.participations.values_list("organization__slug", "role", "position")) == [
        ("second", "operator", 0),
        ("first", "investor", 1),
    ]
    assert second.participations.count() == 1


def test_session_writes_need_the_csrf_token(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post("/api/v1/projects/", NEW_PROJECT, format="json")

    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed")


def test_an_issued_key_is_stored_hashed_and_works_until_revoked(client):
    issued = api_key_issue(
        name="Mirror", organization="Partner", contact_email="data@partner.example", created_by=None
    )
    prefix, secret = issued.raw_key.split(".")

    assert len(prefix) == 8
    assert len(secret) == 40
    assert issued.api_key.prefix == prefix
    assert issued.api_key.hashed_key == hashlib.sha256(issued.raw_key.encode()).hexdigest()
    assert issued.raw_key not in {issued.api_key.hashed_key, issued.api_key.prefix}
    assert client.get("/api/v1/", **key_header(issued.raw_key)).status_code == 200
    issued.api_key.refresh_from_db()
    assert issued.api_key.last_used_at is not None

    api_key_revoke(api_key=issued.api_key)
    first_revocation = issued.api_key.revoked_at
    api_key_revoke(api_key=issued.api_key)

    assert issued.api_key.revoked_at == first_revocation
    assert client.get("/api/v1/", **key_header(issued.raw_key)).status_code == 401


def test_staff_issue_a_key_in_the_admin_and_see_it_once(db):
    admin = User.objects.create_superuser(username="admin", password=PASSWORD)
    browser = Client()
    browser.force_login(admin)

    response = browser.post(
        "/admin/cci_portal/apikey/add/",
        {"name": "Nightly mirror", "organization": "Partner Bank", "contact_email": "it@bank.example"},
    )

    assert response.status_code == 302
    key = ApiKey.objects.get()
    first_view = browser.get(f"/admin/cci_portal/apikey/{key.pk}/change/").content.decode()
    raw_key = re.search(r"The new API key is (\S+)\. Copy it now", first_view).group(1)
    assert (key.name, key.organization, key.created_by) == ("Nightly mirror", "Partner Bank", admin)
    assert key.hashed_key == hashlib.sha256(raw_key.encode()).hexdigest()
    assert raw_key not in browser.get(f"/admin/cci_portal/apikey/{key.pk}/change/").content.decode()

    revoke = browser.post(
        "/admin/cci_portal/apikey/", {"action": "revoke_keys", "_selected_action": [key.pk]}, follow=True
    )

    key.refresh_from_db()
    assert key.revoked_at is not None
    assert "Revoked 1 API key." in revoke.content.decode()
    assert APIClient().get("/api/v1/", **key_header(raw_key)).status_code == 401


def test_the_61st_anonymous_request_in_a_minute_is_throttled(client):
    statuses = [client.get("/api/v1/").status_code for _ in range(60)]
    throttled = client.get("/api/v1/")

    assert statuses == [200] * 60
    assert throttled.status_code == 429
    assert throttled.json()["detail"].startswith("Request was throttled. Expected available in ")
    assert throttled.json()["errors"] == {}
    assert 0 < int(throttled["Retry-After"]) <= 60


def test_a_client_cannot_dodge_the_rate_by_claiming_another_address(client):
    statuses = [client.get("/api/v1/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(61)]

    assert statuses == [200] * 60 + [429]


def test_partners_with_a_key_and_staff_get_a_higher_rate(client, api_key, viewer):
    with_key = [client.get("/api/v1/", **key_header(api_key)).status_code for _ in range(61)]
    cache.clear()
    staff = APIClient()
    staff.force_authenticate(viewer)
    as_staff = [staff.get("/api/v1/").status_code for _ in range(61)]

    assert with_key == [200] * 61
    assert as_staff == [200] * 61


def test_a_publisher_issues_an_api_key_in_the_admin_and_an_editor_cannot(db):
    browser = Client()
    form = {"name": "Data team", "organization": "Port of Singapore", "contact_email": "data@example.org"}
    browser.force_login(make_staff("editor", username="an-editor"))
    assert browser.post("/admin/cci_portal/apikey/add/", form).status_code == 403

    browser.force_login(make_staff("publisher"))
    response = browser.post("/admin/cci_portal/apikey/add/", form, follow=True)

    assert response.status_code == 200
    assert "Copy it now: it is shown only once" in response.content.decode()
    assert list(ApiKey.objects.values_list("organization", flat=True)) == ["Port of Singapore"]
