"""The home page shows what the published registry holds."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import focus_area, make_amount, make_article, make_project, scheme

pytestmark = pytest.mark.django_db


def text_of(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</', html, re.S)
    assert match, f"no element with data-testid={testid}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_home_shows_published_counts_and_total(client):
    make_project(focus_area=focus_area("aviation"), **make_amount("24000000000", "CNY", usd="3600000000"))
    make_project(focus_area=focus_area("aviation"), **make_amount("250000000", "USD"))
    make_project(focus_area=focus_area("ict"))
    make_project(focus_area=None, scheme=scheme("talent"))
    make_project(focus_area=focus_area("ict"), is_published=False, **make_amount("999000000", "USD"))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "project-count") == "4"
    assert text_of(html, "total-amount-usd") == "US$3.85 billion"
    assert text_of(html, "amount-coverage") == "2 of 4 projects report an amount."
    areas = re.findall(
        r'data-testid="focus-area-([\w-]+)">\s*<h3><a href="[^"]+">(.*?)</a></h3>\s*<p class="count">(.*?)</p>', html
    )
    assert [(code, name, count.strip()) for code, name, count in areas] == [
        ("financial-services", "Financial services", "0 projects"),
        ("aviation", "Aviation", "2 projects"),
        ("transport-logistics", "Transport and logistics", "0 projects"),
        ("ict", "Information and communications technology", "1 project"),
    ]


def test_home_lists_latest_published_articles_newest_first(client):
    make_article(title_en="Older", published_on=date(2025, 1, 1))
    make_article(title_en="Newer", published_on=date(2026, 1, 1))
    make_article(title_en="Hidden draft", published_on=date(2026, 6, 1), is_published=False)

    html = client.get(reverse("home")).content.decode()

    titles = re.findall(r'class="article-title"[^>]*>(.*?)</a>', html)
    assert titles == ["Newer", "Older"]


def test_home_with_an_empty_registry(client):
    html = client.get(reverse("home")).content.decode()
    assert text_of(html, "project-count") == "0"
    assert text_of(html, "total-amount-usd") == "—"


def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The site's version (the page's cache key), the registry's version, its six breakdowns and
    # its completeness (the cached figures), the reported figures, the featured projects with
    # their further focus areas, the latest news, the map's districts and points; then, until a
    # record changes, the page from the cache for the site's version alone.
    for count in (3, 10):
        for _ in range(count):
            make_project()
            make_article()
        with django_assert_num_queries(16):  # with the map: counts by district, the districts, the points
            client.get(reverse("home"))
        with django_assert_num_queries(1):
            client.get(reverse("home"))


def test_featured_projects_put_the_largest_amounts_first_and_unreported_ones_after(client):
    make_project(title_en="No amount", signed_date=date(2025, 1, 1))
    make_project(title_en="Small", **make_amount("1000000", "USD"))
    make_project(title_en="Large", **make_amount("3600000000", "USD"))
    html = client.get(reverse("home")).content.decode()
    assert re.findall(r'class="project-title">(.*?)</a>', html) == ["Large", "Small", "No amount"]
