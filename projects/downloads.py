"""The registry's list downloads (CSV with a byte-order mark, and XLSX; :mod:`core.downloads`): the
project list and the zones, partners and districts indexes, each with its own filters over the
published records and the rows and columns of its API CSV."""

from django.utils.translation import gettext_lazy as _

from core.downloads import ListDownload
from projects.api.views import DistrictViewSet, OrganizationViewSet, ProjectViewSet, ZoneViewSet
from projects.filtersets import DistrictFilterSet, OrganizationFilterSet, ProjectFilterSet, ZoneFilterSet
from projects.models import District, Organization, Project, Zone

PROJECT_DOWNLOADS = ListDownload(
    filterset_class=ProjectFilterSet,
    records=Project.objects.published,
    viewset_class=ProjectViewSet,
    stem="projects",
    title=_("CCI Portal projects"),
    sheet="Projects",
    list_route="projects:project-list",
    route="projects:project-download",
)
# The indexes sort as their API endpoints do, by English name; a zone's row names its focus area and district.
ZONE_DOWNLOADS = ListDownload(
    filterset_class=ZoneFilterSet,
    records=lambda: Zone.objects.published().select_related("focus_area", "district").order_by("name_en", "pk"),
    viewset_class=ZoneViewSet,
    stem="zones",
    title=_("CCI Portal zones"),
    sheet="Zones",
    list_route="projects:zone-list",
    route="projects:zone-download",
)
ORGANIZATION_DOWNLOADS = ListDownload(
    filterset_class=OrganizationFilterSet,
    records=lambda: Organization.objects.published().order_by("name_en", "pk"),
    viewset_class=OrganizationViewSet,
    stem="partners",
    title=_("CCI Portal partners"),
    sheet="Partners",
    list_route="projects:organization-list",
    route="projects:organization-download",
)
DISTRICT_DOWNLOADS = ListDownload(
    filterset_class=DistrictFilterSet,
    records=lambda: District.objects.published().order_by("name_en", "pk"),
    viewset_class=DistrictViewSet,
    stem="districts",
    title=_("CCI Portal districts"),
    sheet="Districts",
    list_route="projects:district-list",
    route="projects:district-download",
)

projects_csv, projects_xlsx = PROJECT_DOWNLOADS.csv, PROJECT_DOWNLOADS.xlsx
