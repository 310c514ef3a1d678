"""Partners' API keys (cci_portal/api/authentication.py): issued hashed, used until revoked, and refusals
that explain themselves."""

import hashlib

import pytest
from django.utils import timezone

from cci_portal.models import ApiKey
from cci_portal.services import api_key_issue, api_key_revoke
from tests.api_client import NEW_PROJECT, basic, key_header

pytestmark = pytest.mark.django_db


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
