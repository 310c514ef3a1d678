"""``/api/v1/``: the apps' API routes, the statistics, the OpenAPI schema and its interactive docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cci_portal.api import views
from cci_portal.releases.api import ReleaseDetailView, ReleaseListView

app_name = "api"

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("releases/", ReleaseListView.as_view(), name="release-list"),
    path("releases/<slug:version>/", ReleaseDetailView.as_view(), name="release-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include("projects.api.urls")),
    path("", include("news.api.urls")),
    re_path(r"^(?P<path>(?s:.*))$", views.not_found),  # (?s): a path with a newline is unknown too
]
