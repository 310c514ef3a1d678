"""Hostile input on the public pages and the admin: every request answers a 4xx with a clear message on
the site's own page, or is rendered harmless; never a 500, never a stack trace.

The API's table is in test_hostile_input_api.py, stored payloads (XSS) in test_hostile_input_xss.py;
the helpers here serve all three.
"""

import json
from dataclasses import dataclass

import pytest

from tests.factories import make_article, make_project, make_staff, make_zone

pytestmark = pytest.mark.django_db

SITE_PAGE = " · CCI Portal</title>"
CHINESE_SITE_PAGE = " · 中新互联互通项目门户</title>"
ADMIN_PAGE = " | CCI Portal admin</title>"
TOO_MANY = "&".join(f"p{n}=1" for n in range(1001))  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 1000
HUGE = "x" * 100_000  # a 100 KB query string
# An ordering of nothing but empty terms (",,,", "name,,") was a 500; issue 10 asks for a clear 4xx.
EMPTY_ORDERING = 400


@dataclass(frozen=True)
class Hostile:
    """One hostile request and its answer: the exact status and the key part of the message, as the
    body shows it (HTML-escaped on a page; empty where only the status and the page are asserted)."""

    path: str
    status: int
    message: str

    def param(self, name: str):
        return pytest.param(self, id=name)


def body_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", "replace")


def assert_answered(response, status: int, message: str, *, page: str | None = SITE_PAGE) -> str:
    """``response`` has ``status`` and ``message``, no stack trace, and is the site's own page
    (``page``: the end of its title), or with ``page=None`` the API's JSON."""
    text = body_text(response)
    assert response.status_code < 500, text[:1000]
    assert "Traceback" not in text
    assert response.status_code == status, text[:1000]
    assert message in text, text[:1000]
    if page is None:
        assert response["Content-Type"] == "application/json", text[:300]
        body = json.loads(text)
        if status >= 400:
            assert set(body) == {"detail", "errors"} and body["detail"]
    elif status != 302:
        assert response["Content-Type"].startswith("text/html"), text[:300]
        assert page in text or (page == SITE_PAGE and CHINESE_SITE_PAGE in text), text[:300]
    return text


@pytest.fixture
def registry():
    make_zone(slug="zone-a", name_en="Guoyuan Port")
    make_project(title_en="Cold chain hub")  # CCI-2020-0001
    make_article(slug="port-news", title_en="Port news")


NOT_FOUND = "There is no public page at this address."
FIRST = "showing the first page."
ONE_PROJECT = 'data-testid="result-count">1 project</h2>'
NO_PROJECTS = 'data-testid="result-count">0 projects</h2>'
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."

PAGE_CASES = [
    # Non-numeric, huge and hostile identifiers in paths.
    Hostile("/projects/abc/", 404, NOT_FOUND).param("project-id-not-an-identifier"),
    Hostile("/projects/CCI-9999-9999/", 404, NOT_FOUND).param("project-id-unknown"),
    Hostile("/projects/CCI-99999999999999999999-1/", 404, NOT_FOUND).param("project-id-huge"),
    Hostile("/organizations/" + "x" * 300 + "/", 404, NOT_FOUND).param("slug-300-characters"),
    Hostile("/zones/%27%20OR%201%3D1--/", 404, NOT_FOUND).param("slug-sql-fragment"),
    Hostile("/projects/options/nope/", 404, NOT_FOUND).param("facet-unknown"),
    Hostile("/news/no-such-article/", 404, NOT_FOUND).param("article-unknown"),
    Hostile("/news/feed/nope/rss/", 404, NOT_FOUND).param("feed-of-unknown-focus-area"),
    # NUL bytes and invalid UTF-8 in paths.
    Hostile("/projects/%00/", 404, NOT_FOUND).param("path-nul"),
    Hostile("/zones/zone%00a/", 404, NOT_FOUND).param("slug-nul"),
    Hostile("/projects/%ff/", 404, NOT_FOUND).param("path-invalid-utf8"),
    Hostile("/news/%ff%fe/", 404, NOT_FOUND).param("article-invalid-utf8"),
    # Pages: negative, huge, not a number.
    Hostile("/projects/?page=-1", 200, "There is no page -1; " + FIRST).param("page-negative"),
    Hostile("/projects/?page=0", 200, "There is no page 0; " + FIRST).param("page-zero"),
    Hostile("/projects/?page=1000000000000", 200, "There is no page 1000000000000; showing the last page, 1.").param(
        "page-10**12"
    ),
    Hostile("/projects/?page=" + "9" * 40, 200, "showing the last page, 1.").param("page-40-digits"),
    Hostile("/projects/?page=abc", 200, "“abc” is not a page number; " + FIRST).param("page-not-a-number"),
    Hostile("/projects/?page=%C2%B2", 200, "“²” is not a page number; " + FIRST).param("page-superscript-two"),
    Hostile("/projects/?page=1e400", 200, "“1e400” is not a page number; " + FIRST).param("page-float-overflow"),
    Hostile("/projects/?page=%3Cscript%3E", 200, "“&lt;script&gt;” is not a page number").param("page-markup"),
    Hostile("/news/?page=-5", 200, "There is no page -5; " + FIRST).param("news-page-negative"),
    Hostile("/zones/zone-a/?page=1000000000000", 200, "showing the last page, 1.").param("zone-page-10**12"),
    Hostile("/projects/options/zone/?page=-1", 200, "There is no page -1; " + FIRST).param("facet-page-negative"),
    # SQL fragments.
    Hostile("/projects/?q=%27%20OR%201%3D1%20--", 200, NO_PROJECTS).param("search-sql-or"),
    Hostile("/projects/?q=1%3B%20DROP%20TABLE%20projects_project", 200, NO_PROJECTS).param("search-sql-drop"),
    Hostile("/search/?q=%27%29%3B%20SELECT%20pg_sleep%2810%29--", 200, "Search: &#x27;); SELECT").param(
        "site-search-sql"
    ),
    Hostile("/projects/?zone=%27%20OR%20%271%27%3D%271", 400, "Zone: " + INVALID_CHOICE).param("filter-sql"),
    Hostile("/projects/?amount_usd_min=0%20OR%201%3D1", 400, "at least: Enter a number.").param("amount-sql"),
    # NUL bytes and invalid UTF-8 in parameters.
    Hostile("/projects/?q=%00", 400, "Search: Null characters are not allowed.").param("search-nul"),
    Hostile("/search/?q=a%00b", 400, "Null characters are not allowed.").param("site-search-nul"),
    Hostile("/projects/?zone=%00", 400, "Zone: Null characters are not allowed.").param("filter-nul"),
    Hostile("/projects/?q=%ff", 200, NO_PROJECTS).param("search-invalid-utf8"),
    Hostile("/projects/?zone=%ff", 400, "Zone: " + INVALID_CHOICE).param("filter-invalid-utf8"),
    Hostile("/projects/?%ff=%fe", 200, ONE_PROJECT).param("parameter-name-invalid-utf8"),
    Hostile("/projects/CCI-2020-0001/?page=%00", 200, ">Cold chain hub</h1>").param("detail-ignores-nul"),
    # Size: a 100 KB query string, more than 1,000 parameters.
    Hostile(
        "/projects/?q=" + HUGE, 400, "Search: Ensure this value has at most 200 characters (it has 100000)."
    ).param("search-100kb"),
    Hostile("/search/?q=" + HUGE, 400, "Search for at most 200 characters (your search has 100000).").param(
        "site-search-100kb"
    ),
    Hostile("/projects/?junk=" + HUGE, 200, ONE_PROJECT).param("unknown-parameter-100kb"),
    # Refused by Django before any view: the site's own 400 page (templates/400.html).
    Hostile("/projects/?" + TOO_MANY, 400, "<h1>Bad request").param("more-than-1000-parameters"),
    # Unknown parameters: the pages read only their own.
    Hostile("/projects/?foo=bar&__proto__=1", 200, ONE_PROJECT).param("unknown-parameters"),
    Hostile("/news/?unknown=1", 200, "Port news").param("news-unknown-parameter"),
    # Empty and repeated commas in every list parameter of the pages.
    Hostile("/projects/?focus_area=,,transport-logistics,,", 200, ONE_PROJECT).param("focus-area-commas"),
    Hostile("/projects/?status=,,,", 200, ONE_PROJECT).param("status-commas"),
    Hostile("/projects/?status=implementation,,,completion", 200, ONE_PROJECT).param("status-repeated-commas"),
    Hostile("/projects/?partner_country=,,", 200, ONE_PROJECT).param("partner-country-commas"),
    Hostile("/projects/?zone=,,", 400, "Zone: " + INVALID_CHOICE).param("zone-commas"),
    Hostile("/projects/?organization=,", 400, "Partner: " + INVALID_CHOICE).param("organization-commas"),
    Hostile("/news/?category=,,", 200, "Port news").param("category-commas"),
    Hostile("/news/?focus_area=,,", 200, "Port news").param("news-focus-area-commas"),
    # Ordering with empty items (were 500s: FieldError "Cannot resolve keyword ''").
    Hostile("/projects/?ordering=,,,", EMPTY_ORDERING, "Sort by: ").param("ordering-commas"),
    Hostile("/zh-hans/projects/?ordering=,", EMPTY_ORDERING, "“,”").param("ordering-comma-chinese"),
    Hostile("/projects/?ordering=title,,", EMPTY_ORDERING, "Sort by: ").param("ordering-trailing-commas"),
    Hostile("/news/?ordering=,,", EMPTY_ORDERING, "Order: ").param("news-ordering-commas"),
    Hostile("/projects/?ordering=-", 400, "Sort by: Select a valid choice. - is not one of").param("ordering-dash"),
    # Reflected markup is escaped.
    Hostile(
        "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", 200, "Search: &lt;script&gt;alert(1)&lt;/script&gt;"
    ).param("site-search-markup"),
    Hostile("/projects/?status=%3Cscript%3E", 400, "Status: Select a valid choice. &lt;script&gt; is not").param(
        "filter-markup"
    ),
    Hostile("/news/?category=%22%3E%3Csvg%20onload%3D1%3E", 400, "&quot;&gt;&lt;svg onload=1&gt; is not").param(
        "category-markup"
    ),
    # Other values.
    Hostile("/projects/?signed_after=2020-13-45", 400, "Signed on or after: Enter a valid date.").param(
        "date-invalid"
    ),
    Hostile("/projects/?amount_usd_min=1e400", 400, "Ensure that there are no more than 18 digits in total.").param(
        "amount-overflow"
    ),
    Hostile("/projects/?amount_usd_min=NaN", 400, "Amount in US dollars, at least: Enter a number.").param(
        "amount-nan"
    ),
]


@pytest.mark.parametrize("case", PAGE_CASES)
def test_a_hostile_request_to_a_page_gets_a_clear_answer(client, registry, case):
    assert_answered(client.get(case.path), case.status, case.message)


def test_the_sitemap_refuses_a_bad_page_with_the_site_page(client, registry):
    assert_answered(client.get("/sitemap.xml?p=abc"), 404, NOT_FOUND)
    assert_answered(client.get("/sitemap.xml?p=1000000000000"), 404, NOT_FOUND)


def test_feeds_and_robots_ignore_hostile_parameters(client, registry):
    feed = client.get("/news/feed/rss/?%ff=%00")
    robots = client.get("/robots.txt?%00=1")

    assert (feed.status_code, feed["Content-Type"]) == (200, "application/rss+xml; charset=utf-8")
    assert "<title>Port news</title>" in body_text(feed)
    assert (robots.status_code, body_text(robots).splitlines()[0]) == (200, "User-agent: *")


ADMIN_CASES = [
    # The search drops what it cannot search for (the NUL), and lists everything.
    Hostile("/admin/projects/project/?q=%00", 200, "1 project").param("admin-search-nul"),
    Hostile("/admin/projects/project/?q=%ff", 200, "0 projects").param("admin-search-invalid-utf8"),
    Hostile("/admin/news/article/?q=%27%20OR%201%3D1--", 200, "0 articles").param("admin-search-sql"),
    Hostile("/admin/projects/organization/?q=" + "x" * 10_000, 200, "0 organizations").param("admin-search-10kb"),
    Hostile("/admin/projects/project/?o=,,,", 200, "1 project").param("admin-ordering-commas"),
    Hostile("/admin/projects/project/?p=-1", 200, "1 project").param("admin-page-negative"),
    Hostile("/admin/projects/project/?p=1000000000000", 200, "1 project").param("admin-page-10**12"),
    Hostile("/admin/projects/project/?is_published__exact=%00", 302, "").param("admin-filter-nul"),
    Hostile("/admin/projects/project/?zone=abc", 302, "").param("admin-unknown-filter"),
    Hostile("/admin/projects/project/abc/change/", 302, "").param("admin-id-not-a-number"),
    Hostile("/admin/projects/project/99999999999999999999/change/", 302, "").param("admin-id-huge"),
    Hostile("/admin/projects/project/%00/change/", 302, "").param("admin-id-nul"),
    Hostile("/admin/projects/project/?" + TOO_MANY, 400, "<h1>Bad request").param("admin-more-than-1000-parameters"),
]


@pytest.mark.parametrize("case", ADMIN_CASES)
def test_a_hostile_request_to_the_admin_gets_a_clear_answer(client, registry, case):
    client.force_login(make_staff("publisher"))

    response = client.get(case.path)

    # A request Django refuses before the admin sees it gets the site's own 400 page.
    assert_answered(response, case.status, case.message, page=SITE_PAGE if case.status == 400 else ADMIN_PAGE)
    if case.status == 302:
        # The admin's own answer: the changelist says "?e=1" (bad filter), a change page goes home
        # with the message that no project has that ID.
        assert response["Location"] in {"/admin/projects/project/?e=1", "/admin/"}, response["Location"]
