"""The list-page engine (core/listing.py), through the news list: a refused filter value answers 400 with
a notice naming it and the list without it; an unusable page number shows the nearest page with a message."""

from datetime import date

import pytest

from news.models import ArticleCategory
from tests.factories import make_article
from tests.news.pages import LIST_URL, listed_titles, make_dated_articles, text_of

pytestmark = pytest.mark.django_db


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
