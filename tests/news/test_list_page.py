"""The news list: exactly the published articles, newest first, with category facets, filters and pages."""

import re
from datetime import date

import pytest

from news.models import ArticleCategory
from tests.factories import focus_area, make_article
from tests.news.pages import LIST_URL, facets, listed, listed_titles, make_dated_articles, staff_user, text_of

pytestmark = pytest.mark.django_db


def test_list_shows_exactly_the_published_articles_newest_first(client):
    make_article(slug="older", title_en="Older", published_on=date(2024, 5, 1), summary_en="First summary.")
    make_article(slug="newest", title_en="Newest", published_on=date(2025, 2, 3), category=ArticleCategory.POLICY)
    make_article(slug="same-day-first", title_en="Same day, created first", published_on=date(2024, 6, 1))
    make_article(slug="same-day-second", title_en="Same day, created second", published_on=date(2024, 6, 1))
    make_article(slug="draft", title_en="Hidden draft", published_on=date(2026, 1, 1), is_published=False)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == [
        ("/news/newest/", "Newest"),
        ("/news/same-day-second/", "Same day, created second"),
        ("/news/same-day-first/", "Same day, created first"),
        ("/news/older/", "Older"),
    ]
    assert text_of(html, "result-count") == "4 articles"
    assert text_of(html, "article-newest") == "Newest Feb. 3, 2025 · Policy"
    assert text_of(html, "article-older") == "Older May 1, 2024 · Business First summary."
    assert '<time datetime="2025-02-03">' in html
    assert "Hidden draft" not in html
    assert "notices" not in html


def test_list_shows_category_facets_with_published_counts(client):
    make_article(category=ArticleCategory.BUSINESS)
    make_article(category=ArticleCategory.BUSINESS)
    make_article(category=ArticleCategory.POLICY)
    make_article(category=ArticleCategory.EVENTS, is_published=False)

    html = client.get(LIST_URL).content.decode()

    assert facets(html) == {
        "all": "All categories",
        "local": "Local (0 articles)",
        "business": "Business (2 articles)",
        "events": "Events (0 articles)",
        "policy": "Policy (1 article)",
    }
    assert 'href="/news/?category=business"' in html
    assert 'href="/news/" aria-current="page" data-testid="category-all"' in html


def test_category_filter_shows_only_that_category(client):
    make_article(title_en="Deal signed", category=ArticleCategory.BUSINESS, published_on=date(2024, 2, 1))
    make_article(title_en="Rule changed", category=ArticleCategory.POLICY, published_on=date(2024, 3, 1))
    make_article(title_en="Second deal", category=ArticleCategory.BUSINESS, published_on=date(2024, 4, 1))
    make_article(title_en="Draft deal", category=ArticleCategory.BUSINESS, is_published=False)

    response = client.get(LIST_URL, {"category": "business"})

    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(html) == ["Second deal", "Deal signed"]
    assert text_of(html, "result-count") == "2 articles"
    assert "<h1>News: Business</h1>" in html
    # The facets still count every published article, whatever the filter.
    assert facets(html)["policy"] == "Policy (1 article)"
    assert 'href="/news/?category=business" aria-current="page"' in html


def test_several_categories_at_once(client):
    make_article(title_en="Deal signed", category=ArticleCategory.BUSINESS, published_on=date(2024, 2, 1))
    make_article(title_en="Rule changed", category=ArticleCategory.POLICY, published_on=date(2024, 3, 1))
    make_article(title_en="Fair opens", category=ArticleCategory.EVENTS, published_on=date(2024, 4, 1))

    html = client.get(LIST_URL, {"category": "business,policy"}).content.decode()

    assert listed_titles(html) == ["Rule changed", "Deal signed"]
    assert "<h1>News: Business, Policy</h1>" in html
    assert 'href="/news/?category=business" aria-current="page"' in html
    assert 'href="/news/?category=policy" aria-current="page"' in html
    assert 'href="/news/?category=events" data-testid' in html


def test_category_counts_follow_the_other_filters(client):
    aviation = focus_area("aviation")
    make_article(category=ArticleCategory.BUSINESS).focus_areas.set([aviation])
    make_article(category=ArticleCategory.BUSINESS).focus_areas.set([aviation])
    make_article(category=ArticleCategory.EVENTS).focus_areas.set([aviation])
    make_article(category=ArticleCategory.EVENTS, is_published=False).focus_areas.set([aviation])
    make_article(category=ArticleCategory.POLICY)

    html = client.get(LIST_URL, {"focus_area": "aviation", "category": "business"}).content.decode()

    assert text_of(html, "result-count") == "2 articles"
    assert facets(html) == {
        "all": "All categories",
        "local": "Local (0 articles)",
        "business": "Business (2 articles)",
        "events": "Events (1 article)",
        "policy": "Policy (0 articles)",
    }
    # Each link keeps the focus area and sets the category.
    assert 'href="/news/?focus_area=aviation&amp;category=events"' in html
    assert 'href="/news/?focus_area=aviation" data-testid="category-all"' in html


def test_search_within_the_news_counts_categories_of_the_matches(client):
    make_article(title_en="Rail freight grows", category=ArticleCategory.BUSINESS)
    make_article(title_en="New rail policy", category=ArticleCategory.POLICY)
    make_article(title_en="Airport fair", category=ArticleCategory.EVENTS)

    html = client.get(LIST_URL, {"q": "rail", "category": "policy"}).content.decode()

    assert listed_titles(html) == ["New rail policy"]
    assert facets(html)["business"] == "Business (1 article)"
    assert facets(html)["policy"] == "Policy (1 article)"
    assert facets(html)["events"] == "Events (0 articles)"


def test_category_filter_with_no_articles_says_so(client):
    make_article(category=ArticleCategory.BUSINESS)

    response = client.get(LIST_URL, {"category": "events"})

    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(html) == []
    assert text_of(html, "result-count") == "0 articles"
    assert "No articles yet." in html


def test_list_pages_twenty_articles_at_a_time(client):
    make_dated_articles(25)

    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL, {"page": "2"}).content.decode()

    assert listed_titles(first) == [f"Story {n:02d}" for n in range(25, 5, -1)]
    assert text_of(first, "page-current") == "Page 1 of 2"
    assert 'href="?page=2" rel="next"' in first
    assert listed_titles(second) == [f"Story {n:02d}" for n in range(5, 0, -1)]
    assert text_of(second, "page-current") == "Page 2 of 2"
    assert 'href="?page=1" rel="prev"' in second
    assert text_of(second, "result-count") == "25 articles"


def test_page_links_keep_the_category(client):
    make_dated_articles(21, category=ArticleCategory.EVENTS)
    make_article(category=ArticleCategory.POLICY)

    html = client.get(LIST_URL, {"category": "events"}).content.decode()

    assert text_of(html, "result-count") == "21 articles"
    assert 'href="?category=events&amp;page=2" rel="next"' in html


def test_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    make_dated_articles(2)
    # The category counts, the number of articles, the page of articles.
    with django_assert_num_queries(3):
        assert client.get(LIST_URL).status_code == 200
    make_dated_articles(23)
    with django_assert_num_queries(3):
        assert client.get(LIST_URL).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(LIST_URL, {"category": "business", "page": "2"}).status_code == 200


def test_chinese_list_shows_chinese_titles_and_links(client):
    make_article(slug="port", title_en="Port opens", title_zh="港口开通", published_on=date(2025, 1, 2))
    make_article(slug="english-only", title_en="English only", published_on=date(2025, 1, 1))

    html = client.get("/zh-hans/news/").content.decode()

    # Each title's link, the language it is written in when not the page's, and the title.
    assert re.findall(r'<a class="article-title" href="([^"]+)"(?: lang="([^"]+)")?>(.*?)</a>', html) == [
        ("/zh-hans/news/port/", "", "港口开通"),
        ("/zh-hans/news/english-only/", "en", "English only"),
    ]


def test_draft_articles_stay_out_of_the_list_even_for_staff(client):
    make_article(title_en="Public news")
    make_article(title_en="Draft news", is_published=False)

    client.force_login(staff_user(may_view_articles=True))

    assert listed_titles(client.get(LIST_URL).content.decode()) == ["Public news"]


def test_an_ordering_of_only_commas_is_refused_and_the_list_shown_newest_first(client):
    make_article(slug="older", title_en="Older", published_on=date(2024, 5, 1))
    make_article(slug="newer", title_en="Newer", published_on=date(2025, 2, 3))

    response = client.get(f"{LIST_URL}?ordering=,,")

    assert response.status_code == 400
    assert listed_titles(response.content.decode()) == ["Newer", "Older"]
    assert "Order: “,,” has an empty sort field" in response.content.decode()


def test_an_ordering_with_a_trailing_empty_term_is_refused_too(client):
    make_article(slug="older", title_en="Older", published_on=date(2024, 5, 1))
    make_article(slug="newer", title_en="Newer", published_on=date(2025, 2, 3))

    response = client.get(f"{LIST_URL}?ordering=published_on,,")

    assert response.status_code == 400
    assert listed_titles(response.content.decode()) == ["Newer", "Older"]
