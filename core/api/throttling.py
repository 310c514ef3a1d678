"""Request rates: anonymous readers by address, partners by API key, staff by user; and failed
authentications by address.

The rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` in the settings (read at each request);
the counters are :mod:`core.ratelimit`'s, in the default cache, shared by every process that
shares it. Each answer a throttle counted carries RateLimit-* and X-RateLimit-* headers.
"""

from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from core.api.authentication import api_key_of
from core.ratelimit import Rate, client_address, hit, limit_key, usage

FAILED_LOGIN_SCOPE = "failed_login"
DEFAULT_FAILED_LOGIN_RATE = "10/min"


def configured_rate(scope: str, default: str | None = None) -> str | None:
    rates = api_settings.DEFAULT_THROTTLE_RATES
    if scope not in rates and default is None:
        raise ImproperlyConfigured(f'REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] has no rate for {scope!r}.')
    return rates.get(scope, default)


class CountedRateThrottle(SimpleRateThrottle):
    """DRF's throttle on :mod:`core.ratelimit`'s window counters. Subclasses give ``scope`` and
    :meth:`get_ident` (None: the throttle does not apply)."""

    def get_rate(self):
        return configured_rate(self.scope)

    def get_ident(self, request):
        raise NotImplementedError

    def get_cache_key(self, request, view):
        ident = self.get_ident(request)
        return None if ident is None else limit_key(self.scope, ident)

    def allow_request(self, request, view):
        key = self.get_cache_key(request, view) if self.rate is not None else None
        if key is None:
            return True
        self.usage = hit(key, Rate(limit=self.num_requests, seconds=self.duration))
        # The view copies its headers onto the answer (APIView.finalize_response), refused or not.
        if (headers := getattr(view, "headers", None)) is not None:
            headers.update(self.usage.headers())
        return not self.usage.exceeded

    def wait(self):
        return self.usage.reset_seconds


class AnonymousRateThrottle(CountedRateThrottle):
    """Readers with neither a key nor an account, counted by client address."""

    scope = "anon"

    def get_ident(self, request):
        if request.user.is_authenticated or api_key_of(request) is not None:
            return None
        return client_address(request)


class ApiKeyRateThrottle(CountedRateThrottle):
    """Partners, counted by key, whatever address they call from."""

    scope = "api_key"

    def get_ident(self, request):
        api_key = api_key_of(request)
        return None if api_key is None else api_key.pk


class StaffRateThrottle(CountedRateThrottle):
    """Signed-in users, counted by user."""

    scope = "staff"

    def get_ident(self, request):
        return request.user.pk if request.user.is_authenticated else None


class RetryLater(exceptions.APIException):
    """A 429 with Retry-After (DRF's handler sends ``wait``) and a message of its own."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "throttled"

    def __init__(self, detail, *, wait: int | None, status_code: int | None = None):
        super().__init__(detail)
        self.wait = wait
        if status_code is not None:
            self.status_code = status_code


class FailedLoginThrottle:
    """Failed authentications from one client address, whatever the usernames or keys tried.

    Checked before any credentials are (so a guesser past the limit costs no password hashing)
    and counted when they are refused. The rate is ``DEFAULT_THROTTLE_RATES["failed_login"]``.
    """

    def __init__(self, request):
        self.rate = Rate.parse(configured_rate(FAILED_LOGIN_SCOPE, DEFAULT_FAILED_LOGIN_RATE))
        self.key = limit_key(FAILED_LOGIN_SCOPE, client_address(request))

    def check(self) -> None:
        if self.rate is None:
            return
        standing = usage(self.key, self.rate)
        if standing.count >= self.rate.limit:
            seconds = standing.reset_seconds
            raise RetryLater(
                ngettext(
                    "Too many failed login attempts from your address: try again in %(seconds)d second.",
                    "Too many failed login attempts from your address: try again in %(seconds)d seconds.",
                    seconds,
                )
                % {"seconds": seconds},
                wait=seconds,
            )

    def failed(self) -> None:
        if self.rate is not None:
            hit(self.key, self.rate)


@contextmanager
def failures_counted(request):
    """Refuse an address past its failed-login limit, then count a refusal of the credentials inside."""
    throttle = FailedLoginThrottle(request)
    throttle.check()
    try:
        yield
    except exceptions.APIException:
        throttle.failed()
        raise
