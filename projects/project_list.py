"""The project list page: the API's FilterSet, facets, sorting and pagination, all in the URL,
through the list-page engine of :mod:`core.listing`."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from core.listing import ListFilters, ListPage, list_filters, list_page, page_or_nearest
from core.querysets import sees_drafts
from core.search import SEARCH_MAX_LENGTH
from projects.breakdowns import FACETS
from projects.facets import LONG_FACET_LIMIT, Facet, project_facets
from projects.filtersets import ProjectFilterSet
from projects.models import Organization, Project

PROJECTS_PER_PAGE = 25
FACET_OPTIONS_PER_PAGE = 50
OPTION_SEARCH = "q_option"


def _filters(request) -> ListFilters:
    return list_filters(ProjectFilterSet, request.GET, queryset=Project.objects.published(), request=request)


def _facet_counts(filters: ListFilters, *, limit: int | None):
    """The facets and the count of the list these filters make (cached for the whole registry)."""
    active = filters.active
    chosen = _chosen(filters.cleaned)
    return project_facets(
        filters.narrowed(Project.objects.published(), [name for name in active if name not in FACETS]),
        {name: chosen[name] for name in active if name in FACETS},
        _selected(filters.cleaned),
        chosen,
        whole_registry=not active and limit == LONG_FACET_LIMIT,
        limit=limit,
    )


def project_list_page(request) -> ListPage:
    """Everything the list page shows for a request; bad values become notices, never errors."""
    filters = _filters(request)
    facets, result_count = _facet_counts(filters, limit=LONG_FACET_LIMIT)
    if filters.cleaned.get("partner_country") and sees_drafts(request.user, Organization):
        # Staff who see draft partners match their countries too (the FilterSet's rule), which the
        # facets, counted from published partners, cannot know: the list counts its own rows.
        result_count = filters.filterset.qs.count()
    return list_page(
        filters,
        object_list=filters.filterset.qs.with_list_related(),
        per_page=PROJECTS_PER_PAGE,
        requested_page=request.GET.get("page"),
        count=result_count,  # counted with the facets: no COUNT of its own
        facets=facets,
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


def facet_options_page(name: str, request) -> FacetOptionsPage:
    """All options of facet ``name`` with their counts under the other filters, a name search
    (``q_option``), a page at a time."""
    params = request.GET
    filters = _filters(request)
    facets, _count = _facet_counts(filters, limit=None)
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
