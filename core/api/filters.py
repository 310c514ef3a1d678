"""The API's filter backend: the apps' FilterSets, with every query parameter checked."""

import functools

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from core.api.exceptions import InvalidQueryParameters
from core.api.pagination import QUERY_PARAMETERS as PAGINATION_PARAMETERS
from core.api.pagination import check_paging

FORMAT_PARAM = "format"


class RegistryFilterBackend(DjangoFilterBackend):
    """Runs the view's FilterSet; an invalid value is a 400 with a message per parameter.

    Keeps the bound FilterSet on the view (``view.filterset``), which reads ``updated_since``
    from it for tombstones.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not filterset_parameters(filterset_class) & set(request.query_params):
            # No filter asked for: the records as they are, without building a FilterSet (1.5 ms).
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise InvalidQueryParameters({name: list(errors) for name, errors in filterset.errors.items()})
        view.filterset = filterset
        return filterset.qs


@functools.cache
def filterset_parameters(filterset_class) -> frozenset[str]:
    """The query parameter names a FilterSet reads (a range filter reads ``<name>_min`` and ``_max``...)."""
    if filterset_class is None:
        return frozenset()
    names = set()
    for name, filter_ in filterset_class.base_filters.items():
        # The field class, not ``filter_.field``: building the field here would cache it, with no
        # request, on the class-level filter that every FilterSet instance copies.
        suffixes = getattr(getattr(filter_.field_class, "widget", None), "suffixes", None)
        if suffixes:
            names.update(f"{name}_{suffix}" if suffix else name for suffix in suffixes)
        else:
            names.add(name)
    return frozenset(names)


def check_query_parameters(request, allowed: set[str]) -> None:
    """400 naming every query parameter the endpoint does not know, so a typo never passes unnoticed,
    and every one given twice that takes one value (only lists may be repeated: ``?status=a&status=b``).

    A method the endpoint does not offer is left to the view, which answers 405 with ``Allow``.
    """
    view = request.parser_context.get("view")
    if view is not None and not _has_handler(view, request.method):
        return
    unknown = sorted(set(request.query_params) - allowed - {FORMAT_PARAM})
    if unknown:
        raise InvalidQueryParameters(
            {name: [_("Unknown query parameter.")] for name in unknown},
            summary=_("Unknown query parameter: %(names)s. This endpoint accepts: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(allowed | {FORMAT_PARAM}))},
        )
    lists = list_parameters(getattr(view, "filterset_class", None))
    repeated = sorted(
        name for name in request.query_params if name not in lists and len(request.query_params.getlist(name)) > 1
    )
    if repeated:
        raise InvalidQueryParameters({name: [_("Give this parameter once.")] for name in repeated})
    if allowed & set(request.query_params) & PAGINATION_PARAMETERS:
        check_paging(request)


def _has_handler(view, method: str) -> bool:
    name = method.lower()
    return name in view.http_method_names and hasattr(view, name)


@functools.cache
def list_parameters(filterset_class) -> frozenset[str]:
    """The parameters of a FilterSet that take several values, and so may be given several times."""
    if filterset_class is None:
        return frozenset()
    return frozenset(
        name
        for name, filter_ in filterset_class.base_filters.items()
        if issubclass(filter_.extra.get("widget") or filter_.field_class.widget, forms.SelectMultiple)
    )
