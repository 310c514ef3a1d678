"""Health endpoints for load balancers and orchestrators, answered before any other middleware.

``/healthz`` says the process is alive (it touches nothing). ``/readyz`` says whether it can
serve: the database answers, and so does the cache when it is shared (a process's own memory
cannot fail). Both answer JSON with 200 or 503, whatever the ``Host`` header (a probe often
sends an address, not a name in ``ALLOWED_HOSTS``), over plain HTTP (no SSL redirect), never
counted by a rate limit, and a 503 is logged once as a warning, not as a server error.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

LOCAL_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


class HealthMiddleware:
    """Answers ``/healthz`` and ``/readyz``; passes every other request on."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.checks = {"/healthz": alive, "/readyz": ready}

    def __call__(self, request):
        check = self.checks.get(request.path_info)
        if check is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"status": "error", "detail": "Use GET or HEAD."}, status=405)
            response["Allow"] = "GET, HEAD"
        else:
            response = check()
        add_never_cache_headers(response)
        response._has_been_logged = True  # not Django's "Service Unavailable" error log
        return response


def alive() -> JsonResponse:
    return JsonResponse({"status": "ok"})


def ready() -> JsonResponse:
    started = time.monotonic()
    checks = {"database": _database()}
    if settings.CACHES["default"]["BACKEND"] not in LOCAL_CACHES:
        checks["cache"] = _cache()
    failed = [name for name, outcome in checks.items() if outcome != "ok"]
    body = {
        "status": "unavailable" if failed else "ok",
        "checks": checks,
        "seconds": round(time.monotonic() - started, 3),
    }
    if failed:
        logger.warning("Not ready: %s", ", ".join(f"{name} {checks[name]}" for name in failed))
    return JsonResponse(body, status=503 if failed else 200)


def _database() -> str:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        connection.close()  # a broken connection is not kept for the next request
        return f"error: {type(error).__name__}"
    return "ok"


def _cache() -> str:
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", 10)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # any backend's own error: the cache cannot be used
        return f"error: {type(error).__name__}"
    return "ok" if answered == "1" else "error: the value written was not read back"
