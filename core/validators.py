"""Field validators of every app, each stating its rule once for the forms, the API and its schema."""

import functools
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator, DomainNameValidator, URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _


@deconstructible
class GreaterThanValidator(BaseValidator):
    """A value strictly above ``limit_value`` (Django's ``MinValueValidator`` lets the limit itself in)."""

    message = _("Ensure this value is greater than %(limit_value)s.")
    code = "min_value"

    def compare(self, a, b):
        return a <= b


@functools.cache
def _web_address_pattern() -> str:
    """Django's URL rule (:class:`~django.core.validators.URLValidator`, built from its own parts)
    as a JSON Schema pattern, with this validator's own: ``http`` or ``https`` in any case, no
    user or password, a host of at most 253 characters. What Python reads differently from the
    schema's regular expressions is spelt out: case, white space, and the characters ``urlsplit``
    refuses in a host (those whose compatibility form holds ``/ ? # @ :``, such as U+FF0F, the full-width solidus)."""
    space = "".join(_escaped(char) for char in map(chr, range(0x10000)) if char.isspace())
    scheme = "[Hh][Tt][Tt][Pp][Ss]?://"
    domain = DomainNameValidator.hostname_re + DomainNameValidator.domain_re + DomainNameValidator.tld_re
    localhost = "".join(f"[{char.upper()}{char}]" for char in "localhost")
    host = f"(?:{URLValidator.ipv4_re}|{domain}|{localhost})".replace("a-z", "a-zA-Z")
    host = host.replace(DomainNameValidator.ul, _host_letters())
    nul = _escaped("\x00")  # DRF refuses a NUL in any text, an address's path and query too
    return rf"^(?!{scheme}[^:/?#]{{254}}){scheme}{host}(?::[0-9]{{1,5}})?(?:[/?#][^{nul}{space}]*)?$"


def _host_letters() -> str:
    """Django's non-ASCII letters of a host (``¡`` to ``\uffff``), without those ``urlsplit`` refuses."""
    refused = [
        code
        for code in range(0xA1, 0x10000)
        if any(mark in unicodedata.normalize("NFKC", chr(code)) for mark in "/?#@:")
    ]
    ranges, start = [], 0xA1
    for code in [*refused, 0x10000]:
        if code > start:
            ranges.append(f"{_escaped(chr(start))}-{_escaped(chr(code - 1))}")
        start = code + 1
    return "".join(ranges)


def _escaped(char: str) -> str:
    return f"\\u{ord(char):04x}"


@deconstructible
class WebAddressValidator(URLValidator):
    """A web page's address: ``http`` or ``https``, with a host name DNS allows (at most 253
    characters), and no user or password (a public link never needs one).

    ``openapi_pattern`` says the same in the schema (an IPv6 host, which the registry has no use
    for, is left out of it).
    """

    @classproperty
    def openapi_pattern(cls) -> str:
        # Built when the schema asks (35 ms: every character of the BMP is looked at), not at import.
        return _web_address_pattern()

    message = _("Enter a valid web address: http:// or https://, a host name, no user or password.")

    def __init__(self, **kwargs):
        kwargs.setdefault("schemes", ["http", "https"])
        super().__init__(**kwargs)

    def __call__(self, value):
        super().__call__(value)
        if "@" in urlsplit(value).netloc:
            raise ValidationError(self.message, code=self.code, params={"value": value})
