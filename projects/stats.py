"""The registry's statistics: counts and US-dollar totals by focus area, scheme, signing year,
partner country and status. The statistics page and the API's ``stats`` both read them here.

Every figure follows the counting rule of :mod:`projects.querysets` (the status breakdown lists
the uncounted projects apart, marked as not counted). A project counts once in each focus area it
names (primary or further) and once for each country among its published partners, so those two
breakdowns can add up to more than the total.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import gettext as _

from core.freshness import VERSIONED_CACHE_SECONDS
from projects.completeness import fact_tallies, registry_completeness
from projects.countries import country_name
from projects.freshness import registry_version
from projects.models import Project
from projects.querysets import is_counted

UNKNOWN_YEAR = "unknown"


@dataclass(frozen=True)
class StatRow:
    """One row of a breakdown; ``key`` is the code (focus area, scheme, status, ISO country, year)."""

    key: str
    label: str
    project_count: int
    amount_usd: Decimal
    counted: bool = True
    name_en: str = ""
    name_zh: str = ""


def registry_stats(projects=None, *, version: str | None = None) -> dict:
    """Every breakdown of ``projects`` (default: all published projects) and how complete they are, in 8 queries.

    The breakdowns of the whole published registry are cached under :func:`registry_version`,
    so they cost one query until a record changes, in every process (none when the caller
    read the ``version`` already)."""
    return _rows(registry_figures(version) if projects is None else _figures(projects))


def registry_figures(version: str | None = None) -> dict:
    """The figures of the whole published registry: totals and the breakdowns' tallies, cached."""
    key = f"registry-stats:{version or registry_version()}"
    figures = cache.get(key)
    if figures is None:
        figures = _figures(Project.objects.published())
        cache.set(key, figures, VERSIONED_CACHE_SECONDS)
    return figures


def _figures(projects) -> dict:
    """The language-neutral figures behind :func:`registry_stats` (what the cache keeps)."""
    # Through a pk subquery, so the joins and rankings of filters never count a project twice.
    scope = Project.objects.filter(pk__in=projects.values("pk"))
    return {
        "totals": scope.totals(),
        "by_focus_area": scope.by_focus_area(),
        "by_scheme": scope.by_scheme(),
        "by_signing_year": scope.by_signing_year(),
        "by_partner_country": scope.by_partner_country(),
        "by_status": scope.by_status(),
        "completeness": registry_completeness(scope),
    }


def _rows(figures: dict) -> dict:
    def vocabulary(breakdown):
        return [
            StatRow(
                row.key,
                row.record.name,
                row.projects,
                row.amount_usd,
                name_en=row.record.name_en,
                name_zh=row.record.name_zh,
            )
            for row in breakdown
        ]

    countries = sorted(
        (row for row in figures["by_partner_country"] if row.projects),
        key=lambda row: (-row.projects, row.key),
    )
    return {
        "totals": figures["totals"],
        "completeness": {**figures["completeness"], "facts": fact_tallies(figures["completeness"])},
        "by_focus_area": vocabulary(figures["by_focus_area"]),
        "by_scheme": vocabulary(figures["by_scheme"]),
        "by_signing_year": [
            StatRow(row.key or UNKNOWN_YEAR, row.key or _("Not stated"), row.projects, row.amount_usd)
            for row in figures["by_signing_year"]
        ],
        "by_partner_country": [
            StatRow(row.key, country_name(row.key), row.projects, row.amount_usd) for row in countries
        ],
        "by_status": [
            StatRow(
                row.key,
                str(row.record.label),
                row.projects,
                row.amount_usd,
                counted=is_counted(row.record),
            )
            for row in figures["by_status"]
        ],
    }
