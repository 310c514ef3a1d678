"""Who may do what, generated from the tables of tests/cci_portal/role_matrix.py: every role against
every action on every publishable model, on the API and in the admin, each with its exact answer
and, for a write, whether it took effect. A role that may not see a draft gets for it the answer
it gets for a record that does not exist."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.test.client import ClientHandler
from rest_framework.test import APIClient, ForceAuthClientHandler

from cci_portal.enquiries.services import enquiry_submit
from cci_portal.models import Enquiry
from tests.admin_client import admin_url, changelist_action, confirm, csv_bytes, preview, upload
from tests.cci_portal.role_matrix import (
    ADMIN,
    API,
    ENQUIRY_ADMIN,
    ENQUIRY_ROLES,
    LOGIN,
    PUBLISHABLE,
    ROLES,
    STAFF,
    WRITTEN,
    expected,
    role_headers,
    role_user,
)
from tests.core.test_admin_history import revert_form
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

MISSING = {"public_id": "CCI-1999-0999", "slug": "no-such-record", "id": 999999999}


def cells(table: dict):
    return [
        pytest.param(kind, action, role, id=f"{kind}-{action.replace(' ', '-')}-{role.replace(' ', '-')}")
        for kind in PUBLISHABLE
        for action in table
        for role in ROLES
    ]


@pytest.fixture(scope="module")
def handlers() -> dict:
    """One request handler for the module's clients of each kind: building the middleware costs
    about 0.3 s a client (WhiteNoise indexes every static file), two thirds of a cell's time."""
    return {
        Client: ClientHandler(enforce_csrf_checks=False),
        APIClient: ForceAuthClientHandler(enforce_csrf_checks=False),
    }


def client_of(kind, handlers: dict, **defaults):
    client = kind(**defaults)
    client.handler = handlers[kind]
    return client


@pytest.fixture
def headers(request, role):
    """The role's request headers: its API key, for the two roles that send one."""
    keys = {"api_key": "", "revoked_api_key": ""}
    if role in ("partner key", "revoked key"):
        keys = {name: request.getfixturevalue(name) for name in keys}
    return lambda role: role_headers(role, **keys)


@pytest.mark.parametrize(("kind", "action", "role"), cells(API))
def test_api(kind, action, role, headers, handlers):
    client = client_of(APIClient, handlers)
    # None for a caller without an account: the shared handler forgets the last test's user.
    client.force_authenticate(role_user(role))
    draft, published = kind.make(is_published=False), kind.make()
    creates = kind.new_record()

    def ask(target):
        path = kind.detail(target)
        return {
            "read draft": lambda: client.get(path, **headers(role)),
            "read published": lambda: client.get(kind.detail(published), **headers(role)),
            "create": lambda: client.post(f"/api/v1/{kind.endpoint}/", creates, format="json", **headers(role)),
            "update": lambda: client.patch(path, {kind.title_field: "Changed"}, format="json", **headers(role)),
            "delete": lambda: client.delete(path, **headers(role)),
            "publish": lambda: client.patch(path, {"is_published": True}, format="json", **headers(role)),
        }[action]()

    status = ask(draft).status_code

    assert status == expected(API, action, role)
    draft_status = kind.model.objects.filter(pk=draft.pk).values_list(kind.title_field, "is_published").first()
    effects = {
        "create": kind.model.objects.filter(pk__gt=published.pk).exclude(pk=draft.pk).exists(),
        "update": draft_status == ("Changed", False),
        "delete": draft_status is None,
        "publish": draft_status == ("Original", True),
    }
    if action in effects:
        assert effects[action] is (status in WRITTEN)
    if role not in STAFF and action not in ("read published", "create"):
        assert ask(MISSING[kind.lookup]).status_code == status  # a draft is a record that does not exist


def _admin_client(role: str, headers, handlers) -> Client:
    client = client_of(Client, handlers, **headers(role))
    if user := role_user(role):
        client.force_login(user)
    return client


def _revert_data(kind, draft, handlers) -> tuple[str, dict]:
    """The first version of ``draft`` (edited since) and what its Revert button posts, read by a publisher."""
    draft_version = draft.history.earliest()
    setattr(draft, kind.title_field, "Edited")
    draft.save()
    url = admin_url(kind.model, "simple_history", draft.pk, draft_version.history_id)
    reader = client_of(Client, handlers)
    reader.force_login(make_staff("publisher", username="history-reader"))
    return url, revert_form(reader.get(url))


@pytest.mark.parametrize(("kind", "action", "role"), cells(ADMIN))
def test_admin(kind, action, role, headers, handlers):
    draft, published = kind.make(is_published=False), kind.make()
    revert_url, revert_data = _revert_data(kind, draft, handlers) if action == "revert" else ("", {})
    client = _admin_client(role, headers, handlers)
    model = kind.model
    imported = upload(f"{model._meta.model_name}.csv", csv_bytes([kind.import_row()], kind.import_columns))
    answer = {
        "read draft": lambda: client.get(admin_url(model, "change", draft.pk)),
        "read published": lambda: client.get(admin_url(model, "change", published.pk)),
        "create": lambda: client.post(admin_url(model, "add"), kind.form(None, **{kind.title_field: "Added"})),
        "update": lambda: client.post(
            admin_url(model, "change", draft.pk), kind.form(draft, **{kind.title_field: "Changed"})
        ),
        "delete": lambda: client.post(admin_url(model, "delete", draft.pk), {"post": "yes"}),
        "publish": lambda: changelist_action(client, model, "publish_selected", [draft]),
        "import": lambda: preview(client, model, imported),
        "revert": lambda: client.post(revert_url, revert_data),
    }[action]()

    assert answer.status_code == expected(ADMIN, action, role)
    if role not in STAFF:
        assert answer["Location"].startswith("/admin/login/")
    elif action == "import" and answer.status_code == 200:
        assert confirm(client, model, answer).status_code == 302
    done = answer.status_code in WRITTEN and role in STAFF
    draft_now = model.objects.filter(pk=draft.pk).values_list(kind.title_field, "is_published").first()
    effects = {
        "create": kind.titled("Added").filter(is_published=False).exists(),
        "update": draft_now == ("Changed", False),
        "delete": draft_now is None,
        "publish": draft_now == ("Original", True),
        "import": kind.titled("Imported").filter(is_published=False).exists(),
        "revert": draft_now == ("Original", False),
    }
    if action in effects:
        assert effects[action] is done


def test_the_matrix_covers_every_role_action_and_model():
    assert len(cells(API)) + len(cells(ADMIN)) == len(PUBLISHABLE) * len(ROLES) * (len(API) + len(ADMIN)) == 490
    assert {row.count(LOGIN) for action, row in ADMIN.items() if action.startswith("read")} == {4}


@pytest.mark.parametrize("role", ENQUIRY_ROLES)
@pytest.mark.parametrize("action", ENQUIRY_ADMIN)
def test_enquiries_in_the_admin(action, role, headers, handlers):
    enquiry = enquiry_submit(name="Tan Wei Ling", email="weiling@example.sg", message="Hi?", language="en")
    client = client_of(Client, handlers, **headers(role))
    if role == "superuser":
        client.force_login(User.objects.create_superuser(username="root", password="x"))
    elif user := role_user(role):
        client.force_login(user)
    change = admin_url(Enquiry, "change", enquiry.pk)
    answer = {
        "list": lambda: client.get(admin_url(Enquiry, "changelist")),
        "read": lambda: client.get(change),
        "update": lambda: client.post(change, {"status": "answered", "assigned_to": "", "staff_notes": "Done"}),
        "create": lambda: client.get(admin_url(Enquiry, "add")),
        "delete": lambda: client.post(admin_url(Enquiry, "delete", enquiry.pk), {"post": "yes"}),
    }[action]()

    assert answer.status_code == ENQUIRY_ADMIN[action][ENQUIRY_ROLES.index(role)]
    now = Enquiry.objects.filter(pk=enquiry.pk).values_list("status", "message").first()
    effects = {"update": now == ("answered", "Hi?"), "delete": now is None}
    if action in effects:
        assert effects[action] is (answer.status_code == 302 and role in (*STAFF, "superuser"))
