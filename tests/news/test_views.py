"""The public news pages: the list with its category facets and an article's page."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import translation

from news.models import ArticleCategory
from tests.factories import focus_area, make_article, make_organization, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Start each test in English: a Chinese request leaves its language active in the thread."""
    with translation.override("en"):
        yield


LIST_URL = "/news/"


def text_of(html: str, testid: str) -> str:
    """The text inside the element marked ``data-testid=testid``, tags removed and spaces collapsed."""
    match = re.search(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no element with data-testid={testid}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())


def listed(html: str) -> list[tuple[str, str]]:
    """(title, link) of each article the list shows, in order."""
    return re.findall(r'<a class="article-title" href="([^"]+)">(.*?)</a>', html)


def listed_titles(html: str) -> list[str]:
    return [title for _link, title in listed(html)]


def facets(html: str) -> dict[str, str]:
    return {category: text_of(html, f"category-{category}") for category in ["all", *ArticleCategory.values]}


def make_dated_articles(count: int, **fields) -> list:
    """``count`` published articles, one a day from 1 January 2024: the last one is the newest."""
    return [
        make_article(title_en=f"Story {n:02d}", published_on=date(2024, 1, 1) + timedelta(days=n), **fields)
        for n in range(1, count + 1)
    ]


def staff_user(*, may_view_articles: bool) -> User:
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    if may_view_articles:
        user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user


# The list


def test_list_shows_exactly_the_published_articles_newest_first(client):
    make_article(slug="older", title_en="Older", published_on=date(2024, 5, 1), summary="First summary.")
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


def test_invalid_category_answers_400_with_a_message_and_every_article(client):
    make_article(title_en="Deal signed", category=ArticleCategory.BUSINESS, published_on=date(2024, 2, 1))
    make_article(title_en="Rule changed", category=ArticleCategory.POLICY, published_on=date(2024, 3, 1))

    response = client.get(LIST_URL, {"category": "nonsense"})

    assert response.status_code == 400
    html = response.content.decode()
    assert text_of(html, "notices") == (
        "Category: Select a valid choice. nonsense is not one of the available choices. "
        "The list below leaves that out."
    )
    assert listed_titles(html) == ["Rule changed", "Deal signed"]
    # The refused value is not carried into the page's own links.
    assert 'href="/news/" aria-current="page" data-testid="category-all"' in html
    assert 'href="/news/?category=business"' in html


def test_invalid_value_of_another_filter_keeps_the_valid_ones(client):
    make_article(title_en="Deal signed", category=ArticleCategory.BUSINESS)
    make_article(title_en="Rule changed", category=ArticleCategory.POLICY)

    response = client.get(LIST_URL, {"category": "policy", "published_after": "yesterday"})

    assert response.status_code == 400
    html = response.content.decode()
    assert text_of(html, "notices") == ("Published after: Enter a valid date. The list below leaves that out.")
    assert listed_titles(html) == ["Rule changed"]
    assert 'href="/news/?category=policy" aria-current="page"' in html


def test_unknown_focus_area_answers_400_with_a_message(client):
    make_article(title_en="Deal signed")

    response = client.get(LIST_URL, {"focus_area": "space-travel"})

    assert response.status_code == 400
    html = response.content.decode()
    assert text_of(html, "notices") == (
        "Focus area: Select a valid choice. space-travel is not one of the available choices. "
        "The list below leaves that out."
    )
    assert listed_titles(html) == ["Deal signed"]


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


def test_page_that_is_not_a_number_shows_the_first_page_with_a_message(client):
    make_dated_articles(21)

    response = client.get(LIST_URL, {"page": "abc"})

    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "notices") == "“abc” is not a page number; showing the first page."
    assert listed_titles(html)[0] == "Story 21"
    assert text_of(html, "page-current") == "Page 1 of 2"


def test_a_very_long_page_value_is_shortened_in_the_message(client):
    response = client.get(LIST_URL, {"page": "9" * 5000})

    assert response.status_code == 200
    assert text_of(response.content.decode(), "notices") == (
        "“9999999999999999999…” is not a page number; showing the first page."
    )


def test_page_out_of_range_shows_the_last_page_with_a_message(client):
    make_dated_articles(21)

    response = client.get(LIST_URL, {"page": "999"})

    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "notices") == "There is no page 999; showing the last page, 2."
    assert listed_titles(html) == ["Story 01"]


def test_page_zero_and_pages_of_an_empty_list_show_the_first_page(client):
    response = client.get(LIST_URL, {"page": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "notices") == "There is no page 0; showing the first page."
    assert "No articles yet." in html

    response = client.get(LIST_URL, {"page": "3"})
    assert response.status_code == 200
    assert text_of(response.content.decode(), "notices") == "There is no page 3; showing the last page, 1."


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

    assert listed(html) == [("/zh-hans/news/port/", "港口开通"), ("/zh-hans/news/english-only/", "English only")]


# An article's page


def test_article_page_shows_the_article(client):
    article = make_article(
        slug="guoyuan-port",
        title_en="Guoyuan Port links to Singapore",
        summary="A new rail-sea route opens.",
        body="## The route\n\nTrains run **daily**.\n\n<script>alert(1)</script>",
        published_on=date(2025, 3, 14),
        category=ArticleCategory.LOCAL,
        source_name="Chongqing Daily",
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
    article = make_article(source_name="Bureau bulletin No. 4", source_url="javascript:alert(1)")

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


def test_draft_articles_stay_out_of_the_list_even_for_staff(client):
    make_article(title_en="Public news")
    make_article(title_en="Draft news", is_published=False)

    client.force_login(staff_user(may_view_articles=True))

    assert listed_titles(client.get(LIST_URL).content.decode()) == ["Public news"]


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
