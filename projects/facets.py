"""Facets of the project list: each filter option with the number of projects it would list.

A facet counts the projects matching every other active filter, so the numbers say what
ticking an option would show. One ``GROUP BY`` query per facet (see :mod:`projects.breakdowns`),
whatever the number of projects or options. Facets with many options (zones, districts,
partners) show the :data:`LONG_FACET_LIMIT` with most projects, plus any chosen one; the rest
are a search away on the facet's own page (:func:`facet_options`).
"""

from dataclasses import dataclass

from django.core.cache import cache

from projects import breakdowns
from projects.countries import country_name
from projects.freshness import registry_version
from projects.models import Project

CACHE_SECONDS = 24 * 60 * 60  # the key changes with every edit; this only bounds what is kept
LONG_FACET_LIMIT = 12
# Options of a long facet, and the breakdown that counts them.
LONG_FACETS = {
    "zone": breakdowns.by_zone,
    "district": breakdowns.by_district,
    "organization": breakdowns.by_organization,
}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    options: list[FacetOption]
    # How many options have projects in all, when more than ``options`` shows.
    option_count: int = 0

    @property
    def selected(self) -> bool:
        return any(option.selected for option in self.options)

    @property
    def hidden_count(self) -> int:
        """Options with projects that the list leaves out (found on the facet's own page)."""
        shown = sum(1 for option in self.options if option.count)
        return max(self.option_count - shown, 0)


def _facet(name: str, breakdown, chosen: list[str], label) -> Facet:
    options = [
        FacetOption(row.key, str(label(row)), row.all_projects, row.key in chosen)
        for row in breakdown
        # Options that would list nothing are left out, unless chosen (so they can be unticked).
        if row.all_projects or row.key in chosen
    ]
    return Facet(name, options, breakdown.option_count)


def _record_name(row) -> str:
    return row.record.name


def project_facets(projects_without, selected: dict[str, list[str]], *, figures: dict | None = None) -> dict:
    """Every facet of the list.

    ``projects_without(name)`` returns the published projects matching every filter but ``name``;
    ``selected`` maps a filter name to its chosen values. ``figures`` may hold breakdowns already
    counted over the same projects (the cached ones of the unfiltered registry).
    """
    figures = figures or {}

    def counted(name, breakdown, **options):
        return figures.get(name) or breakdown(projects_without(name), **options)

    facets = {
        "focus_area": _facet(
            "focus_area",
            counted("focus_area", breakdowns.by_focus_area),
            selected.get("focus_area", []),
            _record_name,
        ),
        "scheme": _facet("scheme", counted("scheme", breakdowns.by_scheme), selected.get("scheme", []), _record_name),
        "status": _facet(
            "status", counted("status", breakdowns.by_status), selected.get("status", []), lambda row: row.record.label
        ),
        "partner_country": _facet(
            "partner_country",
            counted("partner_country", breakdowns.by_partner_country),
            selected.get("partner_country", []),
            lambda row: country_name(row.key),
        ),
    }
    for name, breakdown in LONG_FACETS.items():
        chosen = selected.get(name, [])
        facets[name] = _facet(
            name,
            counted(name, breakdown, limit=LONG_FACET_LIMIT, include=chosen),
            chosen,
            _record_name,
        )
    return {name: facets[name] for name in FACET_ORDER}


def registry_facet_figures() -> dict:
    """The breakdowns behind the facets of the unfiltered list, cached under the registry's version."""
    key = f"registry-facets:{registry_version()}"
    figures = cache.get(key)
    if figures is None:
        published = Project.objects.published()
        figures = {
            "focus_area": breakdowns.by_focus_area(published),
            "scheme": breakdowns.by_scheme(published),
            "status": breakdowns.by_status(published),
            "partner_country": breakdowns.by_partner_country(published),
            **{name: breakdown(published, limit=LONG_FACET_LIMIT) for name, breakdown in LONG_FACETS.items()},
        }
        cache.set(key, figures, CACHE_SECONDS)
    return figures


FACET_ORDER = ("focus_area", "scheme", "status", "zone", "district", "partner_country", "organization")
