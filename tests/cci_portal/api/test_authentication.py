"""Who calls the API (cci_portal/api/authentication.py): partners' keys issued hashed and used until
revoked, refusals that explain themselves, headers in no accepted scheme refused, and an address
that fails too often made to wait."""

import base64
import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from cci_portal.models import ApiKey
from cci_portal.services import api_key_issue, api_key_revoke
from tests.api_client import NEW_PROJECT, basic, error, key_header
from tests.factories import make_organization
from tests.limits import frozen_clock, with_password_authentication

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
        name="Mirror",
        organization=make_organization(name_en="Partner"),
        contact_email="data@partner.example",
        created_by=None,
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


def test_a_key_works_through_its_last_day_and_then_says_it_expired(client):
    today = timezone.localdate()  # in Chongqing, as the bureau dates keys
    partner = make_organization(name_en="Partner")
    lasting = api_key_issue(
        name="Mirror",
        organization=partner,
        contact_email="data@partner.example",
        expires_on=today,
        created_by=None,
    )
    expired = api_key_issue(
        name="Old mirror",
        organization=partner,
        contact_email="data@partner.example",
        expires_on=today - timedelta(days=1),
        created_by=None,
    )

    answer = client.get("/api/v1/projects/", **key_header(expired.raw_key))

    assert client.get("/api/v1/projects/", **key_header(lasting.raw_key)).status_code == 200
    assert answer.status_code == 401
    assert answer.json()["detail"] == (
        f"This API key expired: its last day was {today - timedelta(days=1)}; ask the CCI bureau for a new one."
    )
    expired.api_key.refresh_from_db()
    assert expired.api_key.last_used_at is None  # a refused key is not "used"


UNSUPPORTED = (
    "Unsupported Authorization header: send Api-Key <key> (partners) or Basic <user:password in base64> (staff)."
)
TOO_MANY_FAILURES = "Too many failed login attempts from your address: try again in 60 seconds."


@pytest.fixture(autouse=True)
def _password_authentication(monkeypatch):
    with_password_authentication(monkeypatch)


def password_header(username: str, password: str) -> dict:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.mark.parametrize("header", ["Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "Token x", "garbage", "Bearer", "", "  "])
def test_a_header_in_no_accepted_scheme_is_refused_and_names_the_accepted_ones(client, header):
    response = client.get("/api/v1/projects/", HTTP_AUTHORIZATION=header)

    assert error(response, 401) == {"detail": UNSUPPORTED, "errors": {}}
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_ten_failed_logins_from_an_address_make_it_wait_whatever_the_usernames(client, monkeypatch, viewer):
    clock = frozen_clock(monkeypatch)
    guesses = [client.get("/api/v1/", **password_header(f"user-{n}", "guess")) for n in range(10)]
    clock[0] += 30
    refused = client.get("/api/v1/", **basic(viewer))
    elsewhere = client.get("/api/v1/", REMOTE_ADDR="192.0.2.99", **basic(viewer))
    anonymous = client.get("/api/v1/")
    clock[0] += 30
    next_minute = client.get("/api/v1/", **basic(viewer))

    assert [(r.status_code, r.json()["detail"]) for r in guesses] == [(401, "Invalid username/password.")] * 10
    assert error(refused, 429) == {"detail": TOO_MANY_FAILURES.replace("60", "30"), "errors": {}}
    assert refused["Retry-After"] == "30"
    assert elsewhere.status_code == 200
    assert anonymous.status_code == 200
    assert next_minute.status_code == 200


def test_unknown_keys_and_malformed_headers_count_as_failures_too(client, api_key, monkeypatch):
    frozen_clock(monkeypatch)
    unknown = [client.get("/api/v1/", **key_header(f"deadbeef.guess-{n}")).status_code for n in range(5)]
    malformed = [client.get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {n}").status_code for n in range(5)]
    with_valid_key = client.get("/api/v1/", **key_header(api_key))
    bearer = client.get("/api/v1/", HTTP_AUTHORIZATION="Bearer 10")

    assert unknown + malformed == [401] * 10
    assert error(with_valid_key, 429)["detail"] == TOO_MANY_FAILURES
    assert error(bearer, 429)["detail"] == TOO_MANY_FAILURES


def test_the_failed_login_rate_is_a_setting(client, settings, monkeypatch):
    frozen_clock(monkeypatch)
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "failed_login": "3/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

    statuses = [client.get("/api/v1/", **password_header("nobody", "guess")).status_code for _ in range(4)]
    last = client.get("/api/v1/", **password_header("nobody", "guess"))

    assert statuses == [401, 401, 401, 429]
    assert last.json()["detail"] == "Too many failed login attempts from your address: try again in 3600 seconds."
    assert last["Retry-After"] == "3600"
