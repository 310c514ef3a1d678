"""Request rates: anonymous readers by address, partners by API key, staff by user.

The rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` in the settings; the counters live in the
default cache.
"""

from rest_framework.throttling import SimpleRateThrottle

from core.api.authentication import api_key_of


class AnonymousRateThrottle(SimpleRateThrottle):
    """Readers with neither a key nor an account, counted by client address."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated or api_key_of(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ApiKeyRateThrottle(SimpleRateThrottle):
    """Partners, counted by key, whatever address they call from."""

    scope = "api_key"

    def get_cache_key(self, request, view):
        api_key = api_key_of(request)
        if api_key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": api_key.pk}


class StaffRateThrottle(SimpleRateThrottle):
    """Signed-in users, counted by user."""

    scope = "staff"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
