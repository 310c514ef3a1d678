"""Articles through the API: only their published projects, and a list's fixed number of queries."""

from datetime import date

import pytest

from tests.api_client import bodies_of_2_and_50_rows
from tests.factories import focus_area, make_article, make_organization, make_project

pytestmark = pytest.mark.django_db


def test_an_article_hides_its_draft_projects(client):
    article = make_article(slug="mixed")
    article.projects.add(make_project(), make_project(is_published=False, signed_date=date(2023, 1, 1)))

    assert client.get("/api/v1/articles/mixed/").json()["projects"] == ["CCI-2020-0001"]


def articles(count: int) -> None:
    for _ in range(count):
        article = make_article()
        article.projects.add(make_project())
        article.focus_areas.add(focus_area("ict"))
        article.organizations.add(make_organization())


def test_a_list_runs_as_many_queries_for_2_rows_as_for_50(client, django_assert_num_queries):
    # Validators, count, rows, then its projects, focus areas and organizations.
    small, large = bodies_of_2_and_50_rows(
        client, django_assert_num_queries, path="/api/v1/articles/", add=articles, queries=1 + 1 + 1 + 3
    )

    assert len(large) > len(small)
