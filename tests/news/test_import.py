"""Articles imported in the admin, with their links to projects and focus areas."""

from datetime import date

import pytest

from news.models import Article
from tests.admin_client import invalid_rows, refused_then_imported
from tests.factories import make_project, make_staff

pytestmark = pytest.mark.django_db


ARTICLE_COLUMNS = ["slug", "title_en", "published_on", "category", "projects", "focus_areas", "is_published"]


def test_articles_import_with_their_links_and_report_an_unknown_project(client):
    project = make_project(signed_date=date(2019, 1, 1))
    client.force_login(make_staff("editor"))
    row = {
        "slug": "data-channel-opens",
        "title_en": "Data channel opens",
        "published_on": "2019-09-01",
        "category": "business",
        "projects": project.public_id,
        "focus_areas": "ict",
    }

    refused = refused_then_imported(
        client, Article, ARTICLE_COLUMNS, refused=[{**row, "projects": "CCI-2019-0099"}], imported=[row]
    )

    assert invalid_rows(refused) == [(1, {"projects": ["No project with identifier “CCI-2019-0099”."]})]
    article = Article.objects.get()
    assert list(article.projects.all()) == [project]
    assert list(article.focus_areas.values_list("code", flat=True)) == ["ict"]
    assert article.is_published is False
