"""The pages' rate limit per address (core.ratelimit.PageRateLimitMiddleware): the site's own 429 page,
in the reader's language, with Retry-After; static files, the API and staff's admin not counted."""

import pytest

from core.ratelimit import DEFAULT_PAGE_RATE_LIMITS, Rate, hit, limit_key
from tests.factories import make_staff
from tests.limits import count_in_another_process, file_cache, frozen_clock, with_page_rate_limits

pytestmark = pytest.mark.django_db

LOW_LIMITS = {"pages": "3/min", "search": "2/min"}


@pytest.fixture(autouse=True)
def _page_rate_limits(settings):
    with_page_rate_limits(settings)


@pytest.fixture
def low_limits(settings):
    settings.PAGE_RATE_LIMITS = LOW_LIMITS


def text(response) -> str:
    return " ".join(response.text.split())


def statuses(client, path: str, times: int, **extra) -> list[int]:
    return [client.get(path, **extra).status_code for _ in range(times)]


def test_the_default_limits_are_300_pages_and_60_searches_a_minute():
    assert DEFAULT_PAGE_RATE_LIMITS == {"pages": "300/min", "search": "60/min"}


def test_300_pages_a_minute_are_served_and_the_301st_is_refused(client):
    served = statuses(client, "/robots.txt", 300)
    refused = client.get("/robots.txt")

    assert served == [200] * 300
    assert refused.status_code == 429


def test_the_61st_search_in_a_minute_is_refused_while_other_pages_are_served(client):
    for _ in range(59):
        hit(limit_key("page-search", "127.0.0.1"), Rate(60, 60))

    sixtieth = client.get("/search/", {"q": "port"})
    refused = client.get("/search/", {"q": "port"})
    about = client.get("/about/")

    assert (sixtieth.status_code, refused.status_code, about.status_code) == (200, 429, 200)


def test_the_refusal_is_the_sites_own_page_with_retry_after(client, low_limits, monkeypatch):
    clock = frozen_clock(monkeypatch)
    served = statuses(client, "/about/", 3)
    clock[0] += 20
    refused = client.get("/about/")

    assert served == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/html; charset=utf-8"
    assert refused["Retry-After"] == "40"
    assert (refused["RateLimit-Limit"], refused["RateLimit-Remaining"], refused["RateLimit-Reset"]) == ("3", "0", "40")
    assert "no-store" in refused["Cache-Control"]
    assert "<title>Too many requests · CCI Portal</title>" in refused.text
    assert '<html lang="en">' in refused.text
    assert "Your address has asked for more pages in a short time than the portal serves to one visitor." in text(
        refused
    )
    assert "Please wait 40 seconds, then try again." in text(refused)
    assert 'class="site-header"' in refused.text


def test_the_refusal_is_in_the_readers_language(client, low_limits):
    statuses(client, "/zh-hans/about/", 3)

    refused = client.get("/zh-hans/about/")

    assert refused.status_code == 429
    assert '<html lang="zh-Hans">' in refused.text
    assert "<title>请求过于频繁 · " in refused.text
    assert "请等待 60 秒后再试。" in text(refused)


def test_the_limit_ends_with_its_window(client, low_limits, monkeypatch):
    clock = frozen_clock(monkeypatch)
    statuses(client, "/about/", 4)
    clock[0] += 60

    assert client.get("/about/").status_code == 200


def test_each_address_has_its_own_count(client, low_limits):
    statuses(client, "/about/", 4)

    assert client.get("/about/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_searches_have_their_own_lower_limit_and_count_as_pages_too(client, settings):
    settings.PAGE_RATE_LIMITS = {"pages": "4/min", "search": "2/min"}

    searches = statuses(client, "/search/", 3, data={"q": "port"})
    pages = statuses(client, "/about/", 2)

    assert searches == [200, 200, 429]
    assert pages == [200, 429]


def test_unknown_pages_count(client, low_limits):
    assert statuses(client, "/no-such-page/", 4) == [404, 404, 404, 429]


def test_static_files_and_the_api_are_not_counted(client, low_limits):
    static = statuses(client, "/static/css/site.css", 5)
    api = statuses(client, "/api/v1/", 5)

    assert static == [200] * 5
    assert api == [200] * 5
    assert statuses(client, "/about/", 4) == [200, 200, 200, 429]


def test_the_admin_login_counts_but_signed_in_staff_work_in_the_admin_unlimited(client, low_limits):
    login = statuses(client, "/admin/login/", 4)
    client.force_login(make_staff("editor"))
    admin = statuses(client, "/admin/", 5) + statuses(client, "/zh-hans/admin/projects/project/", 2)

    assert login == [200, 200, 200, 429]
    assert admin == [200] * 7


def test_a_limit_of_none_is_no_limit(client, settings):
    settings.PAGE_RATE_LIMITS = {"pages": None}

    assert statuses(client, "/about/", 5) == [200] * 5


def test_processes_that_share_the_cache_count_into_one_counter(client, settings, low_limits, tmp_path):
    file_cache(settings, tmp_path)

    elsewhere = count_in_another_process(tmp_path, limit_key("page-pages", "127.0.0.1"), Rate(3, 60), times=2)
    here = statuses(client, "/about/", 2)

    assert elsewhere == 2
    assert here == [200, 429]
