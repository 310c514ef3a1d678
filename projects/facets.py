"""Facets of the project list: each filter option with the number of projects it would list.

A facet counts the projects matching every other active filter, so the numbers say what
ticking an option would show. One query per facet, whatever the number of projects.
"""

from dataclasses import dataclass

from django.db.models import Count

from projects.choices import ProjectStatus
from projects.countries import country_name
from projects.models import District, FocusArea, Organization, ProjectParticipant, Scheme, Zone


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

    @property
    def selected(self) -> bool:
        return any(option.selected for option in self.options)


def project_facets(projects_without, selected: dict[str, list[str]]) -> dict[str, Facet]:
    """Every facet of the list.

    ``projects_without(name)`` returns the published projects matching every filter but ``name``;
    ``selected`` maps a filter name to its chosen values.
    """

    def facet(name, rows):
        chosen = selected.get(name, [])
        options = [FacetOption(str(value), str(label), count, str(value) in chosen) for value, label, count in rows]
        # Options that would list nothing are left out, unless chosen (so they can be unticked).
        return Facet(name, [option for option in options if option.count or option.selected])

    def totals_of(queryset, name, via, key):
        rows = queryset.with_project_totals(projects_without(name), via=via, counting_rule=False)
        return [(getattr(row, key), row.name, row.project_count) for row in rows]

    status_counts = dict(
        projects_without("status").order_by().values_list("status").annotate(n=Count("pk", distinct=True))
    )
    country_counts = (
        ProjectParticipant.objects.filter(
            project__in=projects_without("partner_country"), organization__in=Organization.objects.published()
        )
        .order_by("organization__country")
        .values_list("organization__country")
        .annotate(n=Count("project", distinct=True))
    )
    return {
        "focus_area": facet(
            "focus_area",
            totals_of(
                FocusArea.objects.published().order_by("position"),
                "focus_area",
                ("focus_area", "other_focus_areas"),
                "code",
            ),
        ),
        "scheme": facet(
            "scheme", totals_of(Scheme.objects.published().order_by("position"), "scheme", ("scheme",), "code")
        ),
        "status": facet("status", [(s.value, s.label, status_counts.get(s.value, 0)) for s in ProjectStatus]),
        "zone": facet("zone", totals_of(Zone.objects.published().order_by("name_en"), "zone", ("zone",), "slug")),
        "district": facet(
            "district", totals_of(District.objects.published().order_by("name_en"), "district", ("district",), "slug")
        ),
        "partner_country": facet("partner_country", [(code, country_name(code), n) for code, n in country_counts]),
        "organization": facet(
            "organization",
            totals_of(Organization.objects.published().order_by("name_en"), "organization", ("participants",), "slug"),
        ),
    }
