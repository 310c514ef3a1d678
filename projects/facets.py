"""Facets of the project list: each filter option with the number of projects it would list.

A facet counts the projects matching every other active filter, so the numbers say what
ticking an option would show. All facets come from one SQL statement
(:func:`projects.breakdowns.facet_counts`), whatever the number of projects or options.
Facets with many options (zones, districts, partners) show the :data:`LONG_FACET_LIMIT` with
most projects, plus any chosen one; the rest are counted and said to be there.
"""

from dataclasses import dataclass

from django.core.cache import cache

from core.freshness import VERSIONED_CACHE_SECONDS
from projects import breakdowns
from projects.countries import country_name
from projects.freshness import registry_version
from projects.models import Project

LONG_FACET_LIMIT = 12


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


_LABELS = {
    "focus_area": _record_name,
    "scheme": _record_name,
    "status": lambda row: row.record.label,
    "zone": _record_name,
    "district": _record_name,
    "partner_country": lambda row: country_name(row.key),
    "organization": _record_name,
}


def project_facets(
    projects,
    narrowed_by: dict,
    selected: dict[str, list[str]],
    chosen: dict[str, list],
    *,
    whole_registry: bool,
    limit: int | None = LONG_FACET_LIMIT,
) -> tuple[dict[str, Facet], int]:
    """Every facet of the list, and how many projects the list holds.

    ``projects`` are the published projects matching the filters that are not facets;
    ``narrowed_by`` maps each active facet filter to its chosen ids or codes;
    ``selected`` maps a facet to its chosen option keys, ``chosen`` to the chosen ids (records)
    or codes. For the ``whole_registry`` (no filter at all) the figures are cached until a
    record changes. ``limit`` cuts the long facets (None: every option, for their own page).
    """
    if whole_registry:
        figures, total = registry_facet_figures()
    else:
        figures, total = projects.facet_counts(narrowed_by, limit=limit, chosen=chosen)
    facets = {name: _facet(name, figures[name], selected.get(name, []), _LABELS[name]) for name in breakdowns.FACETS}
    return facets, total


def registry_facet_figures() -> tuple[dict, int]:
    """The facets of the unfiltered list and its count, cached under the registry's version."""
    key = f"registry-facets:{registry_version()}"
    figures = cache.get(key)
    if figures is None:
        figures = Project.objects.published().facet_counts({}, limit=LONG_FACET_LIMIT, chosen={})
        cache.set(key, figures, VERSIONED_CACHE_SECONDS)
    return figures
