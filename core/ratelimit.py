"""Request limits per client: counted in Django's default cache, so every process that shares the
cache (Redis, Memcached, a database table) counts into the same counter; never in process memory.

A limit is a rate such as ``300/min`` (DRF's notation). A client's window opens with its first
request and lasts the rate's period; within it the client may make that many requests, and the
next ones are refused until the window ends. One counter per window, raised with the cache's
``incr`` (atomic on Redis and Memcached), so a counted request costs two cache round trips.

Used by the API's throttles and failed-login limit (``core.api.throttling``) and by the pages'
limit (:class:`PageRateLimitMiddleware`).
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from rest_framework.throttling import BaseThrottle

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Every page counts towards "pages"; a URL name listed beside it counts towards its own limit too.
# The settings' PAGE_RATE_LIMITS replace these; a limit of None is no limit.
DEFAULT_PAGE_RATE_LIMITS = {"pages": "300/min", "search": "60/min"}
PAGES = "pages"
# What the API's throttles and a refused page tell the client: the IETF draft's fields (Reset in
# seconds) and the older X- fields (Reset as the Unix time the window ends, as GitHub gives it).
RATE_LIMIT_HEADERS = (
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
)


def now() -> float:
    """The clock of every window (a function, so tests can move it)."""
    return time.time()


@dataclass(frozen=True)
class Rate:
    """``limit`` requests per ``seconds``."""

    limit: int
    seconds: int

    @classmethod
    def parse(cls, text: str | None) -> "Rate | None":
        """``"300/min"`` as ``Rate(300, 60)``; the period is ``s``, ``min``, ``hour`` or ``day``. None stays None."""
        if text is None:
            return None
        count, _, period = str(text).partition("/")
        try:
            return cls(limit=int(count), seconds=PERIODS[period.strip()[:1]])
        except (KeyError, ValueError):
            raise ImproperlyConfigured(f"A rate is written like 300/min, not {text!r}.") from None


@dataclass(frozen=True)
class Usage:
    """Where a client stands in a limit's current window."""

    rate: Rate
    count: int
    resets_at: float
    at: float

    @property
    def remaining(self) -> int:
        return max(self.rate.limit - self.count, 0)

    @property
    def exceeded(self) -> bool:
        return self.count > self.rate.limit

    @property
    def reset_seconds(self) -> int:
        """Whole seconds until the window ends (at least 1): the Retry-After of a refusal."""
        return max(math.ceil(self.resets_at - self.at), 1)

    def headers(self) -> dict[str, str]:
        limit, remaining, reset = str(self.rate.limit), str(self.remaining), str(self.reset_seconds)
        return {
            "RateLimit-Limit": limit,
            "RateLimit-Remaining": remaining,
            "RateLimit-Reset": reset,
            "X-RateLimit-Limit": limit,
            "X-RateLimit-Remaining": remaining,
            "X-RateLimit-Reset": str(math.ceil(self.resets_at)),
        }


def limit_key(scope: str, ident: str) -> str:
    return f"ratelimit:{scope}:{ident}"


def _window_opened(key: str, rate: Rate, at: float, *, open_new: bool) -> float | None:
    """When ``key``'s current window opened; with ``open_new``, a window opens at ``at`` if none is running."""
    opened = cache.get(key)
    if opened is not None and opened + rate.seconds > at:
        return opened
    if not open_new:
        return None
    if opened is None and not cache.add(key, at, rate.seconds):
        # Another process opened the window between the two calls: count in its window.
        return cache.get(key, at)
    if opened is not None:
        # Past its end but not yet expired from the cache (the cache's clock runs apart from ours).
        cache.set(key, at, rate.seconds)
    return at


def hit(key: str, rate: Rate) -> Usage:
    """Count one request against ``key``'s limit; the usage includes it."""
    at = now()
    opened = _window_opened(key, rate, at, open_new=True)
    counter = f"{key}:{opened!r}"
    try:
        count = cache.incr(counter)
    except ValueError:  # the window's first request
        count = 1 if cache.add(counter, 1, rate.seconds) else cache.incr(counter)
    return Usage(rate=rate, count=count, resets_at=opened + rate.seconds, at=at)


def usage(key: str, rate: Rate) -> Usage:
    """Where ``key`` stands, without counting a request."""
    at = now()
    opened = _window_opened(key, rate, at, open_new=False)
    if opened is None:
        return Usage(rate=rate, count=0, resets_at=at + rate.seconds, at=at)
    return Usage(rate=rate, count=cache.get(f"{key}:{opened!r}", 0), resets_at=opened + rate.seconds, at=at)


def request_address(request) -> str | None:
    """The client's address as the site believes it: the connection's, or the one that the number
    of proxies in ``REST_FRAMEWORK["NUM_PROXIES"]`` vouch for in X-Forwarded-For (DRF's rule)."""
    return BaseThrottle().get_ident(request)


def client_address(request) -> str:
    """What a limit counts by: :func:`request_address`, an IPv6 client by its /64 (the block one
    subscriber is given, so rotating addresses within it gains nothing)."""
    ident = request_address(request) or "unknown"
    try:
        address = ipaddress.ip_address(ident)
    except ValueError:
        # A forwarded value that is no address: still one client, under a key safe for any cache.
        return "unparsed-" + hashlib.sha256(ident.encode()).hexdigest()[:32]
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class PageRateLimitMiddleware:
    """Refuses an address that asked for more pages than ``PAGE_RATE_LIMITS`` allow, with 429: the
    site's own page (``429.html``) in the reader's language, with Retry-After.

    Not counted: static files; DRF views, which have the API's throttles; the admin for signed-in
    staff (its login page counts, beside django-axes' lockout). Goes after LocaleMiddleware (the
    page's language) and AuthenticationMiddleware (who is staff).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = None
        for scope, rate in self.limits(request):
            address = address or client_address(request)
            counted = hit(limit_key(f"page-{scope}", address), rate)
            if counted.exceeded:
                return too_many_requests(request, counted)
        return self.get_response(request)

    def limits(self, request) -> list[tuple[str, Rate]]:
        """The limits ``request`` counts towards, as (scope, rate)."""
        static_url = settings.STATIC_URL or ""
        if static_url.startswith("/") and request.path.startswith(static_url):
            return []
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            match = None
        if match is not None and self.exempt(request, match):
            return []
        configured = getattr(settings, "PAGE_RATE_LIMITS", DEFAULT_PAGE_RATE_LIMITS)
        scopes = [PAGES]
        if match is not None and match.url_name != PAGES and match.url_name in configured:
            scopes.append(match.url_name)
        return [(scope, rate) for scope in scopes if (rate := Rate.parse(configured.get(scope))) is not None]

    @staticmethod
    def exempt(request, match) -> bool:
        if hasattr(getattr(match.func, "cls", None), "throttle_classes"):
            return True
        if match.app_name == "admin" and match.url_name != "login":
            user = getattr(request, "user", None)
            return bool(user is not None and user.is_active and user.is_staff)
        return False


def too_many_requests(request, counted: Usage):
    """The 429 page: never kept by a cache on the way, so it reaches only the client refused."""
    response = render(request, "429.html", {"retry_after": counted.reset_seconds}, status=429)
    response["Retry-After"] = str(counted.reset_seconds)
    for name, value in counted.headers().items():
        response[name] = value
    add_never_cache_headers(response)
    return response
