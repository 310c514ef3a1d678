"""What the API's permissions and throttles need to know of how a request was authenticated."""


def api_key_of(request):
    """The partner's API key a request was authenticated with, if any.

    An authentication that identifies a partner key gives ``request.auth`` without a user (see
    ``cci_portal.api.authentication.ApiKeyAuthentication``); sessions and passwords give a user.
    """
    auth = getattr(request, "auth", None)
    user = getattr(request, "user", None)
    if auth is None or (user is not None and user.is_authenticated):
        return None
    return auth
