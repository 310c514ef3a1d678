"""News articles in the admin, role by role: add, change, delete, publish; drafts and previews."""

import pytest
from django.contrib.contenttypes.models import ContentType

from news.models import Article
from tests.admin_client import (
    ADD_STATUS,
    CHANGE_STATUS,
    DELETE_STATUS,
    PUBLISH_STATUS,
    ROLES,
    admin_url,
    article_form,
    changelist_action,
)
from tests.factories import focus_area, make_article, make_project, make_staff

pytestmark = pytest.mark.django_db


def draft() -> Article:
    return make_article(title_en="Original", is_published=False)


@pytest.mark.parametrize("role", ROLES)
def test_add(client, role):
    client.force_login(make_staff(role))

    response = client.post(admin_url(Article, "add"), article_form())

    assert response.status_code == ADD_STATUS[role]
    added = Article.objects.filter(slug="added-article")
    if role == "viewer":
        assert not added.exists()
    else:
        assert added.get().is_published is False


@pytest.mark.parametrize("role", ROLES)
def test_change(client, role):
    article = draft()
    client.force_login(make_staff(role))

    response = client.post(admin_url(Article, "change", article.pk), article_form(article, title_en="Changed"))

    assert response.status_code == CHANGE_STATUS[role]
    article.refresh_from_db()
    assert article.title_en == ("Original" if role == "viewer" else "Changed")


@pytest.mark.parametrize("role", ROLES)
def test_delete(client, role):
    article = draft()
    client.force_login(make_staff(role))

    response = client.post(admin_url(Article, "delete", article.pk), {"post": "yes"})

    assert response.status_code == DELETE_STATUS[role]
    assert Article.objects.filter(pk=article.pk).exists() is (role != "publisher")


@pytest.mark.parametrize("role", ROLES)
def test_publish_action(client, role):
    article = draft()
    client.force_login(make_staff(role))

    response = changelist_action(client, Article, "publish_selected", [article])

    assert response.status_code == PUBLISH_STATUS[role]
    article.refresh_from_db()
    assert article.is_published is (role == "publisher")


def test_an_editor_posting_the_published_flag_is_refused(client):
    article = draft()
    client.force_login(make_staff("editor"))

    response = client.post(admin_url(Article, "change", article.pk), article_form(article, is_published="on"))

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["You do not have permission to publish."]
    article.refresh_from_db()
    assert article.is_published is False


def test_a_publisher_publishes_through_the_form(client):
    article = draft()
    client.force_login(make_staff("publisher"))

    response = client.post(admin_url(Article, "change", article.pk), article_form(article, is_published="on"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published is True


def test_an_editor_links_projects_and_focus_areas(client):
    project = make_project()
    client.force_login(make_staff("editor"))

    response = client.post(
        admin_url(Article, "add"),
        article_form(projects=[str(project.pk)], focus_areas=[str(focus_area("aviation").pk)]),
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="added-article")
    assert list(article.projects.all()) == [project]
    assert list(article.focus_areas.values_list("code", flat=True)) == ["aviation"]


def test_the_changelist_searches_chinese_titles_and_filters_drafts(client):
    make_article(title_en="Data channel opens", title_zh="数据通道开通", is_published=True)
    make_article(title_en="Draft about logistics", title_zh="物流草稿", is_published=False)
    client.force_login(make_staff("viewer"))

    found = client.get(admin_url(Article, "changelist"), {"q": "数据通道"})
    drafts = client.get(admin_url(Article, "changelist"), {"is_published__exact": "0"})

    assert [a.title_en for a in found.context["cl"].result_list] == ["Data channel opens"]
    assert [a.title_en for a in drafts.context["cl"].result_list] == ["Draft about logistics"]


def test_the_change_page_links_to_the_draft_preview(client):
    article = draft()
    content_type = ContentType.objects.get_for_model(Article)
    client.force_login(make_staff("editor"))

    change = client.get(admin_url(Article, "change", article.pk))
    view_on_site = client.get(f"/admin/r/{content_type.pk}/{article.pk}/")

    assert f'href="/admin/r/{content_type.pk}/{article.pk}/" class="viewsitelink"' in change.text
    assert f'href="/admin/news/article/{article.pk}/history/" class="historylink"' in change.text
    assert view_on_site["Location"].endswith(f"/news/{article.slug}/")
    assert client.get(view_on_site["Location"]).status_code == 200
    client.logout()
    assert client.get(view_on_site["Location"]).status_code == 404
