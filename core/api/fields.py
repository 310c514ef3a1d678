"""Serializer fields shared by the apps' APIs."""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


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


def decimal_pattern(*, max_digits: int, decimal_places: int, signed: bool) -> str:
    """The one spelling of a decimal the API takes: digits, then at most ``decimal_places`` after a
    point, no exponent, no spaces, no leading zeros; a minus sign only where negatives are allowed."""
    whole = max_digits - decimal_places
    fraction = rf"(?:\.\d{{1,{decimal_places}}})?" if decimal_places else ""
    return rf"^{'-?' if signed else ''}(?:0|[1-9]\d{{0,{whole - 1}}}){fraction}$"


class DecimalStringField(serializers.DecimalField):
    """A decimal sent and given as a string such as ``"1250000.00"``, spelt as :func:`decimal_pattern`
    says, which is the pattern in the schema: a JSON number, ``"1e6"`` or ``" 5"`` is refused."""

    default_error_messages = {
        "spelling": _("Send a string of digits with at most {places} after the point, such as “{example}”."),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pattern = decimal_pattern(
            max_digits=self.max_digits,
            decimal_places=self.decimal_places,
            signed=self.min_value is None or self.min_value < 0,
        )

    def to_internal_value(self, data):
        if not isinstance(data, str) or not re.fullmatch(self.pattern, data):
            if isinstance(data, str) and data.startswith("-") and re.fullmatch(self.pattern, data[1:]):
                self.fail("min_value", min_value=self.min_value)
            example = f"{12:.{self.decimal_places}f}"
            self.fail("spelling", places=self.decimal_places, example=example)
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """``true`` or ``false`` as JSON has them; DRF's own also takes ``1``, ``"yes"`` or ``"on"``,
    which the schema does not."""

    default_error_messages = {"strict": _("Send true or false.")}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("strict")
        return data
