"""API keys in the admin: a publisher issues one and sees it once, revokes it; an editor cannot."""

import hashlib
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import formats, timezone
from rest_framework.test import APIClient

from cci_portal.models import ApiKey
from tests.api_client import PASSWORD, key_header
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


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


def test_staff_set_a_keys_last_day_and_see_it_and_its_last_use_in_the_list(db):
    browser = Client()
    browser.force_login(make_staff("publisher"))
    form = {"name": "Quarterly pull", "organization": "Partner Bank", "expires_on": "2027-03-31"}

    issued = browser.post("/admin/cci_portal/apikey/add/", form, follow=True).content.decode()
    key = ApiKey.objects.get()
    raw_key = re.search(r"The new API key is (\S+)\. Copy it now", issued).group(1)
    listed_before = browser.get("/admin/cci_portal/apikey/").content.decode()
    APIClient().get("/api/v1/", **key_header(raw_key))
    key.refresh_from_db()
    listed = browser.get("/admin/cci_portal/apikey/").content.decode()

    assert key.expires_on.isoformat() == "2027-03-31"
    assert (column(listed_before, "expires_on"), column(listed_before, "last_used_at")) == ("March 31, 2027", "-")
    assert key.last_used_at is not None
    assert column(listed, "last_used_at") == formats.date_format(
        timezone.localtime(key.last_used_at), "DATETIME_FORMAT"
    )


def column(changelist: str, field: str) -> str:
    """The text of the first row's cell of ``field`` in an admin list."""
    return re.search(rf'<td class="field-{field}[^"]*">([^<]*)</td>', changelist).group(1)
