"""Small helpers of the API tests: reading a response body and building request headers."""

import csv
import io

from django.contrib.auth.models import Group, User

from cci_portal.roles import roles_setup


def content(response) -> bytes:
    """The body of a plain or a streamed response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content(response).decode())))


def key_header(raw_key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw_key}"}


def staff_in_role(role: str) -> User:
    """A staff user in one of the bureau's groups (editor, publisher, viewer), as setup_roles makes them."""
    roles_setup()
    user = User.objects.create_user(username=role, password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user
