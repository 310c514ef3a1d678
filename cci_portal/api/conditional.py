"""ETag and Last-Modified for API reads, computed in one cheap query, and 304 on a conditional GET.

A list's validators are the number of matching records and their latest ``updated_at``, plus
the same two numbers for each model its representation draws on (a project shows its
organizations, zone and articles), plus what shaped the answer: the query string, the format,
the language and, for staff who see drafts, the user. An edit, a deletion, a publication or a
withdrawal changes one of them. Models without ``updated_at`` (focus areas, schemes, districts)
get a strong ETag hashed from the response body instead.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Func, IntegerField, Max, QuerySet, Subquery
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date


@dataclass(frozen=True)
class Freshness:
    etag: str
    last_modified: datetime | None


def has_updated_at(model) -> bool:
    return any(field.name == "updated_at" for field in model._meta.concrete_fields)


def _request_signature(request) -> list[str]:
    user = request.user
    viewer = f"user:{user.pk}" if user.is_authenticated else "public"
    renderer = getattr(request, "accepted_renderer", None)
    return [
        request.path,
        request.META.get("QUERY_STRING", ""),
        getattr(renderer, "format", ""),
        translation.get_language() or "",
        viewer,
    ]


def _etag(parts: list[str], *, weak: bool) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f'W/"{digest}"' if weak else f'"{digest}"'


def queryset_freshness(queryset: QuerySet, *, request, dependencies: tuple[QuerySet, ...] = ()) -> Freshness:
    """Validators of ``queryset`` (whose model has ``updated_at``) and of the ``dependencies`` querysets."""
    values = _aggregate(queryset, dependencies)
    stamps = [stamp for stamp in values if isinstance(stamp, datetime)]
    parts = [*_request_signature(request), *(str(value) for value in values)]
    return Freshness(etag=_etag(parts, weak=True), last_modified=max(stamps) if stamps else None)


def _scalar(queryset: QuerySet, function: str, field: str) -> Subquery:
    """``(SELECT <function>(<field>) FROM ... WHERE ...)``: a one-row subquery, no GROUP BY."""
    expression = Func(F(field), function=function)
    return Subquery(queryset.order_by().annotate(_value=expression).values("_value")[:1])


def _stamp_field(model) -> str:
    """When a row last changed: ``updated_at``, or ``history_date`` for a history table."""
    return "updated_at" if has_updated_at(model) else "history_date"


def _aggregate(queryset: QuerySet, dependencies: tuple[QuerySet, ...]) -> list:
    """``[count, max(updated_at)]`` of ``queryset`` and of each dependency, in one SQL query.

    A dependency may be a history table (``Model.history.all()``): its latest ``history_date``
    moves when a record is deleted, which no ``updated_at`` can show.
    """
    expressions = {"count": Count("pk"), "updated": Max("updated_at")}
    for index, dependency in enumerate(dependencies):
        expressions[f"d{index}_count"] = Max(_scalar(dependency, "COUNT", "pk"), output_field=IntegerField())
        expressions[f"d{index}_updated"] = Max(_scalar(dependency, "MAX", _stamp_field(dependency.model)))
    result = queryset.order_by().aggregate(**expressions)
    return [result[key] for key in expressions]


def content_freshness(content: bytes, *, request) -> Freshness:
    """A strong ETag from the rendered body, for models that keep no ``updated_at``."""
    parts = [*_request_signature(request), hashlib.sha256(content).hexdigest()]
    return Freshness(etag=_etag(parts, weak=False), last_modified=None)


def not_modified(request, freshness: Freshness):
    """A 304 response when the request's If-None-Match / If-Modified-Since still hold, else ``None``."""
    if request.method not in ("GET", "HEAD"):
        return None
    timestamp = int(freshness.last_modified.timestamp()) if freshness.last_modified else None
    response = get_conditional_response(request._request, etag=freshness.etag, last_modified=timestamp)
    if response is not None:
        set_validators(response, freshness)
    return response


def set_validators(response, freshness: Freshness) -> None:
    response["ETag"] = freshness.etag
    if freshness.last_modified is not None:
        response["Last-Modified"] = http_date(freshness.last_modified.timestamp())
    # Revalidate every time: the validators make that a cheap 304.
    response["Cache-Control"] = "no-cache"
