"""``CACHE_URL``: the ``CACHES`` each form of it gives, and the message of a malformed one."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cci_portal.caches import cache_settings

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def redis(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "cci_portal",
            "TIMEOUT": 300,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": False,
            },
        }
    }


@pytest.mark.parametrize("environ", [{}, {"CACHE_URL": ""}, {"CACHE_URL": "  "}, {"CACHE_URL": "locmem://"}])
def test_without_a_cache_url_each_process_keeps_its_own_memory(environ):
    assert cache_settings(environ) == LOCMEM


@pytest.mark.parametrize(
    "url",
    [
        "redis://127.0.0.1:6379/1",
        "redis://cache.internal",
        "redis://:s3cret@cache.internal:6380/2",
        "rediss://portal:s3cret@cache.example.org:6380/0",
        "unix:///run/redis/redis.sock?db=3",
    ],
)
def test_a_redis_url_selects_django_redis_failing_loudly(url):
    assert cache_settings({"CACHE_URL": url}) == redis(url)


def test_a_db_url_selects_the_database_cache_in_that_table():
    assert cache_settings({"CACHE_URL": "db://portal_cache"}) == {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            "KEY_PREFIX": "cci_portal",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }


FORMS = "redis://host:port/db, rediss://host:port/db, unix:///path.sock, db://table or locmem://"


@pytest.mark.parametrize(
    ("url", "shown", "reason"),
    [
        ("memcached://127.0.0.1:11211", "memcached://127.0.0.1:11211", "unknown scheme 'memcached'"),
        ("127.0.0.1:6379", "127.0.0.1:6379", "no scheme"),
        ("cache.internal", "cache.internal", "no scheme"),
        ("redis://", "redis://", "no host"),
        ("redis://127.0.0.1:port/0", "redis://127.0.0.1:port/0", "Port could not be cast to integer value as 'port'"),
        ("redis://:s3cret@127.0.0.1/x", "redis://:***@127.0.0.1/x", "the Redis database must be a number, not 'x'"),
        ("unix://", "unix://", "a unix:// URL needs the socket's path, as unix:///run/redis.sock"),
        ("unix:///run/redis.sock?db=x", "unix:///run/redis.sock?db=x", "the Redis database must be a number, not 'x'"),
        ("db://", "db://", "a database cache is named by its table, as db://cache_table"),
        ("db://cache-table", "db://cache-table", "a database cache is named by its table, as db://cache_table"),
        (
            "db://cache_table/extra",
            "db://cache_table/extra",
            "a database cache is named by its table, as db://cache_table",
        ),
        ("locmem://elsewhere", "locmem://elsewhere", "locmem:// takes nothing after it"),
    ],
)
def test_a_malformed_cache_url_is_refused_with_the_forms_it_takes(url, shown, reason):
    with pytest.raises(ImproperlyConfigured) as refused:
        cache_settings({"CACHE_URL": url})

    assert str(refused.value) == f"CACHE_URL must be one of {FORMS}, not {shown!r}: {reason}."
    assert "s3cret" not in str(refused.value)
