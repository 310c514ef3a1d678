"""``/api/v1/releases/``: the bulk releases kept, newest first, with their files' addresses, sizes
and checksums; ``/api/v1/releases/latest/`` the newest one."""

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, renderers, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from cci_portal.models import Release
from core.api.conditional import marker_freshness, not_modified, set_validators
from core.api.serializers import ErrorSerializer
from core.api.viewsets import QueryParameterCheckMixin


class ReleaseFileSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The file's name in the release: projects.csv, datapackage.json…")
    format = serializers.CharField(help_text="csv, xlsx, jsonl, parquet, oc4ids, json or the checksums' file.")
    table = serializers.CharField(help_text="The table the file holds (projects, participants…), or empty.")
    bytes = serializers.IntegerField(help_text="Its size in bytes.")
    sha256 = serializers.CharField(help_text="Its SHA-256 digest, as SHA256SUMS lists it.")
    url = serializers.URLField(help_text="Where to download it.")


class ReleaseSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="The release's date, with -2, -3… for a later one the same day.")
    created_at = serializers.DateTimeField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Rows by table.")
    licence = serializers.DictField(child=serializers.CharField(), help_text="The data licence's name and url.")
    files = ReleaseFileSerializer(many=True)

    def to_representation(self, release: Release) -> dict:
        request = self.context["request"]
        return {
            "version": release.version,
            "created_at": serializers.DateTimeField().to_representation(release.created_at),
            "counts": release.counts,
            "licence": {"name": release.licence_name, "url": release.licence_url},
            "files": [
                {
                    **{key: file[key] for key in ("name", "format", "table", "bytes", "sha256")},
                    "url": request.build_absolute_uri(reverse("release-file", args=[release.version, file["name"]])),
                }
                for file in release.files
            ],
        }


class _ReleaseView(QueryParameterCheckMixin, GenericAPIView):
    renderer_classes = [renderers.JSONRenderer]
    permission_classes = [permissions.AllowAny]  # reads only
    http_method_names = ["get", "head", "options"]
    serializer_class = ReleaseSerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return Release.objects.newest_first()

    def get(self, request, **kwargs):
        # The validators: the newest release and how many are kept (a pruned one changes the count).
        kept = Release.objects.aggregate(newest=Max("created_at"), count=Count("id"))
        freshness = marker_freshness([kept["newest"], kept["count"]], request=request)
        if (unchanged := not_modified(request, freshness)) is not None:
            return unchanged
        response = Response(self.data(**kwargs))
        set_validators(response, freshness)
        return response


class ReleaseListView(_ReleaseView):
    @extend_schema(
        operation_id="releases_list",
        summary="The bulk releases kept, newest first",
        responses={200: ReleaseSerializer(many=True)},
    )
    def get(self, request):
        return super().get(request)

    def data(self) -> list[dict]:
        return self.get_serializer(self.get_queryset(), many=True).data


class ReleaseDetailView(_ReleaseView):
    @extend_schema(
        operation_id="releases_retrieve",
        summary="One bulk release, by version; `latest` for the newest",
        responses={
            200: ReleaseSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No release has this version."),
        },
    )
    def get(self, request, version: str):
        return super().get(request, version=version)

    def data(self, version: str) -> dict:
        releases = self.get_queryset()
        release = releases.first() if version == "latest" else releases.filter(version=version).first()
        if release is None:
            raise exceptions.NotFound(_("No release has the version “%(version)s”.") % {"version": version})
        return self.get_serializer(release).data
