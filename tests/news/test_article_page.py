"""An article's page: its text, source and published related records; drafts previewed by staff only."""

import re
from datetime import date

import pytest

from news.models import ArticleCategory
from tests.factories import focus_area, make_article, make_organization, make_project
from tests.news.pages import staff_user, text_of

pytestmark = pytest.mark.django_db


def test_article_page_shows_the_article(client):
    article = make_article(
        slug="guoyuan-port",
        title_en="Guoyuan Port links to Singapore",
        summary_en="A new rail-sea route opens.",
        body_en="## The route\n\nTrains run **daily**.\n\n<script>alert(1)</script>",
        published_on=date(2025, 3, 14),
        category=ArticleCategory.LOCAL,
        source_name_en="Chongqing Daily",
        source_url="https://example.org/guoyuan",
        source_published_on=date(2025, 3, 13),
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "article-title") == "Guoyuan Port links to Singapore"
    assert '<time datetime="2025-03-14" data-testid="article-date">March 14, 2025</time>' in html
    assert text_of(html, "article-category") == "Local"
    assert text_of(html, "article-summary") == "A new rail-sea route opens."
    assert '<div class="article-body" data-testid="article-body"><h2>The route</h2>' in html
    assert "<p>Trains run <strong>daily</strong>.</p>" in html
    assert "alert(1)" not in html
    assert text_of(html, "article-source") == "Source: Chongqing Daily , March 13, 2025"
    assert '<a href="https://example.org/guoyuan" rel="noopener noreferrer">Chongqing Daily</a>' in html
    assert "<title>Guoyuan Port links to Singapore · CCI Portal</title>" in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Guoyuan Port links to Singapore">' in html
    assert '<meta property="og:description" content="A new rail-sea route opens.">' in html
    assert '<meta name="description" content="A new rail-sea route opens.">' in html


def test_article_source_without_a_web_address_is_plain_text(client):
    article = make_article(source_name_en="Bureau bulletin No. 4", source_url="javascript:alert(1)")

    html = client.get(article.get_absolute_url()).content.decode()

    assert text_of(html, "article-source") == "Source: Bureau bulletin No. 4"
    assert "javascript:" not in html


def test_article_page_links_published_related_records_only(client):
    shown = make_project(slug="shown", title_en="Guoyuan hub", signed_date=date(2021, 1, 1))
    hidden = make_project(slug="hidden", title_en="Secret draft project", is_published=False)
    partner = make_organization(slug="psa", name_en="PSA International")
    draft_partner = make_organization(slug="draft-partner", name_en="Draft partner", is_published=False)
    article = make_article()
    article.projects.set([shown, hidden])
    article.organizations.set([partner, draft_partner])
    article.focus_areas.set([focus_area("aviation"), focus_area("ict")])

    html = client.get(article.get_absolute_url()).content.decode()

    assert text_of(html, "related-projects") == f"Guoyuan hub {shown.public_id}"
    assert f'<a href="/projects/{shown.public_id}/">Guoyuan hub</a>' in html
    assert "Secret draft project" not in html
    assert text_of(html, "related-organizations") == "PSA International"
    assert '<a href="/organizations/psa/">PSA International</a>' in html
    assert "Draft partner" not in html
    assert text_of(html, "related-focus-areas") == "Aviation Information and communications technology"
    assert '<a href="/focus-areas/aviation/">Aviation</a>' in html


def test_article_without_related_records_has_no_empty_sections(client):
    html = client.get(make_article().get_absolute_url()).content.decode()

    assert "Related projects" not in html
    assert 'data-testid="related-organizations"' not in html
    assert 'data-testid="related-focus-areas"' not in html


def test_draft_article_is_hidden_from_the_public(client):
    draft = make_article(slug="draft", title_en="Draft news", is_published=False)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_who_may_view_articles_preview_a_draft(client):
    draft = make_article(slug="draft", title_en="Draft news", is_published=False)

    client.force_login(staff_user(may_view_articles=True))
    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "article-title") == "Draft news"
    assert "Draft: not visible to the public." in html


def test_staff_without_the_view_permission_do_not_see_drafts(client):
    draft = make_article(slug="draft", is_published=False)

    client.force_login(staff_user(may_view_articles=False))

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_chinese_article_page_shows_the_chinese_title(client):
    make_article(slug="port", title_en="Port opens", title_zh="港口开通", published_on=date(2025, 1, 2))
    make_article(slug="english-only", title_en="English only")

    chinese = client.get("/zh-hans/news/port/")
    english = client.get("/news/port/")
    fallback = client.get("/zh-hans/news/english-only/")

    assert chinese.status_code == 200
    chinese_html = chinese.content.decode()
    assert text_of(chinese_html, "article-title") == "港口开通"
    assert text_of(chinese_html, "article-date") == "2025年1月2日"
    assert text_of(english.content.decode(), "article-title") == "Port opens"
    assert text_of(fallback.content.decode(), "article-title") == "English only"


def test_unknown_article_is_not_found(client):
    assert client.get("/news/no-such-article/").status_code == 404


def test_article_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    article = make_article()
    article.projects.set([make_project()])
    article.organizations.set([make_organization()])
    article.focus_areas.set([focus_area("ict")])
    # The article, then its projects, focus areas and organizations.
    with django_assert_num_queries(4):
        assert client.get(article.get_absolute_url()).status_code == 200

    article.projects.set([make_project() for _ in range(10)])
    article.organizations.set([make_organization() for _ in range(10)])
    article.focus_areas.set(focus_area(code) for code in ["financial-services", "aviation", "transport-logistics"])
    with django_assert_num_queries(4):
        html = client.get(article.get_absolute_url()).content.decode()
    assert len(re.findall(r'<a href="/projects/CCI-', html)) == 10
