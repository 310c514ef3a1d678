"""FilterSets of the registry: one per model, used by the REST API and the public list pages alike
(the shared filters and their rules are :mod:`core.filtersets`)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import (
    ChoicesFilter,
    CountryCodesFilter,
    KeyFilter,
    KeysFilter,
    SearchFilterSet,
    SinceFilter,
    StableOrderingFilter,
    bounds,
    language_filter,
    search_filter,
    visible_choices,
)
from core.querysets import sees_drafts
from projects.choices import FigureMetric, FigureScope, FigureUnit, OrganizationKind, ProjectStatus, ZoneKind
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


def focus_areas_filter(help_text) -> KeysFilter:
    """Focus areas by code, several allowed; the FilterSet gives the rule in ``filter_focus_area``."""
    return KeysFilter(
        label=_("Focus area"),
        queryset=FocusArea.objects.published(),
        to_field_name="code",
        method="filter_focus_area",
        help_text=help_text,
    )


def organization_filter(label, help_text) -> KeyFilter:
    """One organization by slug, a draft one for staff who see drafts; the rule in ``filter_organization``."""
    return KeyFilter(
        label=label,
        queryset=visible_choices(Organization),
        to_field_name="slug",
        method="filter_organization",
        help_text=help_text,
    )


# How projects may be sorted: (model field, the name in the URL and the API). The default, newest
# signing first with undated projects last, is the model's ordering.
PROJECT_ORDERING = (
    ("signed_date", "signed_date"),
    ("contract_amount_usd", "amount_usd"),
    ("title_en", "title"),
    ("public_id", "id"),
    ("updated_at", "updated_at"),
    ("completeness", "completeness"),
)
# What the list page's "Sort by" offers, each an ``ordering`` value of PROJECT_ORDERING.
PROJECT_SORT_OPTIONS = [
    ("signed_date", _("Oldest signed first")),
    ("-amount_usd", _("Largest amount first")),
    ("title", _("Title")),
    ("-updated_at", _("Recently updated")),
    ("-completeness", _("Most complete record first")),
]


class ProjectFilterSet(SearchFilterSet):
    """Filters of the project list (page and API). Filters combine with AND; values of one filter with OR."""

    q = search_filter(
        _(
            "Full-text search, ranked: the English title, summary and description (websearch syntax: "
            '"exact phrase", or, -exclude); Chinese words in the Chinese texts and the Chinese names of the '
            "focus area, scheme, zone and district; the other language's words through the glossary; a "
            "misspelt title (Raffels City) when nothing else matches."
        )
    )
    focus_area = focus_areas_filter(
        _("Focus area codes, several allowed: a project matches through its primary or another focus area.")
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
    status = ChoicesFilter(
        label=_("Status"),
        field_name="status",
        choices=ProjectStatus.choices,
        help_text=_("OC4IDS project status codes, several allowed."),
    )
    organization = organization_filter(
        _("Partner"), _("Slug of an organization taking part in the project, in any role.")
    )
    partner_country = CountryCodesFilter(
        label=_("Partner country"),
        method="filter_partner_country",
        help_text=_("ISO 3166-1 alpha-2 codes, several allowed: a participant is based in one of these countries."),
    )
    signed_after, signed_before = bounds(
        django_filters.DateFilter,
        "signed_date",
        at_least=(_("Signed on or after"), _("Signed on or after this date (YYYY-MM-DD).")),
        at_most=(_("Signed on or before"), _("Signed on or before this date (YYYY-MM-DD).")),
    )
    amount_usd_min, amount_usd_max = bounds(
        django_filters.NumberFilter,
        "contract_amount_usd",
        at_least=(_("Amount in US dollars, at least"), _("Contract amount in US dollars at least this much.")),
        at_most=(_("Amount in US dollars, at most"), _("Contract amount in US dollars at most this much.")),
        min_value=0,
        max_digits=18,
        decimal_places=2,
    )
    quality_min = django_filters.NumberFilter(
        label=_("Record complete, at least (%)"),
        field_name="completeness",
        lookup_expr="gte",
        min_value=0,
        max_value=100,
        decimal_places=0,
        help_text=_("Share of the key facts the record holds, in per cent (0 to 100): see the data page."),
    )
    updated_since = SinceFilter(label=_("Updated since"))
    lang = language_filter()
    ordering = StableOrderingFilter(
        label=_("Sort by"),
        fields=PROJECT_ORDERING,
        chinese_fields={"title_en": "title_sort_zh"},
        help_text=_("Sort by a field; prefix with - for descending. Default: newest signing first."),
    )

    class Meta:
        model = Project
        fields = []

    def filter_focus_area(self, queryset, name, value):
        return queryset.in_focus_areas(value) if value else queryset

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


class FocusAreaFilterSet(SearchFilterSet):
    """Filters of the focus areas."""

    class Meta:
        model = FocusArea
        fields = []


class SchemeFilterSet(SearchFilterSet):
    """Filters of the cooperation schemes."""

    class Meta:
        model = Scheme
        fields = []


class DistrictFilterSet(SearchFilterSet):
    """Filters of the districts."""

    class Meta:
        model = District
        fields = []


class DirectoryFilterSet(SearchFilterSet):
    """What the zones' and the partners' filters share: the site's search, plus a substring of the
    English name (a Chinese query already matches a part of the Chinese one)."""

    q = search_filter(
        _(
            "The site's search, ranked: the English name and description, Chinese words in the Chinese ones, "
            "the other language's words through the glossary, a misspelt name when nothing else matches; "
            "and any part of the English or Chinese name."
        )
    )

    def search(self, queryset, name, value):
        return queryset.ranked_search(value, name_substring=True)


class ZoneFilterSet(DirectoryFilterSet):
    """Filters of the zones."""

    kind = ChoicesFilter(
        field_name="kind",
        choices=ZoneKind.choices,
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


class OrganizationFilterSet(DirectoryFilterSet):
    """Filters of the partner organizations."""

    country = CountryCodesFilter(
        method="filter_country", help_text=_("ISO 3166-1 alpha-2 country codes, several allowed.")
    )
    kind = ChoicesFilter(
        field_name="kind",
        choices=OrganizationKind.choices,
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

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__in=value) if value else queryset


class ReportedFigureFilterSet(SearchFilterSet):
    """Filters of the reported figures."""

    q = search_filter(_("Substring of the English or Chinese label."))
    metric = ChoicesFilter(
        field_name="metric",
        choices=FigureMetric.choices,
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
