"""The registry's statistics: counts and US-dollar totals by focus area, scheme, signing year,
partner country and status. The statistics page and the API's ``stats`` both read them here.

The counting rule: published projects only; cancelled projects are left out of every total
(the status breakdown lists them apart, marked as not counted). A project without a US-dollar
amount counts as a project and adds nothing to the amount. A project counts once in each focus
area it names (primary or further) and once for each country among its published partners, so
those two breakdowns can add up to more than the total.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from projects.choices import ProjectStatus
from projects.countries import country_name
from projects.models import FocusArea, Organization, Project, ProjectParticipant, Scheme

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


def registry_stats(projects=None) -> dict:
    """Every breakdown of ``projects`` (default: all published projects), in 7 queries."""
    projects = Project.objects.published() if projects is None else projects
    # Through a pk subquery, so the joins and rankings of filters never count a project twice.
    scope = Project.objects.filter(pk__in=projects.values("pk"))
    return {
        "totals": scope.totals(),
        "by_focus_area": _by_vocabulary(FocusArea.objects.published(), scope, via=("focus_area", "other_focus_areas")),
        "by_scheme": _by_vocabulary(Scheme.objects.published(), scope, via=("scheme",)),
        "by_signing_year": _by_signing_year(scope),
        "by_partner_country": _by_partner_country(scope),
        "by_status": _by_status(scope),
    }


def _by_vocabulary(vocabulary, scope, *, via) -> list[StatRow]:
    rows = vocabulary.with_project_totals(scope, via=via).order_by("position", "code")
    return [
        StatRow(row.code, row.name, row.project_count, row.amount_usd, name_en=row.name_en, name_zh=row.name_zh)
        for row in rows
    ]


def _by_signing_year(scope) -> list[StatRow]:
    """One row a signing year, oldest first; projects with no signing date last."""
    rows = (
        scope.counted()
        .annotate(year=ExtractYear("signed_date"))
        .values("year")
        .annotate(project_count=Count("pk"), amount_usd=Sum("contract_amount_usd"))
        .order_by("year")
    )
    return [
        StatRow(
            str(row["year"]) if row["year"] else UNKNOWN_YEAR,
            str(row["year"]) if row["year"] else _("Not stated"),
            row["project_count"],
            row["amount_usd"] or Decimal("0"),
        )
        for row in rows
    ]


def _by_partner_country(scope) -> list[StatRow]:
    """One row a partner country (ISO code), largest count first; published partners only."""
    pairs = (
        ProjectParticipant.objects.filter(
            project__in=scope.counted(), organization__in=Organization.objects.published()
        )
        .order_by()  # Meta.ordering would join DISTINCT and repeat pairs
        .values_list("organization__country", "project_id", "project__contract_amount_usd")
        .distinct()
    )
    counts: dict[str, int] = {}
    amounts: dict[str, Decimal] = {}
    for country, _project_id, amount in pairs:
        counts[country] = counts.get(country, 0) + 1
        amounts[country] = amounts.get(country, Decimal("0")) + (amount or Decimal("0"))
    ordered = sorted(counts, key=lambda country: (-counts[country], country))
    return [StatRow(country, country_name(country), counts[country], amounts[country]) for country in ordered]


def _by_status(scope) -> list[StatRow]:
    """Every status of the codelist in its order; cancelled is shown but marked as not counted."""
    rows = {
        row["status"]: row
        for row in scope.values("status").annotate(project_count=Count("pk"), amount_usd=Sum("contract_amount_usd"))
    }
    return [
        StatRow(
            status.value,
            str(status.label),
            rows.get(status.value, {}).get("project_count", 0),
            rows.get(status.value, {}).get("amount_usd") or Decimal("0"),
            counted=status != ProjectStatus.CANCELLED,
        )
        for status in ProjectStatus
    ]
