"""Partners authenticate with an API key sent as ``Authorization: Api-Key <key>``."""

from django.contrib.auth.models import AnonymousUser
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from cci_portal.models import ApiKey
from cci_portal.services import api_key_touch

KEYWORD = "Api-Key"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """A valid key identifies a partner (``request.auth``) without a user: it reads, it never writes.

    An unknown or revoked key is refused with 401 rather than treated as anonymous, so a partner
    notices at once.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as: Authorization: Api-Key <key>."))
        try:
            raw_key = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("Unknown API key.")) from error
        api_key = ApiKey.objects.for_raw_key(raw_key)
        if api_key is None:
            raise exceptions.AuthenticationFailed(_("Unknown API key."))
        if api_key.is_revoked:
            raise exceptions.AuthenticationFailed(
                _("This API key was revoked on %(date)s; ask the CCI bureau for a new one.")
                % {"date": date_format(api_key.revoked_at, "Y-m-d")}
            )
        api_key_touch(api_key=api_key)
        return (AnonymousUser(), api_key)

    def authenticate_header(self, request):
        return f'{KEYWORD} realm="api"'
