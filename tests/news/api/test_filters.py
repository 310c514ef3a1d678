"""Every filter of the articles' FilterSet, through the API, with the exact articles it returns."""

from datetime import UTC, date, datetime

import pytest

from news.models import Article, ArticleCategory
from tests.api_client import titles, updated
from tests.factories import focus_area, make_article, make_organization, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def news():
    project = make_project()
    partner = make_organization(slug="partner")
    opening = make_article(
        title_en="Cold chain base opens",
        title_zh="冷链基地开业",
        summary_en="Refrigerated warehouses open in Tongliang.",
        category=ArticleCategory.BUSINESS,
        published_on=date(2024, 5, 1),
    )
    opening.projects.add(project)
    opening.focus_areas.add(focus_area("transport-logistics"))
    forum = make_article(title_en="Finance forum", category=ArticleCategory.EVENTS, published_on=date(2023, 11, 2))
    forum.organizations.add(partner)
    forum.focus_areas.add(focus_area("financial-services"))
    policy = make_article(title_en="New data rules", category=ArticleCategory.POLICY, published_on=date(2022, 1, 10))
    make_article(title_en="Draft article", is_published=False)
    updated(Article, opening, datetime(2024, 1, 1, tzinfo=UTC))
    updated(Article, forum, datetime(2025, 1, 1, tzinfo=UTC))
    updated(Article, policy, datetime(2023, 1, 1, tzinfo=UTC))
    return project


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Cold chain base opens", "Finance forum", "New data rules"]),
        ("q=warehouse", ["Cold chain base opens"]),
        ("q=冷链", ["Cold chain base opens"]),
        ("category=events,policy", ["Finance forum", "New data rules"]),
        ("focus_area=financial-services", ["Finance forum"]),
        ("focus_area=financial-services,transport-logistics", ["Cold chain base opens", "Finance forum"]),
        ("project=CCI-2020-0001", ["Cold chain base opens"]),
        ("organization=partner", ["Finance forum"]),
        ("published_after=2023-11-02", ["Cold chain base opens", "Finance forum"]),
        ("published_before=2023-11-01", ["New data rules"]),
        ("updated_since=2024-01-01T00:00:00Z", ["Cold chain base opens", "Finance forum"]),
        ("ordering=title", ["Cold chain base opens", "Finance forum", "New data rules"]),
        ("ordering=updated_at", ["New data rules", "Cold chain base opens", "Finance forum"]),
    ],
)
def test_article_filters(client, news, query, expected):
    assert titles(client, f"/api/v1/articles/?{query}") == expected
