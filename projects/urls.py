from django.urls import path, register_converter

from projects import downloads, views
from projects.feeds import ProjectHistoryAtom


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
    path("projects/options/<slug:name>/", views.facet_options, name="facet-options"),
    path("projects/<public_id:public_id>/", views.project_detail, name="project-detail"),
    path("projects/<public_id:public_id>/history.atom", ProjectHistoryAtom(), name="project-history-feed"),
    path("focus-areas/<slug:code>/", views.focus_area_detail, name="focus-area-detail"),
    path("schemes/<slug:code>/", views.scheme_detail, name="scheme-detail"),
    path("zones/", views.zone_list, name="zone-list"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("districts/", views.district_list, name="district-list"),
    path("zones/<slug:slug>/", views.zone_detail, name="zone-detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("districts/<slug:slug>/", views.district_detail, name="district-detail"),
]
