"""ETag and Last-Modified for API reads, computed in one cheap query, and 304 on a conditional GET.

A read's validators are the latest change (:mod:`core.freshness`) of its model's records and
of each model its representation draws on (a project shows its organizations, zone and
articles), as the reader sees them, plus what shaped the answer: the query string, the format,
the language and, for a signed-in user, the user. For the public, an edit of a published
record, a publication, a withdrawal or a deletion moves one of them, and the edit of a draft
none: an ETag must not tell outsiders that unpublished work is going on. Staff who preview
drafts get validators of the whole tables. Models without ``updated_at`` (focus areas,
schemes, districts) get a strong ETag hashed from the response body instead.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from core.freshness import latest_changes, stamp_field


@dataclass(frozen=True)
class Freshness:
    etag: str
    last_modified: datetime | None


def has_updated_at(model) -> bool:
    return stamp_field(model) == "updated_at"


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
    """Validators from the latest change of ``queryset`` and of each of the ``dependencies``.

    Give the unfiltered records of an endpoint as the reader sees them (``get_queryset()``), not a
    filtered page: the filters are in the request's signature. One query of index probes,
    whatever the number of records.
    """
    return marker_freshness(latest_changes((queryset, *dependencies)), request=request)


def marker_freshness(markers: list, *, request) -> Freshness:
    """Validators from markers read by :func:`core.freshness.latest_changes`."""
    stamps = [stamp for stamp in markers if isinstance(stamp, datetime)]
    parts = [*_request_signature(request), *(str(marker) for marker in markers)]
    return Freshness(etag=_etag(parts, weak=True), last_modified=max(stamps) if stamps else None)


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
