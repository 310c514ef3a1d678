"""Pages that span both apps: home, statistics, about, data, robots.txt and the error pages."""

from django.contrib import admin
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cci_portal.page_cache import cached_public_page
from cci_portal.releases.views import data_dictionary_context
from cci_portal.roles import ROLE_NAMES
from cci_portal.selectors import home_summary
from core.licensing import data_license
from core.refusals import admin_refusal
from projects.completeness import FACTS
from projects.freshness import registry_version
from projects.maps.drawing import district_map
from projects.models import FocusArea, Project, ReportedFigure, Scheme, Source
from projects.stats import registry_stats


@cached_public_page
def home(request):
    version = registry_version()  # read once: the statistics' and the map's caches are kept under it
    context = home_summary(version) | {"district_map": district_map(version=version)}
    return render(request, "home.html", context)


def about(request):
    context = {"focus_areas": FocusArea.objects.published(), "schemes": Scheme.objects.published()}
    return render(request, "about.html", context)


def data(request):
    """Where the figures come from, how the registry counts, and how to get the data."""
    published_projects = Project.objects.published()
    sources = (
        Source.objects.filter(Q(projects__in=published_projects) | Q(figures__in=ReportedFigure.objects.published()))
        .distinct()
        .order_by("publisher_en", "title_en")
    )
    context = {"sources": sources, "license": data_license(), "facts": FACTS, **data_dictionary_context()}
    return render(request, "data.html", context)


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /search/",
        "Disallow: /zh-hans/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors' database work here: the error may be the database.
    return render(request, "500.html", status=500)


@cached_public_page
def stats(request):
    """Charts and tables of the registry's breakdowns, beside the reported figures."""
    figures = registry_stats()
    breakdowns = [
        (
            "focus-area",
            _("By focus area"),
            _("Focus area"),
            figures["by_focus_area"],
            _("A project counts in each focus area it names."),
        ),
        ("scheme", _("By cooperation scheme"), _("Scheme"), figures["by_scheme"], ""),
        ("year", _("By signing year"), _("Year"), figures["by_signing_year"], ""),
        (
            "country",
            _("By partner country"),
            _("Country"),
            figures["by_partner_country"],
            _("A project counts once for each of its partners' countries."),
        ),
        (
            "status",
            _("By status"),
            _("Status"),
            figures["by_status"],
            _("Cancelled projects are shown but not counted in totals."),
        ),
    ]
    context = {
        "stats": figures,
        "reported_figures": ReportedFigure.objects.published().select_related("source"),
        "breakdowns": [
            {
                "id": key,
                "title": title,
                "column": column,
                "rows": rows,
                "note": note,
                "count_id": f"{key}-count",
                "count_title": _("%(breakdown)s: number of projects") % {"breakdown": title},
                "amount_id": f"{key}-amount",
                "amount_title": _("%(breakdown)s: contract amount in US dollars") % {"breakdown": title},
            }
            for key, title, column, rows, note in breakdowns
        ],
    }
    return render(request, "stats.html", context)


def permission_denied(request, exception):
    """A refusal: in the admin, the admin's own page saying what was refused and which permission it
    needs; elsewhere the site's page."""
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        refusal = admin_refusal(request, exception)
        if refusal is not None:
            groups = user.groups.order_by("name").values_list("name", flat=True)
            roles = pgettext("list separator", ", ").join(str(ROLE_NAMES.get(name, name)) for name in groups)
            context = {**admin.site.each_context(request), "refusal": refusal, "roles": roles}
            return render(request, "admin/refused.html", context, status=403)
    return render(request, "403.html", status=403)
