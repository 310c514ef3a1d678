"""The cache: local memory by default, a shared cache from ``CACHE_URL``.

Throttle and page-limit counters, cached aggregates and cached pages all live in the default
cache. Cached values are keyed by the version of the data they show (:mod:`core.freshness`,
read from the database), so they are never stale in any process; counters are only shared,
and so only hold across app servers, when the cache is. ``CACHE_URL`` takes:

- ``redis://[:password@]host[:port][/db]``, ``rediss://…`` (TLS) or ``unix:///path.sock[?db=N]``:
  Redis through django-redis, the cache for more than one process;
- ``db://table``: Django's database cache in that table of the default database (create it with
  ``manage.py createcachetable``): shared without another service, but each cache call is a
  query and a counter is raised by a read and a write, so a burst split between processes can
  pass a limit by a request or two;
- ``locmem://`` or nothing: each process's own memory.
"""

import os
import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django_redis.cache.RedisCache"
DATABASE = "django.core.cache.backends.db.DatabaseCache"
# One Redis database may serve other sites or tools: every key of the portal starts with this.
KEY_PREFIX = "cci_portal"
# Every cached value of the portal is set with its own timeout; this is for anything that is not.
DEFAULT_TIMEOUT = 300
# Redis answers in well under a millisecond on the same network: a second means it is gone, and
# a request fails then rather than hanging a worker for the operating system's TCP timeout.
REDIS_SOCKET_TIMEOUT = 1
# The database cache culls a third of its rows past this many; the default (300) would cull
# rate-limit counters as soon as a few hundred pages and clients are kept.
DATABASE_MAX_ENTRIES = 100_000
TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
FORMS = "redis://host:port/db, rediss://host:port/db, unix:///path.sock, db://table or locmem://"


def cache_settings(environ=os.environ) -> dict:
    """``CACHES`` for ``CACHE_URL``: each process's own memory (Django's default) until a shared
    cache is configured."""
    url = environ.get("CACHE_URL", "").strip()
    if not url:
        return {"default": {"BACKEND": LOCMEM}}
    parts = _split(url)
    if parts.scheme in ("redis", "rediss", "unix"):
        return {"default": _redis(url, parts)}
    if parts.scheme == "db":
        return {"default": _database(url, parts)}
    if parts.scheme == "locmem":
        if parts.netloc or parts.path or parts.query:
            raise _malformed(url, "locmem:// takes nothing after it")
        return {"default": {"BACKEND": LOCMEM}}
    raise _malformed(url, f"unknown scheme {parts.scheme!r}" if parts.scheme else "no scheme")


def _redis(url: str, parts) -> dict:
    """django-redis, failing loudly when Redis does not answer.

    Not ``IGNORE_EXCEPTIONS``: it turns every failed call into a miss (``None``). Cached pages
    would only be rendered anew, but a rate-limit counter would read ``None`` too: core.ratelimit
    would fail on it far from the cause, and code that took it for 0 would lift every limit, the
    failed-login limit among them, without a word. The connection error itself names the cause
    (a 500, in the logs); the socket timeouts keep each failure short.
    """
    if parts.scheme == "unix":
        if not parts.path:
            raise _malformed(url, "a unix:// URL needs the socket's path, as unix:///run/redis.sock")
        database = parse_qs(parts.query).get("db", ["0"])[0]
    else:
        if not parts.hostname:
            raise _malformed(url, "no host")
        database = parts.path.strip("/") or "0"
    if not database.isdigit():
        raise _malformed(url, f"the Redis database must be a number, not {database!r}")
    return {
        "BACKEND": REDIS,
        "LOCATION": url,
        "KEY_PREFIX": KEY_PREFIX,
        "TIMEOUT": DEFAULT_TIMEOUT,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
            "IGNORE_EXCEPTIONS": False,
        },
    }


def _database(url: str, parts) -> dict:
    table = parts.netloc
    if not TABLE_NAME.fullmatch(table) or parts.path.strip("/") or parts.query:
        raise _malformed(url, "a database cache is named by its table, as db://cache_table")
    return {
        "BACKEND": DATABASE,
        "LOCATION": table,
        "KEY_PREFIX": KEY_PREFIX,
        "TIMEOUT": DEFAULT_TIMEOUT,
        "OPTIONS": {"MAX_ENTRIES": DATABASE_MAX_ENTRIES},
    }


def _split(url: str):
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as error:
        raise _malformed(url, str(error)) from None
    return parts


def _malformed(url: str, reason: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"CACHE_URL must be one of {FORMS}, not {_redacted(url)!r}: {reason}.")


def _redacted(url: str) -> str:
    """``url`` without its password, fit for an error message and a log."""
    return re.sub(r"(?<=://)([^/@]*):[^/@]*@", r"\1:***@", url)
