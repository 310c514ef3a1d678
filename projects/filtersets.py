"""FilterSets of the registry: one per model, used by the REST API and the public list pages alike.

Filters that take several values accept them repeated (``?status=a&status=b``), comma-separated
(``?status=a,b``) or both. Every FilterSet has a ``q`` filter backed by a ``search()`` method.
"""

import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from projects.choices import (
    FigureMetric,
    FigureScope,
    FigureUnit,
    OrganizationKind,
    ProjectStatus,
    ZoneKind,
)
from projects.models import (
    District,
    FocusArea,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Scheme,
    Zone,
)
from projects.querysets import sees_drafts

SEARCH_MAX_LENGTH = 200


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


# Han ideographs (with their extensions and compatibility forms), CJK punctuation, kana and
# full-width forms: characters the English parser of full-text search does not split into words.
_CJK_CHARACTER = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def has_cjk(value: str) -> bool:
    """Whether ``value`` holds a Chinese (or other CJK) character: only then is a Chinese title a substring match."""
    return _CJK_CHARACTER.search(value) is not None


def full_text_search(queryset, value: str):
    """Rank records by Postgres full-text search on ``search_vector`` (English, websearch syntax:
    quotes, ``or``, ``-word``); the English parser does not split Chinese, so a query holding Chinese
    also matches ``title_zh`` as a substring.

    The substring test is left out of queries without Chinese: it cannot find more than the full-text
    match there and made every search read the trigram index too. The rank is an ordering, not a
    column, so an explicit ``ordering`` that replaces it also saves computing it for every match.
    """
    query = SearchQuery(value, search_type="websearch", config="english")
    matches = Q(search_vector=query)
    if has_cjk(value):
        matches |= Q(title_zh__icontains=value)
    return queryset.filter(matches).order_by(SearchRank(F("search_vector"), query).desc(), "pk")


def name_search(queryset, value: str):
    """Substring match on the English and Chinese names."""
    return queryset.filter(Q(name_en__icontains=value) | Q(name_zh__icontains=value))


def search_filter(help_text) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        method="search", label=_("Search"), max_length=SEARCH_MAX_LENGTH, help_text=help_text
    )


class ProjectFilterSet(django_filters.FilterSet):
    """Filters of the project list (page and API). Filters combine with AND; values of one filter with OR."""

    q = search_filter(
        _(
            "Full-text search of the English title, summary and description (websearch syntax: "
            '"exact phrase", or, -exclude), ranked; Chinese titles match as a substring.'
        )
    )
    focus_area = KeysFilter(
        label=_("Focus area"),
        queryset=FocusArea.objects.published(),
        to_field_name="code",
        method="filter_focus_area",
        help_text=_("Focus area codes, several allowed: a project matches through its primary or another focus area."),
    )
    scheme = KeyFilter(
        label=_("Scheme"),
        queryset=Scheme.objects.published(),
        to_field_name="code",
        help_text=_("Cooperation scheme code."),
    )
    zone = KeyFilter(label=_("Zone"), queryset=visible_choices(Zone), to_field_name="slug", help_text=_("Zone slug."))
    district = KeyFilter(
        label=_("District"), queryset=District.objects.published(), to_field_name="slug", help_text=_("District slug.")
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=ProjectStatus.choices,
        method="filter_status",
        widget=MultipleValueWidget,
        help_text=_("OC4IDS project status codes, several allowed."),
    )
    organization = KeyFilter(
        label=_("Partner"),
        queryset=visible_choices(Organization),
        to_field_name="slug",
        method="filter_organization",
        help_text=_("Slug of an organization taking part in the project, in any role."),
    )
    partner_country = CountryCodesFilter(
        label=_("Partner country"),
        method="filter_partner_country",
        help_text=_("ISO 3166-1 alpha-2 codes, several allowed: a participant is based in one of these countries."),
    )
    signed_after = django_filters.DateFilter(
        label=_("Signed on or after"),
        field_name="signed_date",
        lookup_expr="gte",
        help_text=_("Signed on or after this date (YYYY-MM-DD)."),
    )
    signed_before = django_filters.DateFilter(
        label=_("Signed on or before"),
        field_name="signed_date",
        lookup_expr="lte",
        help_text=_("Signed on or before this date (YYYY-MM-DD)."),
    )
    amount_usd_min = django_filters.NumberFilter(
        label=_("Amount in US dollars, at least"),
        field_name="contract_amount_usd",
        lookup_expr="gte",
        min_value=0,
        max_digits=18,
        decimal_places=2,
        help_text=_("Contract amount in US dollars at least this much."),
    )
    amount_usd_max = django_filters.NumberFilter(
        label=_("Amount in US dollars, at most"),
        field_name="contract_amount_usd",
        lookup_expr="lte",
        min_value=0,
        max_digits=18,
        decimal_places=2,
        help_text=_("Contract amount in US dollars at most this much."),
    )
    updated_since = SinceFilter(label=_("Updated since"))
    ordering = StableOrderingFilter(
        label=_("Sort by"),
        fields=(
            ("signed_date", "signed_date"),
            ("contract_amount_usd", "amount_usd"),
            ("title_en", "title"),
            ("public_id", "id"),
            ("updated_at", "updated_at"),
        ),
        help_text=_("Sort by a field; prefix with - for descending. Default: newest signing first."),
    )

    class Meta:
        model = Project
        fields = []

    def search(self, queryset, name, value):
        return full_text_search(queryset, value)

    def filter_focus_area(self, queryset, name, value):
        return queryset.in_focus_areas(value) if value else queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value) if value else queryset

    def filter_organization(self, queryset, name, value):
        return queryset.with_participant(value)

    def filter_partner_country(self, queryset, name, value):
        if not value:
            return queryset
        if not sees_drafts(getattr(self.request, "user", None), Organization):
            # The countries of each project's published partners, kept on the project by triggers.
            return queryset.filter(facet_countries__overlap=value)
        participants = ProjectParticipant.objects.filter(
            organization__in=visible_choices(Organization)(self.request).filter(country__in=value)
        )
        return queryset.filter(pk__in=participants.values("project_id"))


class FocusAreaFilterSet(django_filters.FilterSet):
    """Filters of the focus areas."""

    q = search_filter(_("Substring of the English or Chinese name."))

    class Meta:
        model = FocusArea
        fields = []

    def search(self, queryset, name, value):
        return name_search(queryset, value)


class SchemeFilterSet(django_filters.FilterSet):
    """Filters of the cooperation schemes."""

    q = search_filter(_("Substring of the English or Chinese name."))

    class Meta:
        model = Scheme
        fields = []

    def search(self, queryset, name, value):
        return name_search(queryset, value)


class DistrictFilterSet(django_filters.FilterSet):
    """Filters of the districts."""

    q = search_filter(_("Substring of the English or Chinese name."))

    class Meta:
        model = District
        fields = []

    def search(self, queryset, name, value):
        return name_search(queryset, value)


class ZoneFilterSet(django_filters.FilterSet):
    """Filters of the zones."""

    q = search_filter(_("Substring of the English or Chinese name."))
    kind = django_filters.MultipleChoiceFilter(
        choices=ZoneKind.choices,
        method="filter_kind",
        widget=MultipleValueWidget,
        help_text=_("Zone kinds, several allowed."),
    )
    focus_area = KeyFilter(
        queryset=FocusArea.objects.published(), to_field_name="code", help_text=_("Focus area code.")
    )
    district = KeyFilter(queryset=District.objects.published(), to_field_name="slug", help_text=_("District slug."))
    updated_since = SinceFilter()
    ordering = StableOrderingFilter(
        fields=(("name_en", "name"), ("updated_at", "updated_at")),
        help_text=_("Sort by a field; prefix with - for descending. Default: by English name."),
    )

    class Meta:
        model = Zone
        fields = []

    def search(self, queryset, name, value):
        return name_search(queryset, value)

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value) if value else queryset


class OrganizationFilterSet(django_filters.FilterSet):
    """Filters of the partner organizations."""

    q = search_filter(_("Substring of the English or Chinese name."))
    country = CountryCodesFilter(
        method="filter_country", help_text=_("ISO 3166-1 alpha-2 country codes, several allowed.")
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=OrganizationKind.choices,
        method="filter_kind",
        widget=MultipleValueWidget,
        help_text=_("Organization kinds, several allowed."),
    )
    updated_since = SinceFilter()
    ordering = StableOrderingFilter(
        fields=(("name_en", "name"), ("country", "country"), ("updated_at", "updated_at")),
        help_text=_("Sort by a field; prefix with - for descending. Default: by English name."),
    )

    class Meta:
        model = Organization
        fields = []

    def search(self, queryset, name, value):
        return name_search(queryset, value)

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__in=value) if value else queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value) if value else queryset


class ReportedFigureFilterSet(django_filters.FilterSet):
    """Filters of the reported figures."""

    q = search_filter(_("Substring of the English or Chinese label."))
    metric = django_filters.MultipleChoiceFilter(
        choices=FigureMetric.choices,
        method="filter_metric",
        widget=MultipleValueWidget,
        help_text=_("What the figure counts, several allowed."),
    )
    scope = django_filters.ChoiceFilter(choices=FigureScope.choices, help_text=_("Where the figure applies."))
    unit = django_filters.ChoiceFilter(choices=FigureUnit.choices, help_text=_("Unit or currency."))
    updated_since = SinceFilter()
    ordering = StableOrderingFilter(
        fields=(("as_of", "as_of"), ("value", "value"), ("updated_at", "updated_at")),
        help_text=_("Sort by a field; prefix with - for descending. Default: by metric, newest first."),
    )

    class Meta:
        model = ReportedFigure
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(label_en__icontains=value) | Q(label_zh__icontains=value))

    def filter_metric(self, queryset, name, value):
        return queryset.filter(metric__in=value) if value else queryset
