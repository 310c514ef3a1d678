from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from projects import downloads, views
from projects.feeds import ProjectHistoryAtom, ProjectSearchAtom, ProjectSearchRss


class PublicIdConverter:
    """A project identifier, CCI-<year>-<number>: anything else is a 404 before any query."""

    regex = r"CCI-[0-9]{4}-[0-9]{4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PublicIdConverter, "public_id")

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="project-list"),
    path("projects/download.csv", downloads.projects_csv, name="project-download-csv"),
    path("projects/download.xlsx", downloads.projects_xlsx, name="project-download-xlsx"),
    path("projects/feed.atom", require_safe(ProjectSearchAtom()), name="project-feed-atom"),
    path("projects/feed.rss", require_safe(ProjectSearchRss()), name="project-feed-rss"),
    path("projects/options/<slug:name>/", views.facet_options, name="facet-options"),
    path("projects/<public_id:public_id>/", views.project_detail, name="project-detail"),
    path("projects/<public_id:public_id>/history.atom", ProjectHistoryAtom(), name="project-history-feed"),
    path("focus-areas/<slug:code>/", views.focus_area_detail, name="focus-area-detail"),
    path("schemes/<slug:code>/", views.scheme_detail, name="scheme-detail"),
    path("zones/", views.zone_list, name="zone-list"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("districts/", views.district_list, name="district-list"),
    path("zones/download.csv", downloads.ZONE_DOWNLOADS.csv, name="zone-download-csv"),
    path("zones/download.xlsx", downloads.ZONE_DOWNLOADS.xlsx, name="zone-download-xlsx"),
    path("organizations/download.csv", downloads.ORGANIZATION_DOWNLOADS.csv, name="organization-download-csv"),
    path("organizations/download.xlsx", downloads.ORGANIZATION_DOWNLOADS.xlsx, name="organization-download-xlsx"),
    path("districts/download.csv", downloads.DISTRICT_DOWNLOADS.csv, name="district-download-csv"),
    path("districts/download.xlsx", downloads.DISTRICT_DOWNLOADS.xlsx, name="district-download-xlsx"),
    path("zones/<slug:slug>/", views.zone_detail, name="zone-detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("districts/<slug:slug>/", views.district_detail, name="district-detail"),
]
