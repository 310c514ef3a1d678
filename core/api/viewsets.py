"""The base of every API endpoint: reads with filters, paging, sync, CSV and conditional GET;
writes by staff with the admin's permissions and validation."""

import json
from collections.abc import Iterator
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, renderers, serializers, viewsets
from rest_framework.response import Response

from core.api.conditional import (
    Freshness,
    content_freshness,
    has_updated_at,
    not_modified,
    queryset_freshness,
    set_validators,
)
from core.api.exceptions import InvalidQueryParameters
from core.api.filters import check_query_parameters, filterset_parameters
from core.api.pagination import CURSOR_PARAM
from core.api.pagination import QUERY_PARAMETERS as PAGINATION_PARAMETERS
from core.api.renderers import (
    CSV_CHUNK_SIZE,
    CsvRenderer,
    GeoJsonRenderer,
    columns_from_fields,
    streaming_csv_response,
)
from core.api.serializers import PendingRevisionSerializer, TombstoneSerializer
from core.api.sync import tombstones
from core.freshness import VERSIONED_CACHE_SECONDS
from core.querysets import sees_drafts
from core.review import review_required

UPDATED_SINCE = "updated_since"


class QueryParameterCheckMixin:
    """Refuses unknown query parameters with 400 (after authentication and throttling)."""

    def allowed_query_parameters(self) -> set[str]:
        return set()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.request_started = timezone.now()
        check_query_parameters(request, self.allowed_query_parameters())


class CsvErrorsAsJsonMixin:
    """With ``?format=csv``, rows stream as CSV but an error still goes out as JSON; with
    ``?format=geojson`` too (an error is no GeoJSON)."""

    def finalize_response(self, request, response, *args, **kwargs):
        accepted = getattr(request, "accepted_renderer", None)
        refused_geojson = isinstance(accepted, GeoJsonRenderer) and response.status_code >= 400
        if isinstance(accepted, CsvRenderer) or refused_geojson:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class RegistryViewSet(QueryParameterCheckMixin, CsvErrorsAsJsonMixin, viewsets.ModelViewSet):
    """One model's endpoint. Subclasses set ``serializer_class``, ``filterset_class``, ``lookup_field``
    and :meth:`get_queryset` (which goes through ``published()`` / ``visible_to()``)."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]
    filterset = None
    csv_filename = "records.csv"

    def freshness_dependencies(self) -> tuple:
        """Querysets of other models whose changes show in this endpoint's records (for the ETag), as
        the reader sees them (``visible_to(user)`` of a publishable model), so that the public's
        validators never move with a draft."""
        return ()

    def csv_columns(self):
        return columns_from_fields(self.get_serializer().fields)

    def allowed_query_parameters(self) -> set[str]:
        if self.action == "list":
            return filterset_parameters(self.filterset_class) | PAGINATION_PARAMETERS
        return set()

    @property
    def wants_csv(self) -> bool:
        return isinstance(getattr(self.request, "accepted_renderer", None), CsvRenderer)

    def read_rows(self, queryset):
        """What a read fetches of ``queryset``: by default its records; a subclass whose serializer
        builds from plain values gives rows (``.values()``) and completes them in :meth:`with_related`."""
        return queryset

    def read_page_rows(self, queryset):
        """What a numbered page slices of ``queryset``: :meth:`read_rows` by default."""
        return self.read_rows(queryset)

    def with_related(self, rows) -> list:
        """A page (or an export's chunk) of :meth:`read_rows` with whatever else the serializer
        reads of them, fetched for the whole page at once."""
        return list(rows)

    def all_records(self, queryset) -> Iterator:
        """Every record of ``queryset`` as the serializer reads it, a chunk at a time (exports)."""
        rows = self.read_rows(queryset).iterator(chunk_size=CSV_CHUNK_SIZE)
        while chunk := list(islice(rows, CSV_CHUNK_SIZE)):
            yield from self.with_related(chunk)

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise self.not_found() from None

    def read_object(self, queryset):
        """The one record of ``queryset`` (already narrowed to the lookup) as the serializer reads it."""
        # Unordered: with an ORDER BY ... LIMIT 1 PostgreSQL may walk an ordering index instead of the lookup's.
        records = self.with_related(self.read_rows(queryset.order_by())[:1])
        if not records:
            raise self.not_found()
        self.check_object_permissions(self.request, records[0])
        return records[0]

    def not_found(self) -> exceptions.NotFound:
        return exceptions.NotFound(
            _("No %(model)s has the identifier “%(value)s”.")
            % {"model": self.get_queryset().model._meta.verbose_name, "value": self.kwargs.get(self.lookup_field)}
        )

    def queryset_freshness(self, queryset) -> Freshness | None:
        if not has_updated_at(queryset.model):
            return None
        return queryset_freshness(queryset, request=self.request, dependencies=self.freshness_dependencies())

    def list_freshness(self) -> Freshness | None:
        """Validators of every record the reader may see (``get_queryset()``, unfiltered: the filters
        are in the ETag's signature). For staff who preview drafts, the whole table; for everyone
        else, the published records, which move with publications and withdrawals but not with drafts."""
        return self.queryset_freshness(self.get_queryset())

    def list(self, request, *args, **kwargs):
        if self.wants_csv and (paging := sorted(PAGINATION_PARAMETERS & set(request.query_params))):
            raise InvalidQueryParameters(
                {name: [_("CSV streams every matching record: it takes no page.")] for name in paging},
                summary=_(
                    "CSV streams every matching record, so %(names)s does not apply: drop it, or page through JSON."
                )
                % {"names": ", ".join(paging)},
            )
        queryset = self.filter_queryset(self.get_queryset())
        freshness = self.list_freshness()
        if freshness is not None and (unchanged := not_modified(request, freshness)) is not None:
            return unchanged
        if self.wants_csv:
            return self.conditional(self.csv_response(self.all_records(queryset)), freshness)
        cache_key = self.page_cache_key(freshness)
        if cache_key and (kept := cache.get(cache_key)) is not None:
            return self.conditional(Response(kept), freshness)
        pages = self.read_rows(queryset) if CURSOR_PARAM in request.query_params else self.read_page_rows(queryset)
        rows = self.paginator.paginate_queryset(pages, request, view=self, counted=queryset)
        page = self.with_related(rows)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        if cache_key:
            cache.set(cache_key, response.data, VERSIONED_CACHE_SECONDS)
        return self.conditional(response, freshness)

    def page_cache_key(self, freshness: Freshness | None) -> str | None:
        """Where a page of results is kept for anonymous readers: under its ETag, which changes
        with the query, the language and every change to the records it draws on. Cursor walks
        and ``updated_since`` syncs, which carry the time of the answer, are always made anew."""
        params = self.request.query_params
        if not settings.PAGE_CACHE or freshness is None or self.request.user.is_authenticated:
            return None
        if CURSOR_PARAM in params or UPDATED_SINCE in params:
            return None
        # The records' links are absolute: the same page asked through another host name differs.
        return f"api-page:{self.request.build_absolute_uri('/')}:{freshness.etag}"

    def retrieve(self, request, *args, **kwargs):
        lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
        # No FilterSet: a detail takes no query parameters (allowed_query_parameters), and building one cost 1.5 ms.
        queryset = self.get_queryset().filter(**lookup)
        freshness = self.queryset_freshness(queryset)
        if freshness is not None and (unchanged := not_modified(request, freshness)) is not None:
            return unchanged
        instance = self.read_object(queryset)
        response = self.csv_response([instance]) if self.wants_csv else Response(self.get_serializer(instance).data)
        return self.conditional(response, freshness)

    def conditional(self, response, freshness: Freshness | None):
        """Set ETag / Last-Modified; models without ``updated_at`` get an ETag of the body (JSON only)."""
        if freshness is None:
            if self.wants_csv:
                return response
            body = json.dumps(response.data, sort_keys=True, default=str).encode()
            freshness = content_freshness(body, request=self.request)
            if (unchanged := not_modified(self.request, freshness)) is not None:
                return unchanged
        set_validators(response, freshness)
        return response

    def csv_response(self, objects):
        """Stream ``objects`` (an iterable of records) as CSV, each row from the serializer's output."""
        # One serializer for every row: building its fields per row was two thirds of a CSV export.
        serializer = self.get_serializer()
        return streaming_csv_response(
            objects=objects,
            serialize=serializer.to_representation,
            columns=self.csv_columns(),
            filename=self.csv_filename,
        )

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        sync = self.sync_fields()
        if sync:
            results = response.data.pop("results")
            response.data.update(sync)
            response.data["results"] = results
        return response

    def sync_fields(self) -> dict:
        """``synced_at`` (and with ``updated_since``, ``tombstones``) on the first page of a sync."""
        if not self.paginator.is_first_page(self.request):
            return {}
        since = self.filterset.form.cleaned_data.get(UPDATED_SINCE) if self.filterset is not None else None
        fields = {}
        if since is not None or self.paginator.uses_cursor:
            fields["synced_at"] = serializers.DateTimeField().to_representation(self.request_started)
        if since is not None:
            visible = self.result_set_without_since()
            removed = tombstones(
                visible=visible,
                since=since,
                lookup_field=self.lookup_field,
                sees_drafts=sees_drafts(self.request.user, visible.model),
            )
            fields["tombstones"] = TombstoneSerializer(removed, many=True).data
        return fields

    def result_set_without_since(self):
        data = self.request.query_params.copy()
        data.pop(UPDATED_SINCE, None)
        filterset = self.filterset_class(data=data, queryset=self.get_queryset(), request=self.request)
        filterset.is_valid()
        return filterset.qs

    def update(self, request, *args, **kwargs):
        """A change to a published record by staff without the publish permission waits for review: 202
        with the pending revision; the record, and so every public answer, stays as published."""
        instance = self.get_object()
        if not review_required(user=request.user, instance=instance):
            return super().update(request, *args, **kwargs)
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        revision = serializer.propose()
        if revision is None:  # nothing differs: the record as it stands
            return Response(self.get_serializer(self.get_object()).data)
        record = type(instance)._base_manager.get(pk=instance.pk)
        return Response(PendingRevisionSerializer(revision, context={"record": record}).data, status=202)

    def perform_destroy(self, instance):
        instance._history_user = self.request.user
        instance.delete()


SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


class SlugViewSet(RegistryViewSet):
    """Records addressed by a slug or a code (``lookup_field``)."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
