"""The project list page: the API's FilterSet, facets, sorting and pagination, all in the URL."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from projects.breakdowns import FACETS
from projects.facets import LONG_FACET_LIMIT, Facet, project_facets
from projects.filtersets import SEARCH_MAX_LENGTH, ProjectFilterSet
from projects.listing import page_or_nearest, refused_filter_notices
from projects.models import Project

PROJECTS_PER_PAGE = 25
FACET_OPTIONS_PER_PAGE = 50
OPTION_SEARCH = "q_option"


@dataclass
class ProjectListPage:
    page: Page
    result_count: int
    facets: dict[str, Facet]
    filter_query: str
    notices: list[str] = field(default_factory=list)
    status: int = 200


@dataclass
class _Filters:
    """The list's filters as the query string gives them, with bad values refused as notices."""

    filterset: ProjectFilterSet
    data: QueryDict
    notices: list[str]
    refused: bool

    @property
    def cleaned(self) -> dict:
        return self.filterset.form.cleaned_data

    @property
    def active(self) -> list[str]:
        return _active_filters(self.cleaned)

    def narrowed(self, names) -> QuerySet:
        """Published projects through the named filters only (already cleaned: no second validation)."""
        queryset = Project.objects.published()
        for name in names:
            queryset = self.filterset.filters[name].filter(queryset, self.cleaned[name])
        return queryset

    def facet_counts(self, *, limit: int | None):
        """The facets and the count of the list these filters make (cached for the whole registry)."""
        chosen = _chosen(self.cleaned)
        return project_facets(
            self.narrowed([name for name in self.active if name not in FACETS]),
            {name: chosen[name] for name in self.active if name in FACETS},
            _selected(self.cleaned),
            chosen,
            whole_registry=not self.active and limit == LONG_FACET_LIMIT,
            limit=limit,
        )


def _filters(params: QueryDict) -> _Filters:
    notices = []
    data = _known_filters(params)
    filterset = ProjectFilterSet(data, queryset=Project.objects.published())
    refused = not filterset.is_valid()
    if refused:
        notices.extend(refused_filter_notices(filterset))
        for name in filterset.errors:
            data.pop(name, None)
        filterset = ProjectFilterSet(data, queryset=Project.objects.published())
        filterset.is_valid()
    return _Filters(filterset, data, notices, refused)


def project_list_page(params: QueryDict) -> ProjectListPage:
    """Everything the list page shows for a query string; bad values become notices, never errors."""
    filters = _filters(params)
    notices = filters.notices
    facets, result_count = filters.facet_counts(limit=LONG_FACET_LIMIT)
    paginator = Paginator(filters.filterset.qs.with_list_related(), PROJECTS_PER_PAGE)
    paginator.count = result_count  # counted with the facets: no COUNT of its own
    page, page_notice = page_or_nearest(paginator, params.get("page"))
    if page_notice:
        notices.append(page_notice)
    return ProjectListPage(
        page=page,
        result_count=result_count,
        facets=facets,
        filter_query=filters.data.urlencode(),
        notices=notices,
        status=400 if filters.refused else 200,
    )


@dataclass
class FacetOptionsPage:
    """Every option of a long facet (zones, districts, partners) for the list's filters."""

    name: str
    facet: Facet
    page: Page
    search: str
    filter_query: str
    list_query: str  # the filters without this facet's own, for the links that choose an option
    hidden_filters: list[tuple[str, str]]  # the list's filters, kept by the name search form
    notices: list[str] = field(default_factory=list)
    status: int = 200


def facet_options_page(name: str, params: QueryDict) -> FacetOptionsPage:
    """All options of facet ``name`` with their counts under the other filters, a name search
    (``q_option``), a page at a time."""
    filters = _filters(params)
    facets, _count = filters.facet_counts(limit=None)
    search = params.get(OPTION_SEARCH, "").strip()[:SEARCH_MAX_LENGTH]
    facet = facets[name]
    options = [option for option in facet.options if option.count or option.selected]
    if search:
        wanted = search.casefold()
        options = [option for option in options if wanted in option.label.casefold() or wanted in option.value]
    page, notice = page_or_nearest(Paginator(options, FACET_OPTIONS_PER_PAGE), params.get("page"))
    list_query = filters.data.copy()
    list_query.pop(name, None)
    query = filters.data.copy()
    if search:
        query[OPTION_SEARCH] = search
    return FacetOptionsPage(
        name=name,
        facet=facet,
        page=page,
        search=search,
        filter_query=query.urlencode(),
        list_query=list_query.urlencode(),
        hidden_filters=[(key, value) for key in filters.data for value in filters.data.getlist(key)],
        notices=[*filters.notices, *([notice] if notice else [])],
        status=400 if filters.refused else 200,
    )


def _active_filters(cleaned_data: dict) -> list[str]:
    """The filters that narrow the list (ordering only sorts it)."""
    return [name for name, value in cleaned_data.items() if name != "ordering" and not _is_empty(value)]


def _is_empty(value) -> bool:
    if isinstance(value, QuerySet):  # several records chosen, or none: an empty QuerySet
        return value.query.is_empty()
    return value in (None, "", [], ())


def _chosen(cleaned_data: dict) -> dict[str, list]:
    """The chosen options as the facets' SQL names them: record ids, or status and country codes."""
    chosen = {}
    for name in FACETS:
        value = cleaned_data.get(name)
        values = value if isinstance(value, list | tuple) or hasattr(value, "model") else [value]
        chosen[name] = [getattr(item, "pk", item) for item in values if item not in (None, "")]
    return chosen


def _selected(cleaned_data: dict) -> dict[str, list[str]]:
    """The chosen value of each facet as its option values: codes, slugs, ISO codes, statuses.

    Read from the cleaned data, so ``status=a,b`` or ``partner_country=sg`` tick their boxes.
    """
    keys = {"focus_area": "code", "scheme": "code", "zone": "slug", "district": "slug", "organization": "slug"}
    selected = {}
    for name in FACETS:
        value = cleaned_data.get(name)
        values = value if isinstance(value, list | tuple) or hasattr(value, "model") else [value]
        chosen = [getattr(item, keys[name]) if name in keys else item for item in values if item not in (None, "")]
        selected[name] = [str(item) for item in chosen]
    return selected


def _known_filters(params: QueryDict) -> QueryDict:
    """The filters the FilterSet knows, without empty values; anything else in the URL is ignored."""
    names = set(ProjectFilterSet.base_filters)
    data = QueryDict(mutable=True)
    for name in params:
        if name in names:
            values = [value for value in params.getlist(name) if value.strip()]
            if values:
                data.setlist(name, values)
    return data
