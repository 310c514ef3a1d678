"""Riding out a database restart: a read that loses its connection is tried once more.

Django turns every exception into a response at each middleware's boundary
(``convert_exception_to_response`` in ``django/core/handlers/exception.py``), so a middleware
never sees the view's exception, only a logged 500. The one hook that runs with the exception
in hand is ``got_request_exception``, sent from that conversion for an uncaught error. For a
lost connection, the receiver below raises ``_ConnectionLost``: a ``BaseException``, so no
conversion on the way out catches it (they catch ``Exception``), and it unwinds the middleware
under ``RetryReadsMiddleware`` up to it without the 500 page being rendered or logged. The
view's own code (DRF, ``transaction.atomic``) has already seen the ordinary ``OperationalError``.

A read (GET, HEAD, OPTIONS) then runs once more on fresh connections; a write never runs twice.
A request that cannot be answered for want of the database gets a 503 with Retry-After.
"""

import contextvars
import logging
import sys
import time

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_AFTER_S = 5
# Before the second try: a restarting server refuses connections for a fraction of a second.
DEFAULT_RETRY_PAUSE_S = 0.5

# What psycopg2 and libpq say when the server went away or is not taking connections yet.
LOST_CONNECTION_MESSAGES = (
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "terminating connection due to unexpected postmaster exit",
    "connection already closed",
    "could not receive data from server",
    "could not send data to server",
    "no connection to the server",
    "ssl syscall error",
    "the database system is shutting down",
    "the database system is starting up",
    "the database system is in recovery mode",
    "the database system is not yet accepting connections",
    "connection refused",
)
# SQLSTATE class 57 (operator intervention): admin shutdown, crash shutdown, cannot connect now.
LOST_CONNECTION_CODES = frozenset({"57P01", "57P02", "57P03"})

UNAVAILABLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Back in a moment · CCI Portal</title>
</head>
<body>
  <main id="main">
    <h1>Back in a moment <span lang="zh-Hans">请稍候</span></h1>
    <p>The portal cannot reach its database just now. Please try again in a few seconds.</p>
    <p lang="zh-Hans">门户暂时无法连接数据库。请几秒钟后再试。</p>
    <p><a href="/">Home</a> · <a href="/zh-hans/" lang="zh-Hans">首页</a></p>
  </main>
</body>
</html>
"""


def is_lost_connection(error: BaseException | None) -> bool:
    """Whether ``error`` says the database connection dropped or could not be made (not a bad query)."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__ or error
    if getattr(cause, "pgcode", None) in LOST_CONNECTION_CODES:
        return True
    message = str(error).lower()
    if any(marker in message for marker in LOST_CONNECTION_MESSAGES):
        return True
    # psycopg2 marks a connection it found broken as closed (2) whatever the message said.
    return any(getattr(connection.connection, "closed", 0) for connection in connections.all(initialized_only=True))


class _ConnectionLost(BaseException):
    """Raised from ``got_request_exception`` to carry a lost connection past Django's conversions."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


# The request RetryReadsMiddleware is running, so the receiver unwinds only what it will catch.
_current: contextvars.ContextVar[object | None] = contextvars.ContextVar("retry_reads_request", default=None)


def _unwind_on_lost_connection(sender, request=None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is None or _current.get() is not request or not is_lost_connection(error):
        return
    raise _ConnectionLost(error) from error


got_request_exception.connect(_unwind_on_lost_connection, dispatch_uid="cci_portal.resilience")


def unavailable(request) -> HttpResponse:
    """503 with Retry-After: JSON on the API (its error shape), a page without the database elsewhere."""
    if request.path.startswith("/api/"):
        detail = "The database is unavailable for a moment; try again in a few seconds."
        response = JsonResponse({"detail": detail, "errors": {}}, status=503)
    else:
        response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_S)
    response["Cache-Control"] = "no-store"
    return response


class RetryReadsMiddleware:
    """A read whose database connection dropped runs once more, whole, on a new connection.

    Only errors that say the connection is gone count (``is_lost_connection``): a bad query still
    fails as it did. A read that fails so twice, and a write that fails so once, get a 503 with
    Retry-After instead of the 500 page; a write is never run again, since its first run may have
    committed before the connection dropped.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.pause_s = getattr(settings, "RETRY_READS_PAUSE_S", DEFAULT_RETRY_PAUSE_S)

    def __call__(self, request):
        arrived = dict(vars(request))
        arrived_meta = dict(request.META)
        tries = 2 if request.method in SAFE_METHODS else 1
        for attempt in range(1, tries + 1):
            try:
                return self._attempt(request)
            except _ConnectionLost as lost:
                connections.close_all()
                if attempt < tries:
                    logger.warning("Database connection lost on %s %s; trying once more", request.method, request.path)
                    time.sleep(self.pause_s)
                    # The second run sees the request as it arrived here, not as the first run left it.
                    vars(request).clear()
                    vars(request).update(arrived)
                    request.META = dict(arrived_meta)
                    continue
                # django.request logs the 503 itself, as an error; this says why.
                logger.warning("Database unavailable on %s %s: %s", request.method, request.path, lost.error)
        return unavailable(request)

    def _attempt(self, request):
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
