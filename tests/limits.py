"""The abuse limits wired in for a test, whether or not the settings name them yet: the pages'
rate-limit middleware and the API's HTTP Basic that django-axes and the failed-login limit see.
Once ``cci_portal/settings.py`` has them, these change nothing."""

import subprocess
import sys
from pathlib import Path

from rest_framework.authentication import BasicAuthentication
from rest_framework.views import APIView

from cci_portal.api.authentication import PasswordAuthentication
from core.ratelimit import Rate

ROOT = Path(__file__).resolve().parent.parent
PAGE_RATE_LIMIT_MIDDLEWARE = "core.ratelimit.PageRateLimitMiddleware"
AUTHENTICATION_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"


def with_password_authentication(monkeypatch) -> None:
    """The API's authentications with :class:`PasswordAuthentication` in place of DRF's Basic."""
    classes = [PasswordAuthentication if cls is BasicAuthentication else cls for cls in APIView.authentication_classes]
    monkeypatch.setattr(APIView, "authentication_classes", classes)


def with_page_rate_limits(settings) -> None:
    """The pages' rate limit in the middleware, just after authentication (it exempts signed-in staff)."""
    if PAGE_RATE_LIMIT_MIDDLEWARE in settings.MIDDLEWARE:
        return
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(AUTHENTICATION_MIDDLEWARE) + 1, PAGE_RATE_LIMIT_MIDDLEWARE)
    settings.MIDDLEWARE = middleware


def frozen_clock(monkeypatch, at: float = 1_800_000_000.0) -> list[float]:
    """Every window's clock stopped at ``at``; move it with ``clock[0] += seconds``."""
    clock = [at]
    monkeypatch.setattr("core.ratelimit.now", lambda: clock[0])
    return clock


# Counts ``times`` requests against a key in a process of its own, on a file-based cache.
_COUNT_ELSEWHERE = """
import sys
import django
from django.conf import settings
settings.configure(CACHES={"default": {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": sys.argv[1]}})
django.setup()
from core.ratelimit import Rate, hit
rate = Rate(limit=int(sys.argv[3]), seconds=int(sys.argv[4]))
print([hit(sys.argv[2], rate).count for _ in range(int(sys.argv[5]))][-1])
"""


def file_cache(settings, location: Path) -> None:
    """The default cache in files under ``location``: one store that several processes share."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(location)}
    }


def count_in_another_process(location: Path, key: str, rate: Rate, times: int) -> int:
    """Count ``times`` requests against ``key`` from another Python process; the last count it saw."""
    arguments = [str(location), key, str(rate.limit), str(rate.seconds), str(times)]
    result = subprocess.run(
        [sys.executable, "-c", _COUNT_ELSEWHERE, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return int(result.stdout.strip())
