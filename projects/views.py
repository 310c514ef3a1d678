"""Public pages of the registry: thin views over the QuerySets and selectors."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.listing import list_filters, list_page, page_or_nearest
from projects.breakdowns import LONG_FACETS
from projects.changelog import project_change_log
from projects.choices import OrganizationKind, ZoneKind
from projects.completeness import FACTS, QUALITY_STEPS, record_quality
from projects.directory import DIRECTORY_PER_PAGE, district_index, organization_index, partner_countries, zone_index
from projects.downloads import DISTRICT_DOWNLOADS, ORGANIZATION_DOWNLOADS, ZONE_DOWNLOADS
from projects.feeds import feed_query
from projects.filtersets import PROJECT_SORT_OPTIONS
from projects.maps.drawing import district_map, locator_map
from projects.models import District, FocusArea, Organization, Project, Scheme, Zone
from projects.project_list import PROJECTS_PER_PAGE, facet_options_page, project_list_page
from projects.selectors import project_timeline, projects_with_details

# The names of the facets with many options (projects.breakdowns.LONG_FACETS), on their own pages.
LONG_FACET_LEGENDS = {"zone": _("Zone"), "district": _("District"), "organization": _("Partner")}


def project_list(request):
    """Published projects with the API's filters, facet counts, sorting and pagination."""
    listing = project_list_page(request)
    context = {
        "listing": listing,
        "projects": listing.page.object_list,
        "ordering": request.GET.get("ordering", ""),
        "sort_options": PROJECT_SORT_OPTIONS,
        "quality_steps": QUALITY_STEPS,
        "fact_count": len(FACTS),
        # Counts by district of the filtered projects (the paginator holds them, unsliced), or
        # of the whole registry, cached, when nothing is filtered.
        "district_map": district_map(None if listing.whole_registry else listing.page.paginator.object_list),
        # The feeds of the same filters (the refused ones dropped, as the list drops them).
        "feed_query": feed_query(QueryDict(listing.filter_query)),
    }
    return render(request, "projects/project_list.html", context, status=listing.status)


def facet_options(request, name):
    """Every zone, district or partner of the project list with its count, for the list's filters."""
    if name not in LONG_FACETS:
        raise Http404
    options = facet_options_page(name, request)
    context = {"options": options, "legend": LONG_FACET_LEGENDS[name]}
    return render(request, "projects/facet_options.html", context, status=options.status)


def project_detail(request, public_id):
    """A project's public page; staff who may view projects also see drafts (preview)."""
    project = get_object_or_404(projects_with_details(request.user), public_id=public_id)
    timeline = project_timeline(project, today=timezone.localdate())
    context = {
        "project": project,
        "timeline": timeline,
        "quality": record_quality(project),
        "change_log": project_change_log(project),
        "district_map": locator_map(project),
    }
    return render(request, "projects/project_detail.html", context)


# The groups whose page shows the map, with the group highlighted on it.
MAPPED_GROUPS = ("zone", "district")


def _group_page(request, *, group, kind: str, projects, template: str = "projects/group_detail.html"):
    """A page for a focus area, scheme, zone, district or organization: its totals, and its
    projects a page at a time, as the project list shows them."""
    projects = projects.published()
    totals = projects.totals()
    paginator = Paginator(projects.with_list_related().order_by(*Project._meta.ordering), PROJECTS_PER_PAGE)
    paginator.count = totals["listed_count"]  # counted with the totals: no second COUNT
    page, notice = page_or_nearest(paginator, request.GET.get("page"))
    key = group.code if kind in ("focus_area", "scheme") else group.slug
    context = {
        "group": group,
        "kind": kind,
        "page": page,
        "projects": page.object_list,
        "notices": [notice] if notice else [],
        "totals": totals,
        # The same projects in the list, where they can be filtered further (zones and partners
        # there must be published, as here).
        "list_query": urlencode({kind: key}),
    }
    if kind in MAPPED_GROUPS:
        context["district_map"] = district_map(highlight=f"{kind}:{group.slug}")
    return render(request, template, context)


def focus_area_detail(request, code):
    focus_area = get_object_or_404(FocusArea.objects.published(), code=code)
    return _group_page(
        request, group=focus_area, kind="focus_area", projects=Project.objects.in_focus_areas([focus_area])
    )


def scheme_detail(request, code):
    scheme = get_object_or_404(Scheme.objects.published(), code=code)
    return _group_page(request, group=scheme, kind="scheme", projects=Project.objects.filter(scheme=scheme))


def zone_detail(request, slug):
    zone = get_object_or_404(Zone.objects.published().select_related("focus_area", "district"), slug=slug)
    return _group_page(request, group=zone, kind="zone", projects=Project.objects.filter(zone=zone))


def district_detail(request, slug):
    district = get_object_or_404(District.objects.published(), slug=slug)
    return _group_page(request, group=district, kind="district", projects=Project.objects.filter(district=district))


def organization_detail(request, slug):
    organization = get_object_or_404(Organization.objects.published(), slug=slug)
    return _group_page(
        request,
        group=organization,
        kind="organization",
        projects=Project.objects.with_participant(organization),
    )


def _directory_page(request, *, downloads, records, index, kind: str, **context):
    """An index of zones, partners or districts: the published ones the filters let through, by
    name, 50 a page, each with its projects' count and total, and the links to download them."""
    filters = list_filters(downloads.filterset_class, request.GET, queryset=records.published(), request=request)
    listing = list_page(
        filters,
        object_list=index(filters.filterset.qs),
        per_page=DIRECTORY_PER_PAGE,
        requested_page=request.GET.get("page"),
    )
    context |= {
        "listing": listing,
        "records": listing.page.object_list,
        "kind": kind,
        "chosen": filters.data,
        "downloads": downloads.links(listing.filter_query),
    }
    return render(request, "projects/directory_index.html", context, status=listing.status)


def zone_list(request):
    """Every published zone, with its kind, focus area, district and projects."""
    return _directory_page(
        request, downloads=ZONE_DOWNLOADS, records=Zone.objects, index=zone_index, kind="zone", kinds=ZoneKind
    )


def organization_list(request):
    """Every published partner, filtered by country and kind, with the projects it takes part in."""
    return _directory_page(
        request,
        downloads=ORGANIZATION_DOWNLOADS,
        records=Organization.objects,
        index=organization_index,
        kind="organization",
        kinds=OrganizationKind,
        countries=partner_countries(),
    )


def district_list(request):
    """Every district and county of Chongqing in the registry, with its projects."""
    return _directory_page(
        request, downloads=DISTRICT_DOWNLOADS, records=District.objects, index=district_index, kind="district"
    )
