"""The project list page: the API's FilterSet, facets, sorting and pagination, all in the URL."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from projects.facets import Facet, project_facets
from projects.filtersets import ProjectFilterSet
from projects.listing import page_or_nearest, refused_filter_notices
from projects.models import Project

PROJECTS_PER_PAGE = 25
FACET_NAMES = ("focus_area", "scheme", "status", "zone", "district", "partner_country", "organization")


@dataclass
class ProjectListPage:
    page: Page
    result_count: int
    facets: dict[str, Facet]
    filter_query: str
    notices: list[str] = field(default_factory=list)
    status: int = 200


def project_list_page(params: QueryDict) -> ProjectListPage:
    """Everything the list page shows for a query string; bad values become notices, never errors."""
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

    cleaned = filterset.form.cleaned_data
    active = _active_filters(cleaned)

    def narrowed(names):
        # Re-applies the already cleaned values, so facets cost no second validation.
        queryset = Project.objects.published()
        for name in names:
            queryset = filterset.filters[name].filter(queryset, cleaned[name])
        return queryset

    chosen = _chosen(cleaned)
    facets, result_count = project_facets(
        narrowed([name for name in active if name not in FACET_NAMES]),
        {name: chosen[name] for name in active if name in FACET_NAMES},
        _selected(cleaned),
        chosen,
        whole_registry=not active,
    )
    paginator = Paginator(filterset.qs.with_list_related(), PROJECTS_PER_PAGE)
    paginator.count = result_count  # counted with the facets: no COUNT of its own
    page, page_notice = page_or_nearest(paginator, params.get("page"))
    if page_notice:
        notices.append(page_notice)
    return ProjectListPage(
        page=page,
        result_count=result_count,
        facets=facets,
        filter_query=data.urlencode(),
        notices=notices,
        status=400 if refused else 200,
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
    for name in FACET_NAMES:
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
    for name in FACET_NAMES:
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
