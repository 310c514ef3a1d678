"""API endpoints of the registry: thin ViewSets over the QuerySets, the FilterSets and the serializers."""

import json

from django.conf import settings
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.decorators import action

from core.api.conditional import not_modified, set_validators
from core.api.filters import filterset_parameters
from core.api.viewsets import RegistryViewSet
from projects.api import serializers
from projects.api.oc4ids import oc4ids_package_header, oc4ids_project
from projects.filtersets import (
    DistrictFilterSet,
    FocusAreaFilterSet,
    OrganizationFilterSet,
    ProjectFilterSet,
    ReportedFigureFilterSet,
    SchemeFilterSet,
    ZoneFilterSet,
)
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)
from projects.selectors import PagedProjectRows, article_model, project_records, project_rows

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


def _value(key: str):
    return lambda data: data[key]


PROJECT_CSV_COLUMNS = [
    ("id", _value("id")),
    ("title_en", _value("title_en")),
    ("title_zh", _value("title_zh")),
    ("summary", _value("summary")),
    ("description", _value("description")),
    ("status", _value("status")),
    ("focus_area", _value("focus_area")),
    ("other_focus_areas", _value("other_focus_areas")),
    ("scheme", _value("scheme")),
    ("zone", _value("zone")),
    ("district", _value("district")),
    (
        "participants",
        lambda data: [f"{item['organization']}:{item['role']}:{item['country']}" for item in data["participants"]],
    ),
    ("contract_amount", _value("contract_amount")),
    ("currency", _value("currency")),
    ("contract_amount_usd", _value("contract_amount_usd")),
    ("usd_rate", _value("usd_rate")),
    ("usd_rate_date", _value("usd_rate_date")),
    ("signed_date", _value("signed_date")),
    ("signed_date_precision", _value("signed_date_precision")),
    ("operation_start_date", _value("operation_start_date")),
    ("sources", lambda data: [source["url"] or source["document"] for source in data["sources"]]),
    ("articles", _value("articles")),
    ("public_url", _value("public_url")),
    ("is_published", _value("is_published")),
    ("created_at", _value("created_at")),
    ("updated_at", _value("updated_at")),
]


class ProjectViewSet(RegistryViewSet):
    """Projects, addressed by their public identifier (CCI-YYYY-NNNN)."""

    serializer_class = serializers.ProjectSerializer
    filterset_class = ProjectFilterSet
    lookup_field = "public_id"
    lookup_url_kwarg = "public_id"
    lookup_value_regex = r"CCI-[0-9]{4}-[0-9]{4}"
    csv_filename = "projects.csv"

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user)

    def read_rows(self, queryset):
        return project_rows(queryset, self.request.user)

    def read_page_rows(self, queryset):
        return PagedProjectRows(queryset, self.request.user)

    def with_related(self, rows) -> list:
        return project_records(rows, self.request.user)

    def freshness_dependencies(self):
        return (
            ProjectParticipant.history.all(),
            Milestone.history.all(),
            # Whole tables: a withdrawal moves the stamp of a table, not of its published rows.
            Organization.objects.all(),
            Zone.objects.all(),
            article_model().objects.all(),
            article_model().history.all(),
            Source.objects.all(),
        )

    def csv_columns(self):
        return PROJECT_CSV_COLUMNS

    def allowed_query_parameters(self):
        if self.action == "oc4ids":
            return filterset_parameters(self.filterset_class)
        return super().allowed_query_parameters()

    @extend_schema(
        summary="Projects as an OC4IDS 0.9.5 project package",
        description=(
            "The projects matching the same filters as the list, all of them (streamed, no paging), as an "
            "Open Contracting for Infrastructure Data Standard project package. The field mapping is in the "
            "API documentation (docs/api.md). When no project matches, `projects` is empty."
        ),
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="An OC4IDS project package.")},
    )
    @action(detail=False, methods=["get"], url_path="oc4ids", renderer_classes=[renderers.JSONRenderer])
    def oc4ids(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        freshness = self.queryset_freshness(Project.objects.all())
        if (unchanged := not_modified(request, freshness)) is not None:
            return unchanged
        header = oc4ids_package_header(
            uri=request.build_absolute_uri(),
            published=freshness.last_modified or self.request_started,
            publisher_uri=request.build_absolute_uri("/"),
        )
        id_prefix = getattr(settings, "OC4IDS_ID_PREFIX", "")
        projects = self.all_records(queryset)
        response = StreamingHttpResponse(_package_chunks(header, projects, id_prefix), content_type="application/json")
        set_validators(response, freshness)
        return response


def _package_chunks(header: dict, projects, id_prefix: str):
    """The package as JSON text, one project at a time."""
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "projects": ['
    for index, project in enumerate(projects):
        yield ("," if index else "") + json.dumps(oc4ids_project(project, id_prefix=id_prefix), ensure_ascii=False)
    yield "]}"


class FocusAreaViewSet(RegistryViewSet):
    """The four CCI focus areas, addressed by code."""

    serializer_class = serializers.FocusAreaSerializer
    filterset_class = FocusAreaFilterSet
    lookup_field = "code"
    lookup_value_regex = SLUG_PATTERN
    csv_filename = "focus-areas.csv"

    def get_queryset(self):
        return FocusArea.objects.published().order_by("position", "code")


class SchemeViewSet(RegistryViewSet):
    """The four cooperation schemes, addressed by code."""

    serializer_class = serializers.SchemeSerializer
    filterset_class = SchemeFilterSet
    lookup_field = "code"
    lookup_value_regex = SLUG_PATTERN
    csv_filename = "schemes.csv"

    def get_queryset(self):
        return Scheme.objects.published().order_by("position", "code")


class DistrictViewSet(RegistryViewSet):
    """Districts and counties of Chongqing, addressed by slug."""

    serializer_class = serializers.DistrictSerializer
    filterset_class = DistrictFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    csv_filename = "districts.csv"

    def get_queryset(self):
        return District.objects.published().order_by("name_en", "pk")


class ZoneViewSet(RegistryViewSet):
    """Demonstration zones, parks, bases, centres, ports and channels, addressed by slug."""

    serializer_class = serializers.ZoneSerializer
    filterset_class = ZoneFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    csv_filename = "zones.csv"

    def get_queryset(self):
        return (
            Zone.objects.visible_to(self.request.user)
            .select_related("focus_area", "district")
            .order_by("name_en", "pk")
        )


class OrganizationViewSet(RegistryViewSet):
    """Partner organizations, addressed by slug."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    csv_filename = "organizations.csv"

    def get_queryset(self):
        return Organization.objects.visible_to(self.request.user).order_by("name_en", "pk")


class ReportedFigureViewSet(RegistryViewSet):
    """Official headline figures with their sources and dates, addressed by number."""

    serializer_class = serializers.ReportedFigureSerializer
    filterset_class = ReportedFigureFilterSet
    lookup_field = "id"
    lookup_value_regex = r"[0-9]{1,18}"
    csv_filename = "reported-figures.csv"

    def get_queryset(self):
        return ReportedFigure.objects.visible_to(self.request.user).select_related("source")

    def freshness_dependencies(self):
        return (Source.objects.all(),)
