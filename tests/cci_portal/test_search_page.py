"""The search page: results by type with links and a total, hints and refusals, escaping, both languages."""

import re

import pytest
from django.urls import reverse

from tests.cci_portal.test_search import make_guoyuan_records
from tests.factories import make_article, make_organization, make_project, make_zone

pytestmark = pytest.mark.django_db


def page_text(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(?:p|h1|h2|div)>', html, re.S)
    assert match, f"no element with data-testid={testid}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def hits_on_page(html: str, kind: str) -> list[tuple[str, str]]:
    """(link, title) of each hit of one kind, in page order."""
    return re.findall(rf'data-testid="hit-{kind}">\s*<h3[^>]*><a href="([^"]+)">(.*?)</a>', html)


def test_the_page_lists_results_by_type_with_links_and_total(client):
    project = make_project(title_en="Guoyuan intermodal hub", description_en="Rail meets river at Guoyuan Port.")
    make_organization(slug="port-operator", name_en="Guoyuan Port Operator")
    make_zone(slug="guoyuan-port", name_en="Guoyuan Port")
    article = make_article(slug="barges", title_en="Barges on the Yangtze", body_en="Barges call at Guoyuan.")

    response = client.get(reverse("search"), {"q": "Guoyuan"})

    assert response.status_code == 200
    html = response.content.decode()
    assert page_text(html, "search-total") == "4 results for “Guoyuan”"
    assert hits_on_page(html, "project") == [(project.get_absolute_url(), "Guoyuan intermodal hub")]
    assert hits_on_page(html, "organization") == [("/organizations/port-operator/", "Guoyuan Port Operator")]
    assert hits_on_page(html, "zone") == [("/zones/guoyuan-port/", "Guoyuan Port")]
    assert hits_on_page(html, "article") == [("/news/barges/", "Barges on the Yangtze")]
    assert article.get_absolute_url() == "/news/barges/"
    headings = re.findall(r'<h2 id="search-group-\w+">(.*?)</h2>', html)
    assert headings == ["Projects (1)", "Organizations (1)", "Zones (1)", "Articles (1)"]
    assert '<p class="search-hit-snippet">Rail meets river at <mark>Guoyuan</mark> Port</p>' in html
    # Both search boxes keep the query.
    assert html.count('value="Guoyuan"') == 2


def test_the_page_says_when_nothing_matches(client):
    make_project(title_en="Guoyuan intermodal hub")
    response = client.get(reverse("search"), {"q": "Wushan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert page_text(html, "search-total") == "0 results for “Wushan”"
    assert page_text(html, "search-empty") == (
        "Nothing published matches your search. Check the spelling, try fewer words, or search in English or Chinese."
    )
    assert "search-group-" not in html


def test_an_empty_query_shows_a_hint(client, django_assert_num_queries):
    make_project(title_en="Guoyuan intermodal hub")
    with django_assert_num_queries(0):
        response = client.get(reverse("search"))
    assert response.status_code == 200
    html = response.content.decode()
    assert page_text(html, "search-hint").startswith("Search projects, partners, zones and news at once.")
    assert '<label for="search-page-q">Search projects, partners, zones and news</label>' in html
    assert re.search(r'<input type="search" name="q" id="search-page-q" value="" maxlength="200"', html)
    assert "search-total" not in html
    assert client.get(reverse("search"), {"q": "   "}).status_code == 200


def test_a_query_over_200_characters_is_refused_with_a_message(client):
    make_project(title_en="Guoyuan intermodal hub")
    assert client.get(reverse("search"), {"q": "a" * 200}).status_code == 200

    response = client.get(reverse("search"), {"q": "Guoyuan " + "a" * 193})

    assert response.status_code == 400
    html = response.content.decode()
    assert page_text(html, "search-error") == (
        "Search for at most 200 characters (your search has 201). Try fewer words."
    )
    assert "search-total" not in html
    assert 'aria-invalid="true"' in html


def test_a_null_character_is_refused_with_a_message(client):
    response = client.get(reverse("search"), {"q": "Guoyuan\x00"})
    assert response.status_code == 400
    assert page_text(response.content.decode(), "search-error") == "Null characters are not allowed."


@pytest.mark.parametrize("query", ['"', "-", "or", "&&&", "'", ":", "<script>", "a:*", "%", "\\"])
def test_the_page_answers_odd_input(client, query):
    make_project(title_en="Guoyuan intermodal hub")
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_the_page_escapes_html_in_titles_and_snippets(client):
    make_project(
        title_en="<script>alert(1)</script> Guoyuan hub",
        description_en="Freight <script>x()</script> Guoyuan <img src=x onerror=alert(1)//",
    )
    html = client.get(reverse("search"), {"q": "Guoyuan"}).content.decode()
    assert "<script>alert" not in html and "<script>x" not in html and "<img" not in html
    assert hits_on_page(html, "project")[0][1] == "&lt;script&gt;alert(1)&lt;/script&gt; Guoyuan hub"
    snippet = re.search(r'<p class="search-hit-snippet">(.*?)</p>', html).group(1)
    assert snippet == "Freight x() <mark>Guoyuan</mark> &lt;img src=x onerror=alert"


def test_the_chinese_page_shows_chinese_titles(client):
    project = make_project(title_en="Raffles City Chongqing", title_zh="重庆来福士")
    make_organization(slug="capitaland", name_en="CapitaLand Group", name_zh="凯德集团", description_en="Raffles")
    make_article(slug="raffles-opens", title_en="Raffles City opens", title_zh="来福士开业")

    html = client.get("/zh-hans/search/", {"q": "来福士"}).content.decode()

    assert hits_on_page(html, "project") == [(f"/zh-hans/projects/{project.public_id}/", "重庆来福士")]
    assert hits_on_page(html, "article") == [("/zh-hans/news/raffles-opens/", "来福士开业")]

    html = client.get("/zh-hans/search/", {"q": "Raffles"}).content.decode()
    assert hits_on_page(html, "project") == [(f"/zh-hans/projects/{project.public_id}/", "重庆来福士")]
    assert hits_on_page(html, "organization") == [("/zh-hans/organizations/capitaland/", "凯德集团")]


@pytest.mark.parametrize("records", [1, 25])
def test_the_page_runs_four_queries(client, records, django_assert_num_queries):
    make_guoyuan_records(records)

    with django_assert_num_queries(4):
        response = client.get(reverse("search"), {"q": "Guoyuan"})

    html = response.content.decode()
    assert len(hits_on_page(html, "project")) == min(records, 20)
    assert page_text(html, "search-total") == f"{4 * records} results for “Guoyuan”"
    more = re.findall(r'<p class="search-more">(.*?)</p>', html, re.S)
    assert [" ".join(text.split()) for text in more] == (
        ["Showing the best 20 of 25. Add a word to narrow the search."] * 4 if records > 20 else []
    )
