"""The index pages of the directory: every published zone, partner or district with the count and
US-dollar total of its published projects, by the counting rule (:mod:`projects.querysets`).

A record's figures are correlated subqueries, computed for the one page of records shown (50 at
most), each an index lookup (a zone's or district's foreign key, a partner's participations): a
page costs the same for a registry of a thousand projects or a hundred thousand.
"""

from decimal import Decimal

from django.db.models import DecimalField, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from projects.countries import country_name
from projects.models import Organization, Project, ProjectParticipant

DIRECTORY_PER_PAGE = 50
_MONEY = DecimalField(max_digits=20, decimal_places=2)


def _figure(projects: QuerySet, function: str, expression, output_field) -> Subquery:
    """``function`` (COUNT or SUM) of ``expression`` over ``projects``, one value per outer row
    (a plain function, not an aggregate: no GROUP BY in the subquery)."""
    figure = projects.order_by().annotate(figure=Func(expression, function=function, output_field=output_field))
    return Subquery(figure.values("figure")[:1], output_field=output_field)


def with_project_figures(records: QuerySet, projects_of: Q) -> QuerySet:
    """``records`` with ``project_count`` and ``amount_usd`` of their published projects, by the
    counting rule; ``projects_of`` selects the projects of the outer row (through ``OuterRef``)."""
    counted = Project.objects.published().counted().filter(projects_of)
    return records.annotate(
        project_count=Coalesce(_figure(counted, "COUNT", F("pk"), IntegerField()), Value(0)),
        amount_usd=Coalesce(
            _figure(counted, "SUM", F("contract_amount_usd"), _MONEY), Value(Decimal("0")), output_field=_MONEY
        ),
    )


def zone_index(zones: QuerySet) -> QuerySet:
    """``zones`` (published, filtered) with their figures, focus area and district."""
    zones = zones.select_related("focus_area", "district")
    return with_project_figures(zones, Q(zone=OuterRef("pk")))


def organization_index(organizations: QuerySet) -> QuerySet:
    """``organizations`` (published, filtered) with the figures of the projects each takes part
    in, in any role, each project once."""
    taking_part = ProjectParticipant.objects.filter(organization=OuterRef(OuterRef("pk"))).values("project_id")
    return with_project_figures(organizations, Q(pk__in=taking_part))


def district_index(districts: QuerySet) -> QuerySet:
    """``districts`` (filtered) with their figures."""
    return with_project_figures(districts, Q(district=OuterRef("pk")))


def partner_countries() -> list[tuple[str, str]]:
    """The countries of the published partners, as (ISO code, name in the reader's language), by code."""
    codes = Organization.objects.published().order_by("country").values_list("country", flat=True).distinct()
    return [(code, country_name(code)) for code in codes]
