"""API endpoints of the registry: thin ViewSets over the QuerySets, the FilterSets and the serializers."""

from itertools import chain

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, renderers
from rest_framework.decorators import action

from core.api.conditional import not_modified, set_validators
from core.api.filters import filterset_parameters
from core.api.renderers import GeoJsonRenderer
from core.api.viewsets import RegistryViewSet, SlugViewSet
from core.localization import CHINESE, reader_language
from core.querysets import sees_drafts
from projects.api import serializers
from projects.api.geojson import PROJECT_PROPERTIES, ZONE_PROPERTIES, GeoJsonListMixin
from projects.api.oc4ids import oc4ids_package_header, package_chunks
from projects.feeds import search_feed_links
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
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Source,
    Zone,
)
from projects.selectors import PagedProjectRows, article_model, project_records, project_rows


def _value(key: str):
    return lambda data: data[key]


# Cells of a list are joined by the CSV renderer; a participant is ``slug:role:country``.
_CSV_CELLS = {
    "participants": lambda data: [
        f"{item['organization']}:{item['role']}:{item['country']}" for item in data["participants"]
    ],
}
# The CSV's columns: the identifier, the record fields (``Project.record_fields``, but the slug,
# which the public URL carries), then sources, articles, the public URL and the stamps.
PROJECT_CSV_COLUMNS = [
    ("id", _value("id")),
    *((name, _CSV_CELLS.get(name, _value(name))) for name in Project.record_fields if name != "slug"),
    ("sources", lambda data: [source["url"] or source["document_en"] for source in data["sources"]]),
    *((name, _value(name)) for name in ("articles", "public_url", "is_published", "created_at", "updated_at")),
]


class ProjectViewSet(GeoJsonListMixin, RegistryViewSet):
    """Projects, addressed by their public identifier (CCI-YYYY-NNNN); their points as GeoJSON."""

    renderer_classes = [*RegistryViewSet.renderer_classes, GeoJsonRenderer]
    geojson_properties = PROJECT_PROPERTIES
    geojson_name_fields = ("title_en", "title_zh")
    geojson_page_route = "projects:project-detail"

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
        user = self.request.user
        # Participants and milestones: their history for staff; for the public, the published
        # projects' marker, which counts a change to their parts (core.freshness).
        if sees_drafts(user, Project):
            parts = (ProjectParticipant.history.all(), Milestone.history.all())
        else:
            parts = (Project.objects.published(),)
        return (
            *parts,
            Organization.objects.visible_to(user),
            Zone.objects.visible_to(user),
            article_model().objects.visible_to(user),
            Source.objects.all(),
        )

    def csv_columns(self):
        return PROJECT_CSV_COLUMNS

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if response.status_code == 200:
            # The Atom and RSS feeds of the same filters, beside any link the answer carries already.
            links = [response["Link"]] if response.has_header("Link") else []
            response["Link"] = ", ".join([*links, search_feed_links(request, request.query_params)])
        return response

    def allowed_query_parameters(self):
        if self.action == "oc4ids":
            return filterset_parameters(self.filterset_class)
        return super().allowed_query_parameters()

    @extend_schema(
        summary="Projects as an OC4IDS 0.9.5 project package",
        description=(
            "The projects matching the same filters as the list, all of them (streamed, no paging), as an "
            "Open Contracting for Infrastructure Data Standard project package. The field mapping is in the "
            "API documentation (docs/api.md). When no project matches, the answer is a 404 saying so (a package "
            "must hold at least one project). `lang=zh` gives "
            "the Chinese package (`language` zh; a text missing in Chinese is given in English)."
        ),
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="An OC4IDS project package.")},
    )
    @action(detail=False, methods=["get"], url_path="oc4ids", renderer_classes=[renderers.JSONRenderer])
    def oc4ids(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        freshness = self.list_freshness()
        if (unchanged := not_modified(request, freshness)) is not None:
            return unchanged
        header = oc4ids_package_header(
            uri=request.build_absolute_uri(),
            published=freshness.last_modified or self.request_started,
            publisher_uri=request.build_absolute_uri("/"),
            policy_uri=request.build_absolute_uri(reverse("data") + "#licence"),
        )
        id_prefix = getattr(settings, "OC4IDS_ID_PREFIX", "")
        language = request.query_params.get("lang") or ("zh" if reader_language() == CHINESE else "en")
        projects = self.all_records(queryset)
        first = next(projects, None)  # the first chunk's queries, which the package makes anyway
        if first is None:
            raise exceptions.NotFound(NO_PACKAGE)
        chunks = package_chunks(header, chain([first], projects), id_prefix=id_prefix, language=language)
        response = StreamingHttpResponse(chunks, content_type="application/json")
        set_validators(response, freshness)
        return response


NO_PACKAGE = _(
    "No published project matches these filters, and an OC4IDS package must hold at least one project: "
    "widen the filters."
)


class CodedVocabularyViewSet(SlugViewSet):
    """A fixed list, addressed by code, in its own order."""

    lookup_field = "code"

    def get_queryset(self):
        return self.filterset_class._meta.model.objects.published().order_by("position", "code")


class FocusAreaViewSet(CodedVocabularyViewSet):
    """The four CCI focus areas, addressed by code."""

    serializer_class = serializers.FocusAreaSerializer
    filterset_class = FocusAreaFilterSet
    csv_filename = "focus-areas.csv"


class SchemeViewSet(CodedVocabularyViewSet):
    """The four cooperation schemes, addressed by code."""

    serializer_class = serializers.SchemeSerializer
    filterset_class = SchemeFilterSet
    csv_filename = "schemes.csv"


class DistrictViewSet(SlugViewSet):
    """Districts and counties of Chongqing, addressed by slug."""

    serializer_class = serializers.DistrictSerializer
    filterset_class = DistrictFilterSet
    csv_filename = "districts.csv"

    def get_queryset(self):
        return District.objects.published().order_by("name_en", "pk")


class ZoneViewSet(GeoJsonListMixin, SlugViewSet):
    """Demonstration zones, parks, bases, centres, ports and channels, addressed by slug; their points as GeoJSON."""

    renderer_classes = [*SlugViewSet.renderer_classes, GeoJsonRenderer]
    geojson_properties = ZONE_PROPERTIES
    geojson_name_fields = ("name_en", "name_zh")
    geojson_page_route = "projects:zone-detail"

    serializer_class = serializers.ZoneSerializer
    filterset_class = ZoneFilterSet
    csv_filename = "zones.csv"

    def get_queryset(self):
        return (
            Zone.objects.visible_to(self.request.user)
            .select_related("focus_area", "district")
            .order_by("name_en", "pk")
        )


class OrganizationViewSet(SlugViewSet):
    """Partner organizations, addressed by slug."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet
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
