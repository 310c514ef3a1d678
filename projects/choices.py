"""Reference vocabularies of the registry, each kept in one place.

Statuses follow the OC4IDS ``projectStatus`` codelist and participant roles the
IATI ``OrganisationRole`` codelist (extended), so exports keep the codes as they are.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    """OC4IDS 0.9.5 projectStatus codes, unchanged."""

    IDENTIFICATION = "identification", _("Identification")
    PREPARATION = "preparation", _("Preparation")
    IMPLEMENTATION = "implementation", _("Implementation")
    COMPLETION = "completion", _("Completion")
    MAINTENANCE = "maintenance", _("Maintenance")
    DECOMMISSIONING = "decommissioning", _("Decommissioning")
    DECOMMISSIONED = "decommissioned", _("Decommissioned")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    """IATI OrganisationRole (codes 1-4, by name) plus the roles CCI projects need."""

    FUNDING = "funding", _("Funder")  # IATI 1
    ACCOUNTABLE = "accountable", _("Government counterpart")  # IATI 2
    EXTENDING = "extending", _("Extending partner")  # IATI 3
    IMPLEMENTING = "implementing", _("Implementing partner")  # IATI 4
    INVESTOR = "investor", _("Investor")  # extension: equity investor
    OPERATOR = "operator", _("Operator")  # extension: runs the facility


class Currency(models.TextChoices):
    """ISO 4217 currencies that CCI figures are reported in."""

    USD = "USD", _("US dollar")
    CNY = "CNY", _("Chinese yuan")
    SGD = "SGD", _("Singapore dollar")


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government body")
    STATE_OWNED = "state_owned", _("State-owned enterprise")
    PRIVATE = "private", _("Private enterprise")
    RESEARCH = "research", _("University or research institute")
    FINANCIAL = "financial", _("Financial institution")
    ASSOCIATION = "association", _("Association or alliance")
    INTERNATIONAL = "international", _("International organization")


class ZoneKind(models.TextChoices):
    ZONE = "zone", _("Demonstration zone")
    PARK = "park", _("Industrial park")
    BASE = "base", _("Demonstration base")
    CENTRE = "centre", _("Centre")
    CHANNEL = "channel", _("Channel")
    PORT = "port", _("Port")


class DatePrecision(models.TextChoices):
    """How much of a date the source states: a year alone is stored as 1 January."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class FigureMetric(models.TextChoices):
    PROJECTS_SIGNED = "projects_signed", _("Projects signed")
    CONTRACT_AMOUNT = "contract_amount", _("Contract amount")
    ENTERPRISES = "enterprises", _("Enterprises taking part")
    COMPANIES_INCUBATED = "companies_incubated", _("Companies incubated")
    PEOPLE_TRAINED = "people_trained", _("Professionals trained")
    INVESTMENT = "investment", _("Investment")


class FigureUnit(models.TextChoices):
    COUNT = "count", _("Count")
    USD = "USD", _("US dollars")
    CNY = "CNY", _("Chinese yuan")
    SGD = "SGD", _("Singapore dollars")


class FigureScope(models.TextChoices):
    LIANGJIANG = "liangjiang", _("Liangjiang New Area")
    CHONGQING = "chongqing", _("Chongqing")
    PROGRAMME = "programme", _("A single programme")


class FigureQualifier(models.TextChoices):
    EXACT = "exact", _("Exactly")
    NEARLY = "nearly", _("Nearly")
    OVER = "over", _("Over")


class LocationPrecision(models.TextChoices):
    """How exactly a point places a project or zone, after the geocoding precision codes of AidData
    and the World Bank (1 exact, 2 within about 25 km, 4 the second-order division, 6+ the province)."""

    EXACT = "exact", _("Exact point")
    APPROXIMATE = "approximate", _("Approximate point")
    DISTRICT = "district", _("District or county")
    MUNICIPALITY = "municipality", _("Chongqing as a whole")
