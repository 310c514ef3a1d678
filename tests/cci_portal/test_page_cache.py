"""Whole public pages from the cache: the same page for every anonymous reader of a language,
until a record changes; staff always get theirs rendered."""

import re

import pytest

from news.models import Article
from projects.models import Project
from tests.factories import make_article, make_project, make_staff

pytestmark = pytest.mark.django_db


def text_of(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)<', html, re.S)
    assert match, testid
    return match.group(1).strip()


def test_a_cached_home_page_shows_a_new_or_renamed_article_at_once(client):
    article = make_article(title_en="Port opens")
    assert "Port opens" in client.get("/").content.decode()

    make_article(title_en="Rail link signed")
    Article.objects.filter(pk=article.pk).update(title_en="Port opened")  # no save(): the trigger stamps it
    html = client.get("/").content.decode()

    assert "Rail link signed" in html
    assert "Port opened" in html


def test_each_language_has_its_own_cached_page(client):
    make_project(title_en="Multimodal hub", title_zh="多式联运枢纽")
    english = client.get("/").content.decode()
    chinese = client.get("/zh-hans/").content.decode()

    assert '<html lang="en"' in english
    assert '<html lang="zh-Hans"' in chinese
    assert client.get("/").content.decode() == english


def test_staff_get_the_page_rendered_for_them(client, django_assert_num_queries):
    make_project()
    client.get("/stats/")
    with django_assert_num_queries(1):  # an anonymous reader: the page from the cache
        assert client.get("/stats/").context is None

    client.force_login(make_staff("viewer"))
    response = client.get("/stats/")

    assert response.status_code == 200
    assert response.context is not None  # rendered from the template for them


def test_cached_home_figures_follow_an_edit_at_once(client):
    project = make_project()
    assert text_of(client.get("/").content.decode(), "project-count") == "1"
    assert text_of(client.get("/").content.decode(), "project-count") == "1"  # from the cache

    make_project()
    assert text_of(client.get("/").content.decode(), "project-count") == "2"
    Project.objects.filter(pk=project.pk).update(is_published=False)  # no save(): the trigger stamps it
    assert text_of(client.get("/").content.decode(), "project-count") == "1"
    project.refresh_from_db()
    project.is_published = True
    project.save()
    project.delete()
    assert text_of(client.get("/").content.decode(), "project-count") == "1"
