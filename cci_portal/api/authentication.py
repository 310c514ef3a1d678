"""Who calls the API: partners with ``Authorization: Api-Key <key>``, staff with HTTP Basic.

Any other Authorization header is refused with 401 rather than read as anonymous. A refusal of
credentials counts towards the address's failed-login limit (``core.api.throttling``); a wrong
password also counts towards django-axes' lockout, the same one as the admin's login.
"""

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from cci_portal.models import ApiKey
from cci_portal.services import api_key_touch
from core.api.throttling import RetryLater, failures_counted

KEYWORD = "Api-Key"
BASIC = b"basic"
UNSUPPORTED = _(
    "Unsupported Authorization header: send Api-Key <key> (partners) or Basic <user:password in base64> (staff)."
)


def _scheme(request) -> bytes | None:
    """The Authorization header's scheme in lower case; None without the header, b"" when it is blank."""
    if "HTTP_AUTHORIZATION" not in request.META:
        return None
    header = authentication.get_authorization_header(request).split()
    return header[0].lower() if header else b""


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """A valid key identifies a partner (``request.auth``) without a user: it reads, it never writes.

    First of the API's authentications, so it also refuses a header in a scheme no authentication
    takes (``Bearer``, ``Token``, garbage). An unknown, revoked or expired key is refused with 401 rather
    than treated as anonymous, so a partner notices at once.
    """

    def authenticate(self, request):
        scheme = _scheme(request)
        if scheme is None or scheme == BASIC:
            return None
        with failures_counted(request):
            if scheme != KEYWORD.lower().encode():
                raise exceptions.AuthenticationFailed(UNSUPPORTED)
            api_key = self.valid_key(authentication.get_authorization_header(request).split())
        api_key_touch(api_key=api_key)
        return (AnonymousUser(), api_key)

    def valid_key(self, header: list[bytes]) -> ApiKey:
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
                # In the bureau's time zone: date_format would print the UTC date of the aware time.
                % {"date": date_format(timezone.localtime(api_key.revoked_at), "Y-m-d")}
            )
        if api_key.is_expired:
            raise exceptions.AuthenticationFailed(
                _("This API key expired: its last day was %(date)s; ask the CCI bureau for a new one.")
                % {"date": api_key.expires_on.isoformat()}
            )
        return api_key

    def authenticate_header(self, request):
        return f'{KEYWORD} realm="api"'


class PasswordAuthentication(authentication.BasicAuthentication):
    """Staff over HTTP Basic, guarded as the admin's login is.

    django-axes sees every attempt (its backend comes first in ``AUTHENTICATION_BACKENDS``): the
    admin's lockout of a username from an address holds here too, and a locked account is told
    so (429, Retry-After the cool-off) instead of "Invalid username/password.".
    """

    def authenticate(self, request):
        if _scheme(request) != BASIC:
            return None
        with failures_counted(request):
            return super().authenticate(request)

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            # axes marks the request when this failure locked the account, or it was locked already.
            if getattr(request, "axes_locked_out", False):
                raise account_locked(request, {"username": userid}) from None
            raise


def account_locked(request, credentials: dict) -> RetryLater:
    """The admin's lockout page in a sentence or two (the same messages, so the same translations)."""
    limit = get_failure_limit(request, credentials)
    sentences = [
        ngettext(
            "Too many failed login attempts: after %(limit)s wrong password, logins for this account "
            "from your address are locked.",
            "Too many failed login attempts: after %(limit)s wrong passwords, logins for this account "
            "from your address are locked.",
            limit,
        )
        % {"limit": limit}
    ]
    cool_off = get_cool_off(request)
    wait = None if cool_off is None else int(cool_off.total_seconds())
    if wait is None:
        sentences.append(
            gettext(
                "If you have forgotten your password, ask a bureau administrator to reset it "
                "and to unlock your account."
            )
        )
    else:
        minutes = wait // 60
        sentences.append(
            ngettext("Try again in %(minutes)s minute.", "Try again in %(minutes)s minutes.", minutes)
            % {"minutes": minutes}
        )
    return RetryLater(" ".join(sentences), wait=wait, status_code=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429))
