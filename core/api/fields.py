"""Serializer fields shared by the apps' APIs."""

import re
from decimal import Decimal

from django.conf import settings
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.validators import GreaterThanValidator, WebAddressValidator


@extend_schema_field(OpenApiTypes.URI)
class PublicUrlField(serializers.Field):
    """The absolute URL of the record's public page, in the site's default language."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", _("The record's page on the public site."))
        super().__init__(**kwargs)

    def to_representation(self, value):
        with translation.override(settings.LANGUAGE_CODE):
            path = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class RecordApiUrlField(serializers.HyperlinkedIdentityField):
    """The absolute URL of the record in the API, without the request's ``format`` parameter: DRF's
    own keeps it, so a CSV export's rows linked to ``…/?format=csv`` rather than to the record."""

    def get_url(self, obj, view_name, request, format):
        if getattr(obj, "pk", None) in (None, ""):
            return None
        path = reverse(view_name, kwargs={self.lookup_url_kwarg: getattr(obj, self.lookup_field)})
        return request.build_absolute_uri(path) if request else path


def decimal_pattern(
    *, max_digits: int, decimal_places: int, min_value=None, max_value=None, above_zero: bool = False
) -> str:
    """The one spelling of a decimal the API takes: digits, then at most ``decimal_places`` after a
    point, no exponent, no spaces, no leading zeros; a minus sign only where negatives are allowed.

    The bounds are spelt into the pattern too (a string's schema has no ``minimum``): whole-number
    bounds of ``0 … max_value`` or ``-max_value … max_value``, and ``above_zero`` for a lower bound
    the value must pass (:class:`core.validators.GreaterThanValidator` of 0).
    """
    places = decimal_places
    fraction = rf"(?:\.\d{{1,{places}}})?" if places else ""
    signed = (min_value is None or min_value < 0) and not above_zero
    if min_value is not None and min_value not in (0, -(max_value or 0)):
        raise ValueError(f"A decimal's pattern spells bounds of 0 or ±max_value, not {min_value}.")
    largest = 10 ** (max_digits - places) - 1
    if max_value is None or max_value > largest:
        magnitude = _whole_numbers(largest, start=1 if above_zero else 0) + fraction
    else:
        if max_value != int(max_value):
            raise ValueError(f"A decimal's pattern spells whole-number bounds, not {max_value}.")
        at_limit = rf"{int(max_value)}(?:\.0{{1,{places}}})?" if places else str(int(max_value))
        magnitude = rf"(?:{_whole_numbers(int(max_value) - 1, start=1 if above_zero else 0)}{fraction}|{at_limit})"
    if above_zero and places:
        # 0.5, 0.05 ...: a fraction with one digit above zero, within the places allowed.
        small = "|".join(f"{'0' * zeros}[1-9]{_any_digits(0, places - 1 - zeros)}" for zeros in range(places))
        magnitude = rf"(?:{magnitude}|0\.(?:{small}))"
    return rf"^{'-?' if signed else ''}{magnitude}$"


def _whole_numbers(limit: int, *, start: int = 0) -> str:
    """A regular expression for the whole numbers ``start`` (0 or 1) to ``limit``, without leading zeros."""
    digits = str(limit)
    options = ["0"] if start == 0 else []
    if set(digits) == {"9"}:  # every number of up to len(digits) digits
        return f"(?:{'|'.join([*options, '[1-9]' + _any_digits(0, len(digits) - 1)])})"
    if len(digits) > 1:  # the shorter numbers
        options.append("[1-9]" + _any_digits(0, len(digits) - 2))
    for position, digit in enumerate(digits):  # as long as the limit: below it from this digit on
        lowest = 1 if position == 0 else 0
        if int(digit) - 1 >= lowest:
            rest = len(digits) - position - 1
            options.append(f"{digits[:position]}[{lowest}-{int(digit) - 1}]{_any_digits(rest, rest)}")
    options.append(digits)
    return f"(?:{'|'.join(options)})"


def _any_digits(fewest: int, most: int) -> str:
    if most == 0:
        return ""
    if fewest == most:
        return r"\d" if most == 1 else rf"\d{{{most}}}"
    return rf"\d{{{fewest},{most}}}"


class DecimalStringField(serializers.DecimalField):
    """A decimal sent and given as a string such as ``"1250000.00"``, spelt as :func:`decimal_pattern`
    says, which is the pattern in the schema: a JSON number, ``"1e6"``, ``" 5"`` or ``""`` is refused
    (DRF would read a blank string as null)."""

    default_error_messages = {
        "spelling": _("Send a string of digits with at most {places} after the point, such as “{example}”."),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        above_zero = any(
            isinstance(validator, GreaterThanValidator) and validator.limit_value == 0 for validator in self.validators
        )
        self.pattern = decimal_pattern(
            max_digits=self.max_digits,
            decimal_places=self.decimal_places,
            min_value=self.min_value,
            max_value=self.max_value,
            above_zero=above_zero,
        )

    def validate_empty_values(self, data):
        return serializers.Field.validate_empty_values(self, data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not re.fullmatch(self.pattern, data):
            if isinstance(data, str) and re.fullmatch(self.spelling, data):
                self.run_validators(Decimal(data))  # well spelt, out of bounds: say which bound
            example = f"{12:.{self.decimal_places}f}"
            self.fail("spelling", places=self.decimal_places, example=example)
        return super().to_internal_value(data)

    @property
    def spelling(self) -> str:
        """Any decimal within the field's digits, whatever its bounds."""
        return decimal_pattern(max_digits=self.max_digits, decimal_places=self.decimal_places)


class WebAddressField(serializers.URLField):
    """A web page's address, checked as the model checks it (``http`` or ``https``, a host DNS allows)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [validator for validator in self.validators if not isinstance(validator, URLValidator)] + [
            WebAddressValidator(message=self.error_messages["invalid"])
        ]


class SentLengthCharField(serializers.CharField):
    """DRF's text, its ``max_length`` counted on the text as sent: the schema's ``maxLength`` is of
    what the client sends, and DRF would count only what is left once whitespace is stripped."""

    def run_validation(self, data=serializers.empty):
        # Only where stripping would hide the excess: otherwise DRF reports it, with its other messages.
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length >= len(data.strip()):
            self.fail("max_length", max_length=self.max_length)
        return super().run_validation(data)


class StrictBooleanField(serializers.BooleanField):
    """``true`` or ``false`` as JSON has them; DRF's own also takes ``1``, ``"yes"`` or ``"on"``,
    which the schema does not."""

    default_error_messages = {"strict": _("Send true or false.")}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("strict")
        return data
