"""RSS and Atom feeds: the latest published articles, overall and per focus area."""

import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import focus_area, make_article

pytestmark = pytest.mark.django_db


ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response) -> list[dict]:
    """The items of an RSS 2.0 response, parsed as XML."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ElementTree.fromstring(response.content).find("channel")
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "pubDate": item.findtext("pubDate"),
            "category": item.findtext("category"),
        }
        for item in channel.findall("item")
    ]


def atom_entries(response) -> list[dict]:
    """The entries of an Atom response, parsed as XML."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "published": entry.findtext(f"{ATOM}published"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_rss_feed_lists_published_articles_newest_first(client):
    make_article(slug="older", title_en="Older news", summary_en="The first.", published_on=date(2024, 3, 1))
    make_article(
        slug="newer",
        title_en="Newer news",
        summary_en="The second.",
        published_on=date(2025, 6, 15),
        category="policy",
    )
    make_article(slug="draft", title_en="Draft news", published_on=date(2026, 1, 1), is_published=False)

    response = client.get(reverse("news:feed-rss"))

    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "CCI Portal news"
    assert channel.findtext("link") == "http://testserver/news/"
    assert rss_items(response) == [
        {
            "title": "Newer news",
            "link": "http://testserver/news/newer/",
            "description": "The second.",
            "pubDate": "Sun, 15 Jun 2025 00:00:00 +0800",
            "category": "Policy",
        },
        {
            "title": "Older news",
            "link": "http://testserver/news/older/",
            "description": "The first.",
            "pubDate": "Fri, 01 Mar 2024 00:00:00 +0800",
            "category": "Business",
        },
    ]


def test_atom_feed_lists_published_articles_newest_first(client):
    make_article(slug="older", title_en="Older news", summary_en="The first.", published_on=date(2024, 3, 1))
    make_article(slug="newer", title_en="Newer news", summary_en="The second.", published_on=date(2025, 6, 15))
    make_article(slug="draft", title_en="Draft news", published_on=date(2026, 1, 1), is_published=False)

    response = client.get(reverse("news:feed-atom"))

    feed = ElementTree.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "CCI Portal news"
    assert atom_entries(response) == [
        {
            "title": "Newer news",
            "link": "http://testserver/news/newer/",
            "summary": "The second.",
            "published": "2025-06-15T00:00:00+08:00",
        },
        {
            "title": "Older news",
            "link": "http://testserver/news/older/",
            "summary": "The first.",
            "published": "2024-03-01T00:00:00+08:00",
        },
    ]


def test_feeds_hold_the_latest_twenty_articles(client):
    for day in range(1, 23):
        make_article(slug=f"day-{day}", title_en=f"Day {day}", published_on=date(2025, 1, day))

    rss_titles = [item["title"] for item in rss_items(client.get(reverse("news:feed-rss")))]
    atom_titles = [entry["title"] for entry in atom_entries(client.get(reverse("news:feed-atom")))]

    expected = [f"Day {day}" for day in range(22, 2, -1)]
    assert rss_titles == expected
    assert atom_titles == expected


def test_focus_area_feeds_hold_only_that_focus_areas_published_articles(client):
    aviation = focus_area("aviation")
    ict = focus_area("ict")
    both = make_article(slug="both", title_en="Air and data", published_on=date(2025, 5, 1))
    both.focus_areas.set([aviation, ict])
    flights = make_article(slug="flights", title_en="New flights", published_on=date(2025, 4, 1))
    flights.focus_areas.set([aviation])
    make_article(slug="data-only", title_en="Data only", published_on=date(2025, 6, 1)).focus_areas.set([ict])
    make_article(slug="unlinked", title_en="Unlinked", published_on=date(2025, 7, 1))
    draft = make_article(slug="draft", title_en="Draft flight", published_on=date(2025, 8, 1), is_published=False)
    draft.focus_areas.set([aviation])

    rss = client.get(reverse("news:focus-area-feed-rss", args=["aviation"]))
    atom = client.get(reverse("news:focus-area-feed-atom", args=["aviation"]))

    channel = ElementTree.fromstring(rss.content).find("channel")
    assert channel.findtext("title") == "CCI Portal news: Aviation"
    assert channel.findtext("link") == "http://testserver/focus-areas/aviation/"
    assert [(item["title"], item["link"]) for item in rss_items(rss)] == [
        ("Air and data", "http://testserver/news/both/"),
        ("New flights", "http://testserver/news/flights/"),
    ]
    assert ElementTree.fromstring(atom.content).findtext(f"{ATOM}title") == "CCI Portal news: Aviation"
    assert [(entry["title"], entry["link"]) for entry in atom_entries(atom)] == [
        ("Air and data", "http://testserver/news/both/"),
        ("New flights", "http://testserver/news/flights/"),
    ]
    ict_rss = client.get(reverse("news:focus-area-feed-rss", args=["ict"]))
    assert [item["title"] for item in rss_items(ict_rss)] == ["Data only", "Air and data"]


def test_focus_area_feed_of_an_unknown_code_is_not_found(client):
    assert client.get(reverse("news:focus-area-feed-rss", args=["space-travel"])).status_code == 404
    assert client.get(reverse("news:focus-area-feed-atom", args=["space-travel"])).status_code == 404


def test_empty_feeds_are_valid_xml_without_items(client):
    assert rss_items(client.get(reverse("news:feed-rss"))) == []
    assert atom_entries(client.get(reverse("news:feed-atom"))) == []
    assert rss_items(client.get(reverse("news:focus-area-feed-rss", args=["ict"]))) == []


def test_chinese_feed_uses_chinese_titles_and_chinese_links(client):
    make_article(slug="port", title_en="Port opens", title_zh="港口开通", published_on=date(2025, 1, 2))
    make_article(slug="english-only", title_en="English only", published_on=date(2025, 1, 1))

    response = client.get("/zh-hans/news/feed/rss/")

    assert [(item["title"], item["link"]) for item in rss_items(response)] == [
        ("港口开通", "http://testserver/zh-hans/news/port/"),
        ("English only", "http://testserver/zh-hans/news/english-only/"),
    ]
    assert ElementTree.fromstring(response.content).find("channel").findtext("language") == "zh-hans"
