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
from tests.factories import make_organization, make_staff

pytestmark = pytest.mark.django_db


def test_staff_issue_a_key_in_the_admin_and_see_it_once(db):
    admin = User.objects.create_superuser(username="admin", password=PASSWORD)
    browser = Client()
    browser.force_login(admin)
    bank = make_organization(name_en="Partner Bank")

    response = browser.post(
        "/admin/cci_portal/apikey/add/",
        {"name": "Nightly mirror", "organization": str(bank.pk), "contact_email": "it@bank.example"},
    )

    assert response.status_code == 302
    key = ApiKey.objects.get()
    first_view = browser.get(f"/admin/cci_portal/apikey/{key.pk}/change/").content.decode()
    raw_key = re.search(r"The new API key is (\S+)\. Copy it now", first_view).group(1)
    assert (key.name, key.organization, key.contact_email, key.created_by) == (
        "Nightly mirror",
        bank,
        "it@bank.example",
        admin,
    )
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
    port = make_organization(name_en="Port of Singapore")
    form = {"name": "Data team", "organization": str(port.pk), "contact_email": "data@example.org"}
    browser.force_login(make_staff("editor", username="an-editor"))
    assert browser.post("/admin/cci_portal/apikey/add/", form).status_code == 403

    browser.force_login(make_staff("publisher"))
    response = browser.post("/admin/cci_portal/apikey/add/", form, follow=True)

    assert response.status_code == 200
    assert "Copy it now: it is shown only once" in response.content.decode()
    assert list(ApiKey.objects.values_list("organization__name_en", flat=True)) == ["Port of Singapore"]


def test_staff_set_a_keys_last_day_and_see_it_and_its_last_use_in_the_list(db):
    browser = Client()
    browser.force_login(make_staff("publisher"))
    form = {
        "name": "Quarterly pull",
        "organization": str(make_organization(name_en="Partner Bank").pk),
        "contact_email": "data@bank.example",
        "expires_on": "2027-03-31",
    }

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


def test_a_key_names_one_of_the_registrys_organizations_and_a_contact(db):
    browser = Client()
    browser.force_login(make_staff("publisher"))

    refused = browser.post("/admin/cci_portal/apikey/add/", {"name": "Mirror", "organization": "999999"})

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors == {
        "organization": ["Select a valid choice. That choice is not one of the available choices."],
        "contact_email": ["This field is required."],
    }
    assert ApiKey.objects.count() == 0
