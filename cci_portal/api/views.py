"""API views that span the apps: the root, the statistics, and the JSON 404 for unknown paths."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, renderers, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cci_portal.api.stats import COUNTING_RULE, stats_document
from core.api.conditional import marker_freshness, not_modified, set_validators
from core.api.filters import RegistryFilterBackend, filterset_parameters
from core.api.viewsets import QueryParameterCheckMixin
from core.freshness import latest_changes, version_of
from core.licensing import data_license
from projects.api.serializers import ReportedFigureSerializer
from projects.completeness import FACT_KEYS
from projects.filtersets import ProjectFilterSet
from projects.freshness import registry_querysets
from projects.models import Project, ReportedFigure

ENDPOINTS = [
    ("projects", "api:project-list"),
    ("projects_oc4ids", "api:project-oc4ids"),
    ("focus_areas", "api:focusarea-list"),
    ("schemes", "api:scheme-list"),
    ("zones", "api:zone-list"),
    ("districts", "api:district-list"),
    ("organizations", "api:organization-list"),
    ("articles", "api:article-list"),
    ("reported_figures", "api:reportedfigure-list"),
    ("stats", "api:stats"),
    ("releases", "api:release-list"),
    ("schema", "api:schema"),
    ("docs", "api:docs"),
]


class ApiRootView(QueryParameterCheckMixin, APIView):
    """Links to every endpoint of the API and to its documentation."""

    renderer_classes = [renderers.JSONRenderer]
    # Reads only: any other method is a 405 (the registry's permission asks a model of the view).
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Links to the endpoints",
        responses={
            200: OpenApiResponse(
                inline_serializer(
                    "ApiRoot",
                    {
                        **{name: serializers.URLField() for name, _ in ENDPOINTS},
                        "license": inline_serializer(
                            "DataLicense",
                            {
                                "name": serializers.CharField(),
                                "url": serializers.URLField(),
                                "terms": serializers.URLField(help_text="The data page's licence and terms of use."),
                            },
                        ),
                    },
                )
            )
        },
    )
    def get(self, request):
        links = {name: request.build_absolute_uri(reverse(view_name)) for name, view_name in ENDPOINTS}
        license = data_license()
        terms = request.build_absolute_uri(reverse("data") + "#licence")
        return Response({**links, "license": {"name": license.name, "url": license.url, "terms": terms}})


def _breakdown(name: str, key_field: serializers.Field) -> serializers.Serializer:
    return inline_serializer(
        name,
        {
            **key_field,
            "projects": serializers.IntegerField(),
            "amount_usd": serializers.DecimalField(max_digits=20, decimal_places=2),
        },
        many=True,
    )


_VOCABULARY_ROW = {
    "code": serializers.CharField(),
    "name_en": serializers.CharField(),
    "name_zh": serializers.CharField(),
}

StatsSerializer = inline_serializer(
    "Stats",
    {
        "counting_rule": serializers.CharField(help_text=COUNTING_RULE),
        "currency": serializers.CharField(),
        "totals": inline_serializer(
            "StatsTotals",
            {
                "projects": serializers.IntegerField(),
                "projects_with_amount": serializers.IntegerField(),
                "amount_usd": serializers.DecimalField(max_digits=20, decimal_places=2),
            },
        ),
        "by_focus_area": _breakdown("StatsByFocusArea", _VOCABULARY_ROW),
        "by_scheme": _breakdown("StatsByScheme", _VOCABULARY_ROW),
        "by_signing_year": _breakdown(
            "StatsBySigningYear",
            {
                "year": serializers.IntegerField(
                    allow_null=True, help_text="Null for the projects without a signing date."
                )
            },
        ),
        "by_partner_country": _breakdown("StatsByPartnerCountry", {"country": serializers.CharField()}),
        "by_status": inline_serializer(
            "StatsByStatus",
            {
                "status": serializers.CharField(),
                "projects": serializers.IntegerField(),
                "amount_usd": serializers.DecimalField(max_digits=20, decimal_places=2),
                "counted": serializers.BooleanField(),
            },
            many=True,
        ),
        "completeness": inline_serializer(
            "StatsCompleteness",
            {
                "projects": serializers.IntegerField(help_text="Published projects, of any status."),
                "mean": serializers.IntegerField(help_text="Their mean completeness, in per cent."),
                "facts": inline_serializer(
                    "StatsFact",
                    {
                        "fact": serializers.ChoiceField(choices=FACT_KEYS),
                        "projects": serializers.IntegerField(help_text="How many hold the fact."),
                    },
                    many=True,
                ),
            },
        ),
        "reported_figures": ReportedFigureSerializer(many=True),
    },
)


class StatsView(QueryParameterCheckMixin, APIView):
    """Counts and US-dollar totals of the published projects matching the project filters, by focus
    area, scheme, signing year, partner country and status, next to the reported figures."""

    renderer_classes = [renderers.JSONRenderer]
    permission_classes = [permissions.AllowAny]  # reads only, as the root
    filter_backends = [RegistryFilterBackend]
    filterset_class = ProjectFilterSet
    filterset = None

    def allowed_query_parameters(self):
        return filterset_parameters(ProjectFilterSet) - {"ordering"}

    def get_queryset(self):
        return Project.objects.published()

    @extend_schema(
        summary="Counts and totals, with the reported figures", description=COUNTING_RULE, responses=StatsSerializer
    )
    def get(self, request):
        projects = RegistryFilterBackend().filter_queryset(request, self.get_queryset(), self)
        figures = ReportedFigure.objects.published().select_related("source")
        # One query for the validators and the version of the registry's cached figures.
        markers = latest_changes((*registry_querysets(), figures))
        freshness = marker_freshness(markers, request=request)
        if (unchanged := not_modified(request, freshness)) is not None:
            return unchanged
        # Without filters, the whole registry: its figures are cached until a record changes.
        filtered = any(name in request.query_params for name in self.allowed_query_parameters())
        data = stats_document(projects if filtered else None, version=version_of(markers[:-1]))
        data["reported_figures"] = ReportedFigureSerializer(figures, many=True, context={"request": request}).data
        response = Response(data)
        set_validators(response, freshness)
        return response


@csrf_exempt
def not_found(request, path=""):
    """Unknown paths under /api/v1/ answer in JSON; a missing trailing slash redirects (GET, HEAD).

    Exempt from the CSRF check, which would answer a POST with Django's HTML 403 page: the view
    changes nothing, whatever the method.
    """
    if not request.path.endswith("/") and request.method in ("GET", "HEAD"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    detail = _("No API endpoint at %(path)s; the endpoints are listed at %(root)s.") % {
        "path": request.path,
        "root": reverse("api:root"),
    }
    return JsonResponse({"detail": str(detail), "errors": {}}, status=404)
