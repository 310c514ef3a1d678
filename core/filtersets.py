"""FilterSet bases of every app: one FilterSet per model serves the REST API and the list page alike.

Filters that take several values accept them repeated (``?status=a&status=b``), comma-separated
(``?status=a,b``) or both. Every FilterSet has a ``q`` filter backed by the one search rule
(:meth:`core.querysets.SearchableQuerySet.search`).
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.search import SEARCH_MAX_LENGTH


class MultipleValueWidget(forms.SelectMultiple):
    """Reads a parameter given several times, comma-separated, or both: ``a&x=b,c`` gives ``[a, b, c]``."""

    def value_from_datadict(self, data, files, name):
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        values = []
        for item in raw:
            if item is None:
                continue
            values.extend(part.strip() for part in str(item).split(",") if part.strip())
        return values


class CountryCodesField(forms.Field):
    """One or more ISO 3166-1 alpha-2 codes, in any case; cleaned to upper case."""

    widget = MultipleValueWidget
    code_pattern = re.compile(r"^[A-Za-z]{2}$")
    default_error_messages = {
        "invalid_code": _("“%(value)s” is not an ISO 3166-1 alpha-2 country code, such as SG or CN."),
    }

    def to_python(self, value):
        if not value:
            return []
        codes = []
        for item in value:
            if not self.code_pattern.match(item):
                raise ValidationError(self.error_messages["invalid_code"], code="invalid_code", params={"value": item})
            codes.append(item.upper())
        return codes


@extend_schema_field(OpenApiTypes.STR)
class CountryCodesFilter(django_filters.MultipleChoiceFilter):
    """Several ISO country codes (repeated or comma-separated)."""

    field_class = CountryCodesField


@extend_schema_field(OpenApiTypes.STR)
class KeyFilter(django_filters.ModelChoiceFilter):
    """One record named by its public key: a code, a slug or an identifier."""


@extend_schema_field(OpenApiTypes.STR)
class KeysFilter(django_filters.ModelMultipleChoiceFilter):
    """Several records named by their public keys (repeated or comma-separated)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleValueWidget)
        super().__init__(*args, **kwargs)


class SinceDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time; also repairs ``+08:00`` that arrived as `` 08:00`` (an unencoded ``+``)."""

    unencoded_offset = re.compile(r" (\d{2}:?\d{2})$")

    def to_python(self, value):
        if isinstance(value, str):
            value = self.unencoded_offset.sub(r"+\1", value.strip())
        return super().to_python(value)


class SinceFilter(django_filters.IsoDateTimeFilter):
    """``updated_since``: records whose ``updated_at`` is at or after the given time (inclusive)."""

    field_class = SinceDateTimeField

    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "help_text",
            _(
                "ISO 8601 date-time with an offset, such as 2024-05-01T00:00:00Z: records changed at or after "
                "that time. With it, the first page also lists removed records as `tombstones`."
            ),
        )
        super().__init__(**kwargs)


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering on a fixed list of fields; empty values sort last and the primary key breaks ties,
    so pages never overlap or skip a record."""

    def filter(self, qs, value):
        if not value:
            return qs
        expressions = []
        for param in value:
            field = self.get_ordering_value(param)
            if field.startswith("-"):
                expressions.append(F(field[1:]).desc(nulls_last=True))
            else:
                expressions.append(F(field).asc(nulls_last=True))
        return qs.order_by(*expressions, "pk")


def visible_choices(model):
    """A ``queryset`` callable for choice filters: what the requesting user may see of ``model``."""

    def queryset(request):
        user = getattr(request, "user", None)
        return model.objects.visible_to(user) if user is not None else model.objects.published()

    return queryset


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """Several values of a ``TextChoices`` field (repeated or comma-separated); a record matches any."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleValueWidget)
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return self.get_method(qs)(**{f"{self.field_name}__{self.lookup_expr}": value})


def search_filter(help_text) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        method="search", label=_("Search"), max_length=SEARCH_MAX_LENGTH, help_text=help_text
    )


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``q`` is the site's one search, best match first."""

    q = search_filter(_("Substring of the English or Chinese name."))

    def search(self, queryset, name, value):
        return queryset.ranked_search(value)


def bounds(filter_class, field_name: str, *, at_least: tuple, at_most: tuple, **options) -> tuple:
    """Two filters of ``field_name``, at least and at most a value: each given as (label, help text)."""
    return (
        filter_class(label=at_least[0], help_text=at_least[1], field_name=field_name, lookup_expr="gte", **options),
        filter_class(label=at_most[0], help_text=at_most[1], field_name=field_name, lookup_expr="lte", **options),
    )
