"""Helpers of the API tests: reading a response body, building request headers, staff in a role,
and the records and reads that a list's query count is measured on."""

import base64
import csv
import io
from datetime import date, datetime

from django.contrib.auth.models import Group, User

from cci_portal.roles import roles_setup
from projects.models import Milestone
from tests.factories import (
    focus_area,
    make_article,
    make_district,
    make_organization,
    make_project,
    make_source,
    make_zone,
)

PASSWORD = "pw-for-tests-only"
NEW_PROJECT = {"slug": "new-project", "title_en": "New project", "focus_area": "ict", "status": "preparation"}


def content(response) -> bytes:
    """The body of a plain or a streamed response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content(response).decode())))


def error(response, status: int) -> dict:
    """The JSON error body of ``response``, checked to have ``status`` and the documented shape."""
    assert response.status_code == status, content(response)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "errors"}
    return body


def validators(response) -> dict:
    """The headers of a conditional GET that ``response`` answered."""
    return {"HTTP_IF_NONE_MATCH": response["ETag"]}


def titles(client, path: str, key: str = "title_en") -> list[str]:
    """``key`` of each record a list returns (every one of them on the first page)."""
    response = client.get(path)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return [record[key] for record in body["results"]]


def updated(model, record, when: datetime) -> None:
    """Set ``updated_at`` by hand (``update()`` leaves ``auto_now`` alone)."""
    model.objects.filter(pk=record.pk).update(updated_at=when)


def key_header(raw_key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw_key}"}


def basic(user: User) -> dict:
    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def staff_in_role(role: str) -> User:
    """A staff user in one of the bureau's groups (editor, publisher, viewer), as setup_roles makes them."""
    roles_setup()
    user = User.objects.create_user(username=role, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def full_projects(count: int) -> None:
    """Projects with every related record the list shows, so each prefetch has work."""
    zone = make_zone()
    district = make_district()
    for _ in range(count):
        project = make_project(
            zone=zone,
            district=district,
            participants=[(make_organization(), "funding"), (make_organization(), "investor")],
        )
        project.other_focus_areas.add(focus_area("ict"))
        project.sources.add(make_source())
        Milestone.objects.create(project=project, date=date(2021, 1, 1), title_en="Signed", source=make_source())
        make_article().projects.add(project)


def bodies_of_2_and_50_rows(client, django_assert_num_queries, *, path: str, add, queries: int) -> tuple[bytes, bytes]:
    """The body of ``path`` after ``add(2)``, then after ``add(48)`` more; each read runs exactly ``queries``."""
    add(2)
    with django_assert_num_queries(queries):
        small = content(client.get(path))

    add(48)
    with django_assert_num_queries(queries):
        large = content(client.get(path))
    return small, large
