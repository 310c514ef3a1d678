"""The one list-page engine (projects, news): filters from the query string through the app's
FilterSet, refused values turned into notices, then the page asked for or the nearest one.

Bad input never breaks a list page: a page number that is not a number or is out of range shows
the nearest page (status 200) with a message saying so; an invalid filter value answers 400 with
the page, a message naming the value, and the list without that filter. The FilterSet gets the
request, so staff see the same choices (draft partners, say) as in the API.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _


def page_or_nearest(paginator: Paginator, requested: str | None) -> tuple[Page, str]:
    """The requested page, or the nearest one with a message when the number is not usable."""
    if requested is None or requested == "":
        return paginator.page(1), ""
    try:
        number = int(requested)
    except ValueError:
        shown = Truncator(requested).chars(20)
        return paginator.page(1), _("“%(page)s” is not a page number; showing the first page.") % {"page": shown}
    if number < 1:
        return paginator.page(1), _("There is no page %(page)s; showing the first page.") % {"page": number}
    if number > paginator.num_pages:
        return (
            paginator.page(paginator.num_pages),
            _("There is no page %(page)s; showing the last page, %(last)s.")
            % {"page": number, "last": paginator.num_pages},
        )
    return paginator.page(number), ""


def refused_filter_notices(filterset) -> list[str]:
    """One message per refused filter value, naming the filter: "Category: Select a valid choice..."."""
    return [
        _("%(filter)s: %(errors)s") % {"filter": filterset.filters[name].label, "errors": " ".join(errors)}
        for name, errors in filterset.errors.items()
    ]


@dataclass
class ListFilters:
    """A list's filters as the query string gives them, with bad values refused as notices."""

    filterset: object
    data: QueryDict
    notices: list[str]
    refused: bool

    @property
    def cleaned(self) -> dict:
        return self.filterset.form.cleaned_data

    @property
    def active(self) -> list[str]:
        """The filters that narrow the list (ordering only sorts it)."""
        return [name for name, value in self.cleaned.items() if name != "ordering" and not _is_empty(value)]

    def narrowed(self, queryset: QuerySet, names) -> QuerySet:
        """``queryset`` through the named filters only (already cleaned: no second validation)."""
        for name in names:
            queryset = self.filterset.filters[name].filter(queryset, self.cleaned[name])
        return queryset


def list_filters(filterset_class, params: QueryDict, *, queryset: QuerySet, request) -> ListFilters:
    """The filters of ``params`` that ``filterset_class`` knows, validated; a refused value is
    dropped with a notice, and a rule across filters that still fails drops them all."""
    data = known_filters(filterset_class, params)
    filterset = filterset_class(data, queryset=queryset, request=request)
    refused = not filterset.is_valid()
    notices = []
    if refused:
        notices = refused_filter_notices(filterset)
        for name in filterset.errors:
            data.pop(name, None)
        filterset = filterset_class(data, queryset=queryset, request=request)
        if not filterset.is_valid():
            data = QueryDict(mutable=True)
            filterset = filterset_class(data, queryset=queryset, request=request)
            filterset.is_valid()
    return ListFilters(filterset, data, notices, refused)


@dataclass
class ListPage:
    """What a list page shows: one page of results, their count, the facets, the notices."""

    page: Page
    result_count: int
    filter_query: str  # the filters, for the links of the pages and of the sort
    facets: dict = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    status: int = 200
    whole_registry: bool = False  # no filter narrows it: every published record is listed


def list_page(
    filters: ListFilters,
    *,
    object_list,
    per_page: int,
    requested_page: str | None,
    count: int | None = None,
    facets: dict | None = None,
) -> ListPage:
    """The page of ``object_list`` asked for (or the nearest); ``count`` saves the paginator's COUNT
    when the caller counted already (with its facets)."""
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count
    page, page_notice = page_or_nearest(paginator, requested_page)
    return ListPage(
        page=page,
        result_count=paginator.count,
        filter_query=filters.data.urlencode(),
        facets=facets or {},
        notices=[*filters.notices, *([page_notice] if page_notice else [])],
        status=400 if filters.refused else 200,
        whole_registry=not filters.active,
    )


def known_filters(filterset_class, params: QueryDict) -> QueryDict:
    """The filters the FilterSet knows, without empty values; anything else in the URL is ignored."""
    names = set(filterset_class.base_filters)
    data = QueryDict(mutable=True)
    for name in params:
        if name in names:
            values = [value for value in params.getlist(name) if value.strip()]
            if values:
                data.setlist(name, values)
    return data


def _is_empty(value) -> bool:
    if isinstance(value, QuerySet):  # several records chosen, or none: an empty QuerySet
        return value.query.is_empty()
    return value in (None, "", [], ())
