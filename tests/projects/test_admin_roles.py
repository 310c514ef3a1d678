"""The registry's admin, role by role: who may add, change, delete, publish and unpublish each kind of record."""

import pytest

from tests.admin_client import (
    ADD_STATUS,
    CASES,
    CHANGE_STATUS,
    DELETE_STATUS,
    PUBLISH_STATUS,
    PUBLISHABLE_CASES,
    ROLES,
    admin_url,
    changelist_action,
)
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_add(client, role, case):
    client.force_login(make_staff(role))
    data = case.form(None)

    response = client.post(admin_url(case.model, "add"), data)

    assert response.status_code == ADD_STATUS[role]
    added = case.model.objects.filter(**{case.title_field: data[case.title_field]})
    if role == "viewer":
        assert not added.exists()
    else:
        record = added.get()
        if case.publishable:
            assert record.is_published is False  # new records start as drafts


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_change(client, role, case):
    record = case.make()
    client.force_login(make_staff(role))

    response = client.post(
        admin_url(case.model, "change", record.pk), {**case.form(record), case.title_field: "Changed"}
    )

    assert response.status_code == CHANGE_STATUS[role]
    record.refresh_from_db()
    assert case.title(record) == ("Original" if role == "viewer" else "Changed")


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_delete(client, role, case):
    record = case.make()
    client.force_login(make_staff(role))

    response = client.post(admin_url(case.model, "delete", record.pk), {"post": "yes"})

    assert response.status_code == DELETE_STATUS[role]
    assert case.model.objects.filter(pk=record.pk).exists() is (role != "publisher")


@pytest.mark.parametrize("case", PUBLISHABLE_CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_publish_action(client, role, case):
    record = case.make()
    client.force_login(make_staff(role))

    response = changelist_action(client, case.model, "publish_selected", [record])

    assert response.status_code == PUBLISH_STATUS[role]
    record.refresh_from_db()
    assert record.is_published is (role == "publisher")


@pytest.mark.parametrize("case", PUBLISHABLE_CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_unpublish_action(client, role, case):
    record = case.make()
    case.model.objects.filter(pk=record.pk).update(is_published=True)
    client.force_login(make_staff(role))

    response = changelist_action(client, case.model, "unpublish_selected", [record])

    assert response.status_code == PUBLISH_STATUS[role]
    record.refresh_from_db()
    assert record.is_published is (role != "publisher")
