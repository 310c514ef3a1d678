"""The database connections: the primary from ``DATABASE_URL`` (or the embedded server under
``var/``), read replicas from ``REPLICA_DATABASE_URLS``, and the router between them.

Reads go to a replica, writes to the primary. A request reads the primary when it may write
(any method but GET, HEAD, OPTIONS and TRACE), when it is the admin's, from its first write on,
and for ``REPLICA_PIN_SECONDS`` after a client's write (a cookie), so a client reads its own
writes whatever the replicas' lag. Authentication and access control always read the primary.
Work outside a request (commands, the shell, migrations) reads the primary.
"""

import math
import os
import random
import time
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import FileResponse

from cci_portal.embedded_db import embedded_database_url

REPLICA_PREFIX = "replica_"
POOLERS = ("", "none", "pgbouncer")
# The cookie of a client that has just written: the time (Unix seconds) until which it reads the primary.
PIN_COOKIE = "cci_read_primary"
DEFAULT_PIN_SECONDS = 5.0
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# What decides who may do what is read where it was last written: a password changed, a user
# deactivated, a key revoked or a lockout counted takes effect at once, not after the replica's lag.
# A cache in the database (a shared cache's counters and kept pages) is read where it is written too.
PRIMARY_ONLY = frozenset({"auth", "sessions", "axes", "admin", "cci_portal.apikey", "django_cache"})


def database_settings(base_dir: Path, environ=os.environ) -> dict:
    """``DATABASES``: the primary as ``default``, then ``replica_1``, ``replica_2``, … in the
    order of ``REPLICA_DATABASE_URLS`` (comma-separated), with the primary's connection options."""
    if environ.get("DATABASE_URL"):
        url = environ["DATABASE_URL"]
    else:
        # DJANGO_DATABASE_NAME picks another database on the same server (make bench keeps its own).
        url = embedded_database_url(
            Path(environ.get("DJANGO_EMBEDDED_DIR") or base_dir / "var"),
            environ.get("DJANGO_DATABASE_NAME") or "cci_portal",
        )
    databases = {DEFAULT_DB_ALIAS: _connection(url, environ, "DATABASE_URL")}
    replica_urls = [item.strip() for item in environ.get("REPLICA_DATABASE_URLS", "").split(",") if item.strip()]
    for number, replica_url in enumerate(replica_urls, start=1):
        replica = _connection(replica_url, environ, f"REPLICA_DATABASE_URLS (replica {number})")
        if not replica["NAME"]:
            raise ImproperlyConfigured(f"REPLICA_DATABASE_URLS (replica {number}) names no database: {replica_url!r}.")
        # No test database is made on a replica: in a test run it stands for the primary's (see
        # replica_aliases), so the test runner never creates or flushes a database on its server.
        replica["TEST"] = {"MIRROR": DEFAULT_DB_ALIAS}
        databases[f"{REPLICA_PREFIX}{number}"] = replica
    return databases


def _connection(url: str, environ, variable: str) -> dict:
    pooler = environ.get("DJANGO_DB_POOLER", "").strip().lower()
    if pooler not in POOLERS:
        raise ImproperlyConfigured(f"DJANGO_DB_POOLER must be unset or pgbouncer, not {pooler!r}.")
    behind_pgbouncer = pooler == "pgbouncer"
    # Connections are kept for a minute and checked before reuse, so a restarted database costs
    # one reconnection, not an error. Behind PgBouncer the pooler keeps the server connections:
    # each request's connection to it is cheap, and closing it frees one of its client slots.
    conn_max_age = int(environ.get("DJANGO_CONN_MAX_AGE", "0" if behind_pgbouncer else "60"))
    try:
        database = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{variable} is not a postgres://user@host:port/name URL: {error}") from None
    if not database["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured(f"The CCI Portal runs on PostgreSQL only; {variable} must be postgres://…")
    # PgBouncer in transaction mode hands each transaction whichever server connection is free,
    # and a server-side cursor (what .iterator() opens: the API's CSV and OC4IDS exports) does not
    # outlive its transaction there.
    database["DISABLE_SERVER_SIDE_CURSORS"] = behind_pgbouncer or environ.get(
        "DJANGO_DISABLE_SERVER_SIDE_CURSORS", ""
    ).strip().lower() in {"1", "true", "yes", "on"}
    # The registry's hot tables and indexes live in memory: a page read at random costs about what
    # one read in order does (PostgreSQL's default, 4, is for spinning disks and made the planner
    # read the 110 MB projects table rather than its 20 MB covering index at 100,000 projects).
    # PgBouncer refuses that startup parameter: behind it the database sets it (docs/operations.md).
    if not behind_pgbouncer:
        database.setdefault("OPTIONS", {}).setdefault(
            "options", f"-c random_page_cost={environ.get('DJANGO_DB_RANDOM_PAGE_COST', '1.1')}"
        )
    database.setdefault("TEST", {})
    if environ.get("DJANGO_TEST_DATABASE_NAME"):
        # Lets two test runs share one server without dropping each other's database.
        database["TEST"]["NAME"] = environ["DJANGO_TEST_DATABASE_NAME"]
    return database


def replica_aliases() -> list[str]:
    """The replicas reads may go to: every ``replica_N`` database that is not the primary itself.

    In a test run a replica only mirrors the test database (``TEST["MIRROR"]``): its connection
    is then set to the primary's database, and reading it through a second connection would miss
    what the test has not committed, so it is read as the primary.
    """
    primary = _address(connections[DEFAULT_DB_ALIAS].settings_dict)
    return [
        alias
        for alias in connections.settings
        if alias.startswith(REPLICA_PREFIX) and _address(connections[alias].settings_dict) != primary
    ]


def _address(database: dict) -> tuple:
    return (database.get("HOST"), database.get("PORT"), database.get("NAME"), database["OPTIONS"].get("host"))


@dataclass
class RequestRouting:
    """Where the current request reads, and whether it has written."""

    reads_from: str
    wrote: bool = False


# One per request (a thread's or a task's own): None outside a request.
_routing: ContextVar[RequestRouting | None] = ContextVar("cci_portal_request_routing", default=None)


def _primary_only(model) -> bool:
    # Spelled out rather than _meta.label_lower, which the database cache's stand-in model lacks.
    meta = model._meta
    return meta.app_label in PRIMARY_ONLY or f"{meta.app_label}.{meta.model_name}" in PRIMARY_ONLY


def pin_to_primary() -> None:
    """The current request reads the primary from now on, and its client for a few seconds more.

    Writes through the ORM do this themselves; call it after a write the ORM cannot see (raw SQL,
    ``QuerySet.using("default").update()``).
    """
    routing = _routing.get()
    if routing is not None:
        routing.reads_from = DEFAULT_DB_ALIAS
        routing.wrote = True


def _note_write(model) -> None:
    # A write to what only the primary is read for (a session, a key's last use) makes no read stale.
    if not _primary_only(model):
        pin_to_primary()


def _saved_or_deleted(sender, **kwargs) -> None:
    """Catches the writes that name their database (``save(using=...)``) and so skip the router."""
    _note_write(sender)


class ReplicaRouter:
    """Reads to the request's replica, writes (and migrations) to the primary."""

    def db_for_read(self, model, **hints):
        routing = _routing.get()
        if routing is None or _primary_only(model):
            return DEFAULT_DB_ALIAS
        instance = hints.get("instance")
        if instance is not None and instance._state.db == DEFAULT_DB_ALIAS:
            # A record read from the primary reads its relations there too: they may be newer.
            return DEFAULT_DB_ALIAS
        return routing.reads_from

    def db_for_write(self, model, **hints):
        _note_write(model)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replicas hold the primary's data: a record from one may point at a record from another.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A replica gets the schema by replication.
        return db == DEFAULT_DB_ALIAS


def pin_seconds() -> float:
    """How long a client reads the primary after a write (``REPLICA_PIN_SECONDS``; 0: only the request)."""
    value = getattr(settings, "REPLICA_PIN_SECONDS", None)
    if value is None:
        value = os.environ.get("DJANGO_REPLICA_PIN_SECONDS", DEFAULT_PIN_SECONDS)
    return float(value)


def _now() -> float:
    return time.time()


def _pinned_by_cookie(request, seconds: float) -> bool:
    try:
        until = float(request.COOKIES.get(PIN_COOKIE, ""))
    except ValueError:
        return False
    # A time further ahead than any pin this site sets is a client's invention: ignored.
    return _now() < until <= _now() + seconds


def _streamed_with(routing: RequestRouting, chunks):
    """A streamed body (the CSV and OC4IDS exports) is read after the view returns: each chunk is
    read where its request reads."""
    iterator = iter(chunks)
    while True:
        token = _routing.set(routing)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _routing.reset(token)
        yield chunk


class ReadYourWritesMiddleware:
    """Keeps the request's routing (:class:`RequestRouting`) and tells a client that has just
    written, by a short-lived cookie, to read the primary. Does nothing without replicas."""

    def __init__(self, get_response):
        self.get_response = get_response
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_saved_or_deleted, dispatch_uid="cci_portal.databases.read_your_writes")

    def __call__(self, request):
        replicas = replica_aliases()
        if not replicas:
            return self.get_response(request)
        seconds = pin_seconds()
        unsafe = request.method not in SAFE_METHODS
        pinned = unsafe or _pinned_by_cookie(request, seconds)
        # One replica for the whole request, so it never sees two replicas' different lags.
        routing = RequestRouting(reads_from=DEFAULT_DB_ALIAS if pinned else random.choice(replicas))
        token = _routing.set(routing)
        try:
            response = self.get_response(request)
        finally:
            _routing.reset(token)
        if response.streaming and not response.is_async and not isinstance(response, FileResponse):
            response.streaming_content = _streamed_with(routing, response.streaming_content)
        if (unsafe or routing.wrote) and seconds > 0:
            response.set_cookie(
                PIN_COOKIE,
                f"{_now() + seconds:.3f}",
                max_age=math.ceil(seconds),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """The admin reads the primary: staff edit what they see."""
        routing = _routing.get()
        if routing is not None and "admin" in request.resolver_match.namespaces:
            routing.reads_from = DEFAULT_DB_ALIAS
