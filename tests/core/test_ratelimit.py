"""The counters behind every limit (core/ratelimit.py): rates, windows, client addresses, and one
counter for every process that shares the cache."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from core.ratelimit import Rate, client_address, hit, limit_key, usage
from tests.limits import count_in_another_process, file_cache, frozen_clock

KEY = limit_key("test", "192.0.2.1")


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("300/min", Rate(300, 60)),
        ("60/m", Rate(60, 60)),
        ("5/s", Rate(5, 1)),
        ("10/sec", Rate(10, 1)),
        ("100/hour", Rate(100, 3600)),
        ("1000/day", Rate(1000, 86400)),
        (None, None),
    ],
)
def test_a_rate_is_written_as_drf_writes_it(text, rate):
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["300", "many/min", "3/fortnight", "3/"])
def test_a_misspelt_rate_stops_the_site_with_an_explanation(text):
    with pytest.raises(ImproperlyConfigured) as refused:
        Rate.parse(text)

    assert str(refused.value) == f"A rate is written like 300/min, not {text!r}."


def test_a_window_opens_with_the_first_request_and_counts_until_it_ends(monkeypatch):
    clock = frozen_clock(monkeypatch, 1000.0)
    rate = Rate(3, 60)

    counts = [hit(KEY, rate).count for _ in range(4)]
    clock[0] += 59.5
    standing = usage(KEY, rate)
    clock[0] += 0.5
    next_window = hit(KEY, rate)

    assert counts == [1, 2, 3, 4]
    assert (standing.count, standing.remaining, standing.exceeded, standing.reset_seconds) == (4, 0, True, 1)
    assert (next_window.count, next_window.remaining, next_window.resets_at) == (1, 2, 1120.0)


def test_looking_at_a_limit_counts_nothing(monkeypatch):
    frozen_clock(monkeypatch, 1000.0)
    rate = Rate(3, 60)

    before = usage(KEY, rate)
    hit(KEY, rate)
    after = [usage(KEY, rate).count for _ in range(3)]

    assert (before.count, before.reset_seconds) == (0, 60)
    assert after == [1, 1, 1]


def test_a_usage_gives_the_ietf_and_the_x_headers(monkeypatch):
    clock = frozen_clock(monkeypatch, 1000.0)
    rate = Rate(3, 60)
    hit(KEY, rate)
    clock[0] += 12.25

    assert hit(KEY, rate).headers() == {
        "RateLimit-Limit": "3",
        "RateLimit-Remaining": "1",
        "RateLimit-Reset": "48",
        "X-RateLimit-Limit": "3",
        "X-RateLimit-Remaining": "1",
        "X-RateLimit-Reset": "1060",
    }


def request(remote_addr: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


@pytest.mark.parametrize(
    ("remote_addr", "counted_as"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::ffff", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
    ],
)
def test_a_client_is_counted_by_its_address_and_an_ipv6_client_by_its_64(remote_addr, counted_as):
    assert client_address(request(remote_addr)) == counted_as


def test_forwarded_addresses_are_believed_only_from_the_configured_proxies(settings):
    claimed = request("10.0.0.1", forwarded="203.0.113.9, 198.51.100.7")
    nonsense = request("10.0.0.1", forwarded="<script>")

    by_default = client_address(claimed)
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    assert by_default == "10.0.0.1"
    assert client_address(claimed) == "198.51.100.7"
    assert client_address(nonsense) == "unparsed-5b63e5b2097fc6906601e85e381d998a"


def test_two_processes_count_into_one_counter_on_a_shared_cache(settings, tmp_path):
    file_cache(settings, tmp_path)
    rate = Rate(8, 60)

    first_process = count_in_another_process(tmp_path, KEY, rate, times=3)
    second_process = count_in_another_process(tmp_path, KEY, rate, times=4)
    here = hit(KEY, rate)
    separate_client = FileBasedCache(str(tmp_path), {})
    opened = separate_client.get(KEY)

    assert (first_process, second_process) == (3, 7)
    assert (here.count, here.remaining, here.exceeded) == (8, 0, False)
    assert hit(KEY, rate).exceeded
    assert separate_client.get(f"{KEY}:{opened!r}") == 9


def test_the_counters_live_in_the_default_cache():
    hit(KEY, Rate(3, 60))

    assert cache.get(KEY) is not None
    cache.clear()
    assert usage(KEY, Rate(3, 60)).count == 0
