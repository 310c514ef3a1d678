"""FilterSet bases of every app: one FilterSet per model serves the REST API and the list page alike.

Filters that take several values accept them repeated (``?status=a&status=b``), comma-separated
(``?status=a,b``) or both. Every FilterSet has a ``q`` filter backed by the one search rule
(:meth:`core.querysets.SearchableQuerySet.search`).
"""

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BaseCSVWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.localization import CHINESE, reader_language
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


@extend_schema_field({"type": "string", "pattern": "^[A-Za-z]{2}$"})
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
    """An ISO 8601 date-time, in UTC; also repairs ``+08:00`` that arrived as `` 08:00`` (an unencoded ``+``)."""

    unencoded_offset = re.compile(r" (\d{2}:?\d{2})$")

    def to_python(self, value):
        if isinstance(value, str):
            if value and not value.strip():  # blank is not absent: a tab is no time
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = self.unencoded_offset.sub(r"+\1", value.strip())
        value = super().to_python(value)
        if value is None:
            return None
        # In UTC: PostgreSQL refuses an offset beyond ±15:59, which ISO 8601 allows (up to ±23:59).
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:  # 0001-01-01T00:00+01:00 is in year 0 in UTC
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


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


def ordering_terms(raw: str | None) -> list[str]:
    """The terms of an ``ordering`` value: ``"-amount_usd, ,title,"`` gives ``["-amount_usd", "title"]``."""
    return [term.strip() for term in (raw or "").split(",") if term.strip()]


class OrderingWidget(BaseCSVWidget, forms.Select):
    """Reads ``ordering`` with :func:`ordering_terms`, as every list parameter reads its values."""

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        return None if raw is None else ordering_terms(raw)


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering on a fixed list of fields, comma-separated, each prefixed with ``-`` for descending;
    empty values sort last and the primary key breaks ties, so pages never overlap or skip a record.

    An empty term (``?ordering=,``, ``?ordering=title,,``) or an unknown field is refused, on the
    pages (a notice, status 400) and in the API (a 400 naming ``ordering``) alike: the FilterSet's
    form checks the raw value (:class:`OrderingTermsCheck`), as the widget drops empty terms.
    """

    def __init__(self, *args, chinese_fields: dict[str, str] | None = None, **kwargs):
        """``chinese_fields`` maps a field to the one sorting it for a Chinese reader (a title to its
        pinyin key), used when the FilterSet's ``lang`` is ``zh`` or, without one, on the Chinese site."""
        kwargs.setdefault("widget", OrderingWidget)
        self.chinese_fields = chinese_fields or {}
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        fields = self.chinese_fields if self.for_chinese_reader() else {}
        expressions = []
        for param in value:
            field = self.get_ordering_value(param)
            descending = field.startswith("-")
            field = field.removeprefix("-")
            field = fields.get(field, field)
            expressions.append(F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True))
        return qs.order_by(*expressions, "pk")

    def for_chinese_reader(self) -> bool:
        form = getattr(getattr(self, "parent", None), "form", None)
        language = form.cleaned_data.get("lang") if form is not None and hasattr(form, "cleaned_data") else None
        if language:
            return language == "zh"
        return reader_language() == CHINESE


def language_filter() -> django_filters.ChoiceFilter:
    """``lang``: the reader's language where a list has one to choose (sorting titles, the OC4IDS package)."""
    return django_filters.ChoiceFilter(
        label=_("Language"),
        choices=[("en", "English"), ("zh", "中文")],
        method=lambda queryset, name, value: queryset,
        help_text=_(
            "en or zh: the language of the sort by title (pinyin order for zh) and of the OC4IDS package. "
            "Default: the language of the request (Accept-Language), else English."
        ),
    )


EMPTY_SORT_FIELD = _(
    "“%(value)s” has an empty sort field: name the fields separated by single commas, such as -amount_usd,title."
)


class OrderingTermsCheck:
    """Mixed into a FilterSet's form: an ``ordering`` with an empty term is refused, not read as another order."""

    def clean_ordering(self):
        raw = self.data.get("ordering") if hasattr(self.data, "get") else None
        if raw and any(not term.strip() for term in str(raw).split(",")):
            raise ValidationError(EMPTY_SORT_FIELD, code="empty_term", params={"value": raw})
        return self.cleaned_data.get("ordering")


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
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        # One ``IN`` test (the lookup is not the filter's ``lookup_expr``, which would put "is in" in its label).
        return self.get_method(qs)(**{f"{self.field_name}__in": value})


def search_filter(help_text) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        method="search", label=_("Search"), max_length=SEARCH_MAX_LENGTH, help_text=help_text
    )


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``q`` is the site's one search, best match first, and whose ``ordering``
    refuses empty terms."""

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (OrderingTermsCheck, form_class), {})

    q = search_filter(_("Substring of the English or Chinese name."))

    def search(self, queryset, name, value):
        return queryset.ranked_search(value)


def bounds(filter_class, field_name: str, *, at_least: tuple, at_most: tuple, **options) -> tuple:
    """Two filters of ``field_name``, at least and at most a value: each given as (label, help text)."""
    return (
        filter_class(label=at_least[0], help_text=at_least[1], field_name=field_name, lookup_expr="gte", **options),
        filter_class(label=at_most[0], help_text=at_most[1], field_name=field_name, lookup_expr="lte", **options),
    )
