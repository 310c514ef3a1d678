"""Small builders for test records: each returns a saved object with sensible defaults."""

import itertools
from datetime import date
from decimal import Decimal
from io import StringIO

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from news.models import Article, ArticleCategory
from projects.choices import OrganizationKind, ParticipantRole, ProjectStatus, ZoneKind
from projects.models import (
    District,
    FocusArea,
    Organization,
    Project,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)
from projects.services import project_participants_set

_sequence = itertools.count(1)

PASSWORD = "Correct-Horse-Battery-9"


def _n() -> int:
    return next(_sequence)


def focus_area(code: str = "transport-logistics") -> FocusArea:
    """One of the four focus areas the data migration created."""
    return FocusArea.objects.get(code=code)


def scheme(code: str = "business") -> Scheme:
    return Scheme.objects.get(code=code)


def make_source(**fields) -> Source:
    n = _n()
    defaults = {"title_en": f"Report {n}", "publisher_en": "Liangjiang New Area", "url": f"https://example.org/{n}"}
    return Source.objects.create(**{**defaults, **fields})


def make_district(**fields) -> District:
    n = _n()
    defaults = {"slug": f"district-{n}", "name_en": f"District {n}", "name_zh": f"区{n}"}
    return District.objects.create(**{**defaults, **fields})


def make_zone(**fields) -> Zone:
    n = _n()
    defaults = {"slug": f"zone-{n}", "name_en": f"Zone {n}", "kind": ZoneKind.ZONE, "is_published": True}
    return Zone.objects.create(**{**defaults, **fields})


def make_organization(**fields) -> Organization:
    n = _n()
    defaults = {
        "slug": f"organization-{n}",
        "name_en": f"Organization {n}",
        "country": "SG",
        "kind": OrganizationKind.PRIVATE,
        "is_published": True,
    }
    return Organization.objects.create(**{**defaults, **fields})


def make_project(*, participants=(), **fields) -> Project:
    """A published project; ``participants`` is a list of ``(organization, role)`` pairs."""
    n = _n()
    defaults = {
        "slug": f"project-{n}",
        "title_en": f"Project {n}",
        "focus_area": fields.pop("focus_area") if "focus_area" in fields else focus_area(),
        "status": ProjectStatus.IMPLEMENTATION,
        "signed_date": date(2020, 1, 1),
        "is_published": True,
    }
    project = Project.objects.create(**{**defaults, **fields})
    if participants:
        project_participants_set(project=project, participants=list(participants), user=None)
    return project


def make_amount(amount: str, currency: str = "USD", usd: str | None = None) -> dict:
    """Amount fields for ``make_project``: ``make_project(**make_amount("100", "USD"))``."""
    return {
        "contract_amount": Decimal(amount),
        "currency": currency,
        "contract_amount_usd": Decimal(usd if usd is not None else amount),
    }


def make_figure(**fields) -> ReportedFigure:
    defaults = {
        "label_en": "Projects signed in Liangjiang",
        "metric": "projects_signed",
        "value": Decimal("44"),
        "unit": "count",
        "scope": "liangjiang",
        "is_published": True,
    }
    if "source" not in fields:
        fields["source"] = make_source()
    return ReportedFigure.objects.create(**{**defaults, **fields})


def make_article(**fields) -> Article:
    n = _n()
    defaults = {
        "slug": f"article-{n}",
        "title_en": f"Article {n}",
        "published_on": date(2024, 1, 1),
        "category": ArticleCategory.BUSINESS,
        "is_published": True,
    }
    return Article.objects.create(**{**defaults, **fields})


def make_staff(role: str | None, username: str | None = None) -> User:
    """A staff user in the group of ``role`` (``None``: staff with no group), with the roles set up."""
    call_command("setup_roles", stdout=StringIO())
    user = User.objects.create_user(username or f"{role or 'nobody'}-user", password=PASSWORD, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


__all__ = [
    "ParticipantRole",
    "focus_area",
    "make_amount",
    "make_article",
    "make_district",
    "make_figure",
    "make_organization",
    "make_project",
    "make_source",
    "make_staff",
    "make_zone",
    "scheme",
]
