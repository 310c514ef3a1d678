"""Projects as an OC4IDS 0.9.5 project package (Open Contracting for Infrastructure Data Standard).

The mapping, documented in docs/api.md:

=====================  ==================================================================
OC4IDS                 CCI registry
=====================  ==================================================================
id                     setting ``OC4IDS_ID_PREFIX`` + public identifier (CCI-2019-0001)
updated                ``updated_at``
title / description    English title / summary (else description)
status                 ``status`` (the registry keeps projectStatus codes as they are)
sector                 focus areas, then scheme, through :data:`FOCUS_AREA_SECTORS` and
                       :data:`SCHEME_SECTORS` (a subsector comes with its parent)
budget.amount          the contract amount as reported, in its currency (USD when only
                       the US-dollar figure is known); the USD conversion is in
                       budget.description
parties                one per participating organization (id: its slug; address.countryName
                       from its country code), roles via :data:`PARTY_ROLES`;
                       publicAuthority names the first government counterpart
locations              the district (GeoJSON Point [longitude, latitude], address in
                       Chongqing, China) and the zone
period.startDate       signing date; maintenancePeriod.startDate: operation start
milestones             milestones: ``met`` when past, ``scheduled`` when ahead
documents              sources, documentType ``physicalProgressReport``
=====================  ==================================================================

Dates known only to the month or the year are stored as their first day and given as such.
"""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from projects.choices import ParticipantRole
from projects.countries import COUNTRY_NAMES

OC4IDS_VERSION = "0.9"
SOURCE_DOCUMENT_TYPE = "physicalProgressReport"

# Focus area code -> projectSector codes (parents before subsectors).
FOCUS_AREA_SECTORS = {
    "financial-services": ["economy"],
    "aviation": ["transport", "transport.air"],
    "transport-logistics": ["transport"],
    "ict": ["communications"],
}

# Cooperation scheme code -> projectSector codes.
SCHEME_SECTORS = {
    "business": ["economy"],
    "agriculture": ["economy"],
    "talent": ["education"],
    "culture-tourism": ["cultureSportsAndRecreation"],
}

# Participant role (IATI-based) -> partyRole codes.
PARTY_ROLES = {
    ParticipantRole.FUNDING: "funder",
    ParticipantRole.INVESTOR: "funder",
    ParticipantRole.ACCOUNTABLE: "publicAuthority",
    ParticipantRole.EXTENDING: "administrativeEntity",
    ParticipantRole.IMPLEMENTING: "supplier",
    ParticipantRole.OPERATOR: "supplier",
}

CHONGQING_ADDRESS = {"region": "Chongqing", "countryName": "China"}


def _datetime(value: date | None) -> str | None:
    """An OC4IDS date-time: midnight of ``value`` in the registry's time zone."""
    if value is None:
        return None
    return datetime.combine(value, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE)).isoformat()


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _compact(mapping: dict) -> dict:
    """Drop empty values: OC4IDS forbids empty strings, lists and objects."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def project_sectors(project) -> list[str]:
    codes = [area.code for area in [project.focus_area, *project.other_focus_areas.all()] if area is not None]
    sectors = [sector for code in codes for sector in FOCUS_AREA_SECTORS.get(code, [])]
    if project.scheme is not None:
        sectors.extend(SCHEME_SECTORS.get(project.scheme.code, []))
    return list(dict.fromkeys(sectors))


def project_budget(project) -> dict:
    if project.contract_amount is not None and project.currency:
        amount = {"amount": _number(project.contract_amount), "currency": project.currency}
    elif project.contract_amount_usd is not None:
        amount = {"amount": _number(project.contract_amount_usd), "currency": "USD"}
    else:
        return {}
    description = ""
    if project.contract_amount_usd is not None and amount["currency"] != "USD":
        description = f"About USD {project.contract_amount_usd:,.2f}"
        if project.usd_rate and project.usd_rate_date:
            description += f" at {project.usd_rate} USD per {project.currency} on {project.usd_rate_date:%Y-%m-%d}"
        description += "."
    return _compact({"amount": amount, "description": description})


def _party(organization) -> dict:
    party = {"id": organization.slug, "name": organization.name_en}
    country = COUNTRY_NAMES.get(organization.country)
    if country is not None:
        with translation.override("en"):
            party["address"] = {"countryName": str(country)}
    return party


def project_parties(project) -> list[dict]:
    parties: dict[str, dict] = {}
    for participation in project.participations.all():
        organization = participation.organization
        party = parties.setdefault(organization.slug, _party(organization))
        role = PARTY_ROLES[participation.role]
        if role not in party.setdefault("roles", []):
            party["roles"].append(role)
    return list(parties.values())


def project_locations(project) -> list[dict]:
    locations = []
    district = project.district
    if district is not None:
        location = {
            "id": f"district-{district.slug}",
            "description": f"{district.name_en}, Chongqing",
            "address": {"locality": district.name_en, **CHONGQING_ADDRESS},
        }
        if district.latitude is not None and district.longitude is not None:
            location["geometry"] = {
                "type": "Point",
                "coordinates": [float(district.longitude), float(district.latitude)],
            }
        locations.append(location)
    if project.zone is not None:
        locations.append({"id": f"zone-{project.zone.slug}", "description": project.zone.name_en})
    return locations


def project_milestones(project, today: date) -> list[dict]:
    milestones = []
    for milestone in project.milestones.all():
        met = milestone.date <= today
        milestones.append(
            _compact(
                {
                    "id": str(milestone.pk),
                    "title": milestone.title_en,
                    "status": "met" if met else "scheduled",
                    "dateMet" if met else "dueDate": _datetime(milestone.date),
                }
            )
        )
    return milestones


def project_documents(project) -> list[dict]:
    return [
        _compact(
            {
                "id": f"source-{source.pk}",
                "documentType": SOURCE_DOCUMENT_TYPE,
                "title": source.title,
                "description": "; ".join(part for part in (source.publisher, source.document) if part),
                "url": source.url,
                "datePublished": _datetime(source.published_on),
            }
        )
        for source in project.sources.all()
    ]


def oc4ids_project(project, *, id_prefix: str = "", today: date | None = None) -> dict:
    """One registry project as an OC4IDS project."""
    today = today or timezone.localdate()
    parties = project_parties(project)
    authority = next((party for party in parties if "publicAuthority" in party["roles"]), None)
    return _compact(
        {
            "id": f"{id_prefix}{project.public_id}",
            "updated": timezone.localtime(project.updated_at).isoformat(),
            "language": "en",
            "title": project.title_en,
            "description": project.summary or project.description,
            "status": project.status,
            "sector": project_sectors(project),
            "budget": project_budget(project),
            "parties": parties,
            "publicAuthority": {"id": authority["id"], "name": authority["name"]} if authority else None,
            "locations": project_locations(project),
            "period": _compact({"startDate": _datetime(project.signed_date)}),
            "maintenancePeriod": _compact({"startDate": _datetime(project.operation_start_date)}),
            "milestones": project_milestones(project, today),
            "documents": project_documents(project),
        }
    )


def oc4ids_package_header(*, uri: str, published: datetime, publisher_uri: str) -> dict:
    """The package around the projects (without ``projects``)."""
    return {
        "uri": uri,
        "version": OC4IDS_VERSION,
        "publishedDate": timezone.localtime(published).isoformat(),
        "publisher": {"name": "CCI Portal", "uri": publisher_uri},
    }
