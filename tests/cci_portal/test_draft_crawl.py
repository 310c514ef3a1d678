"""Drafts stay invisible: a crawl of every public URL of the URL configuration, as an anonymous
reader and as a partner's API key, with a draft of every public model carrying a marker.

No answer shows a draft, every answer is the same with and without the drafts (so no count,
total or facet counts one), and ETag and Last-Modified stay the same while only drafts change.
"""

import re

import pytest

from tests.cci_portal.crawl import (
    DRAFT,
    IDENTITIES,
    Route,
    add_drafts,
    crawl,
    edit_drafts,
    identifiers,
    leaks,
    public_registry,
    routes,
    visits,
)

pytestmark = pytest.mark.django_db

# 45 routes: both languages, CSV and searches included (each URL is visited twice, anonymous and with a key).
AT_LEAST_URLS = 180


def changed(before: dict, after: dict, read) -> list[str]:
    """The answers (URL and identity) where ``read`` differs between two crawls."""
    return [f"{url} ({who})" for (url, who), answer in before.items() if read(answer) != read(after[(url, who)])]


def test_every_public_route_of_the_url_configuration_is_filled():
    public_registry()

    planned, unfilled = visits(routes(), identifiers())

    assert unfilled == [], "routes the crawl cannot fill: give their parameters values in tests/cci_portal/crawl.py"
    assert len(planned) >= AT_LEAST_URLS
    assert {visit.route for visit in planned} == {route.key for route in routes() if route.public}
    assert len([visit for visit in planned if visit.names_draft]) >= 18


def test_a_route_the_crawl_cannot_fill_is_listed():
    new_page = Route("projects:new-page", "projects", "new/<int:number>/", ("number",), None, bilingual=True)
    view = test_a_route_the_crawl_cannot_fill_is_listed
    unnamed = Route(None, "", "^hidden/(?P<key>[0-9]+)$", ("key",), view, bilingual=False)

    planned, unfilled = visits([new_page, unnamed], identifiers())

    assert planned == []
    assert unfilled == [
        "projects:new-page (new/<int:number>/)",
        f"^hidden/(?P<key>[0-9]+)$ ({__name__}.test_a_route_the_crawl_cannot_fill_is_listed)",
    ]


def test_no_public_answer_shows_or_counts_a_draft_nor_moves_with_one(client, api_key):
    registry = public_registry()
    planned, _unfilled = visits(routes(), identifiers())
    without = crawl(client, planned, api_key)

    add_drafts(registry)
    with_drafts = crawl(client, planned, api_key)
    edit_drafts()
    edited = crawl(client, planned, api_key)

    assert len(edited) == len(IDENTITIES) * len(planned) >= len(IDENTITIES) * AT_LEAST_URLS
    assert [key for key, answer in without.items() if answer.status >= 500] == []
    # A draft answers 404, as a record that does not exist does; every other route reached a 200.
    drafts_named = [visit.url for visit in planned if visit.names_draft]
    assert {edited[(url, who)].status for url in drafts_named for who in IDENTITIES} == {404}
    reached = {visit.route for visit in planned if without[(visit.url, IDENTITIES[0])].status == 200}
    assert {visit.route for visit in planned} - reached == {"cci_portal.api.views.not_found"}
    # No marker, no secret, no draft's identifier in any body or header.
    assert leaks(with_drafts, planned) == []
    assert leaks(edited, planned) == []
    # The same answers with and without drafts: lists, counts, totals, facets, feeds, sitemaps,
    # exports (stamps aside: linking a draft partner and zone saved two published projects).
    assert changed(without, with_drafts, lambda answer: (answer.status, answer.comparable)) == []
    assert changed(with_drafts, edited, lambda answer: (answer.status, answer.body)) == []
    # Editing drafts and their parts, and adding one, moves no ETag nor Last-Modified, of lists and details alike.
    assert changed(with_drafts, edited, lambda answer: answer.validators) == []
    validated = {url for (url, _who), answer in edited.items() if answer.validators[0] and answer.status == 200}
    assert len(validated) >= 50


def test_counts_and_totals_are_of_the_published_projects_only(client, api_key):
    add_drafts(public_registry())
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {api_key}"}

    home = client.get("/").content.decode()
    projects_page = client.get("/projects/").content.decode()
    stats = client.get("/api/v1/stats/", **headers).json()
    listed = client.get("/api/v1/projects/", **headers).json()
    aviation = client.get("/focus-areas/aviation/").content.decode()

    assert re.search(r'data-testid="project-count">(\d+)<', home).group(1) == "2"
    assert re.search(r'data-testid="result-count">(\d+) projects<', projects_page).group(1) == "2"
    assert stats["totals"] == {"projects": 2, "projects_with_amount": 1, "amount_usd": "1000000.00"}
    assert {row["code"]: row["projects"] for row in stats["by_focus_area"]}["aviation"] == 0
    assert [row["country"] for row in stats["by_partner_country"]] == ["CN", "SG"]
    assert [row["label_en"] for row in stats["reported_figures"]] == ["Projects signed"]
    assert listed["count"] == 2
    assert [project["id"] for project in listed["results"]] == ["CCI-2020-0001", "CCI-2020-0002"]
    assert DRAFT.project not in aviation and "7,777,777" not in aviation
