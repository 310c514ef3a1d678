"""Who may do what (test_role_matrix.py), as data: each role's answer to each action, on the API
and in the admin, and for each publishable model how to reach it and how to tell that an action
took effect.

A role that may not see a draft gets 404 for it, the answer it gets for a record that does not
exist; staff without a permission get 403; a caller the admin does not know goes to its login.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import models

from news.models import Article
from projects.models import Organization, Project, ReportedFigure, Zone
from tests.admin_client import (
    PROJECT_COLUMNS,
    article_form,
    figure_form,
    organization_form,
    project_form,
    zone_form,
)
from tests.api_client import NEW_PROJECT, PASSWORD, key_header, staff_in_role
from tests.factories import make_article, make_figure, make_organization, make_project, make_source, make_zone

ROLES = ("anonymous", "partner key", "revoked key", "non-staff user", "viewer", "editor", "publisher")
STAFF = ("viewer", "editor", "publisher")
LOGIN = 302  # the admin sends whoever is not staff to its login page

# Each row: the answer of every role, in the order of ROLES.
API = {
    "read draft": (404, 404, 401, 404, 200, 200, 200),
    "read published": (200, 200, 401, 200, 200, 200, 200),
    "create": (401, 403, 401, 403, 403, 201, 201),
    "update": (401, 403, 401, 403, 403, 200, 200),
    "delete": (401, 403, 401, 403, 403, 403, 204),
    "publish": (401, 403, 401, 403, 403, 403, 200),
}
# The API offers no import and no revert: those are the admin's.
ADMIN = {
    "read draft": (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, 200),
    "read published": (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, 200),
    "create": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 302, 302),
    "update": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 302, 302),
    "delete": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 302),
    "publish": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 302),
    "import": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 200, 200),
    "revert": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 302, 302),
}
# A successful write: the API's answer, the admin's redirect after a save, the import's preview.
WRITTEN = {201, 200, 204, 302}


def expected(table: dict, action: str, role: str) -> int:
    return table[action][ROLES.index(role)]


@dataclass(frozen=True)
class Publishable:
    """One publishable model: how to make its records, reach them and write them on both surfaces."""

    model: type[models.Model]
    endpoint: str  # the API's list, under /api/v1/
    lookup: str  # the field in the API's detail URL
    title_field: str
    make: callable  # (**fields) -> record
    new_record: callable  # () -> the API's POST body
    form: callable  # (record or None, **fields) -> the admin's change form as a browser posts it
    import_row: callable  # () -> a row of the import file
    import_columns: tuple[str, ...]

    def __str__(self):
        return self.model._meta.model_name

    def detail(self, record_or_key) -> str:
        key = getattr(record_or_key, self.lookup, record_or_key)
        return f"/api/v1/{self.endpoint}/{key}/"

    def titled(self, title: str) -> models.QuerySet:
        return self.model.objects.filter(**{self.title_field: title})


def _figure(**fields):
    return make_figure(**{"label_en": "Original", **fields})


def _source_id() -> int:
    return make_source().pk


def _form(build):
    """An admin form builder that takes fields as keywords, as ``project_form`` does."""
    return lambda record=None, **fields: {**build(record), **fields}


PUBLISHABLE = [
    Publishable(
        Project,
        "projects",
        "public_id",
        "title_en",
        lambda **fields: make_project(**{"title_en": "Original", "signed_date": date(2019, 1, 1), **fields}),
        lambda: dict(NEW_PROJECT),
        project_form,
        lambda: {"slug": "imported", "title_en": "Imported", "focus_area": "ict", "status": "preparation"},
        tuple(PROJECT_COLUMNS),
    ),
    Publishable(
        Organization,
        "organizations",
        "slug",
        "name_en",
        lambda **fields: make_organization(**{"name_en": "Original", **fields}),
        lambda: {"slug": "new-partner", "name_en": "New Partner", "country": "MY", "kind": "private"},
        _form(organization_form),
        lambda: {"slug": "imported", "name_en": "Imported", "country": "SG", "kind": "private"},
        ("slug", "name_en", "country", "kind", "is_published"),
    ),
    Publishable(
        Zone,
        "zones",
        "slug",
        "name_en",
        lambda **fields: make_zone(**{"name_en": "Original", **fields}),
        lambda: {"slug": "new-zone", "name_en": "New Zone", "kind": "park"},
        _form(zone_form),
        lambda: {"slug": "imported", "name_en": "Imported", "kind": "park"},
        ("slug", "name_en", "kind", "is_published"),
    ),
    Publishable(
        ReportedFigure,
        "reported-figures",
        "id",
        "label_en",
        _figure,
        lambda: (
            {"label_en": "New", "metric": "projects_signed", "value": "45", "unit": "count", "scope": "chongqing"}
            | {"source": _source_id()}
        ),
        _form(figure_form),
        lambda: (
            {"label_en": "Imported", "metric": "projects_signed", "value": "4", "unit": "count"}
            | {"qualifier": "exact", "scope": "liangjiang", "source": str(_source_id())}
        ),
        ("id", "label_en", "metric", "value", "unit", "qualifier", "scope", "source", "is_published"),
    ),
    Publishable(
        Article,
        "articles",
        "slug",
        "title_en",
        lambda **fields: make_article(**{"title_en": "Original", **fields}),
        lambda: {"slug": "new-article", "title_en": "New article", "published_on": "2024-02-03", "category": "local"},
        article_form,
        lambda: {"slug": "imported", "title_en": "Imported", "published_on": "2024-03-01", "category": "local"},
        ("slug", "title_en", "published_on", "category", "is_published"),
    ),
]


def role_user(role: str) -> User | None:
    """The account a role signs in with (``None`` for callers without one)."""
    if role in STAFF:
        return staff_in_role(role)
    if role == "non-staff user":
        return User.objects.create_user(username="reader", password=PASSWORD)
    return None


def role_headers(role: str, *, api_key: str, revoked_api_key: str) -> dict:
    return {"partner key": key_header(api_key), "revoked key": key_header(revoked_api_key)}.get(role, {})


# Readers' enquiries in the admin (cci_portal.enquiry): personal data, so only the publishers, who
# handle the bureau's correspondence, and superusers read and answer them; nobody adds one there
# (they come from the public form) and only a superuser deletes one. Roles as in ROLES, then "superuser".
ENQUIRY_ROLES = (*ROLES, "superuser")
ENQUIRY_ADMIN = {
    "list": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 200, 200),
    "read": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 200, 200),
    "update": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 302, 302),
    "create": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 403, 403),
    "delete": (LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 403, 302),
}
