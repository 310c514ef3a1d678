"""Projects as an OC4IDS 0.9.5 project package (Open Contracting for Infrastructure Data Standard).

The mapping, documented in docs/api.md:

=====================  ==================================================================
OC4IDS                 CCI registry
=====================  ==================================================================
id                     setting ``OC4IDS_ID_PREFIX`` + public identifier (CCI-2019-0001)
updated                ``updated_at``
language               ``en``, or ``zh`` for the Chinese package (``lang=zh``): one package
                       per language, as OC4IDS has one ``language`` per project
title / description    title / summary (else description) in the package's language, the
                       other language's text where that one is empty
status                 ``status`` (the registry keeps projectStatus codes as they are)
sector                 focus areas, then scheme, through :data:`FOCUS_AREA_SECTORS` and
                       :data:`SCHEME_SECTORS` (a subsector comes with its parent)
budget.amount          the contract amount as reported, in its currency (USD when only
                       the US-dollar figure is known); the USD conversion is in
                       budget.description
parties                one per participating organization (id: its slug; address.countryName
                       from its country code), roles via :data:`PARTY_ROLES`;
                       publicAuthority names the first government counterpart
locations              the project's own point where it has one (GeoJSON Point [longitude,
                       latitude]; its ``location_precision`` code opens the description, as
                       "precision: district. ..."), the district (its centre, address in
                       Chongqing, China) and the zone
period.startDate       signing date; maintenancePeriod.startDate: operation start
milestones             milestones: ``met`` when past, ``scheduled`` when ahead
documents              sources, documentType ``physicalProgressReport``
=====================  ==================================================================

Dates known only to the month or the year are stored as their first day and given as such.
"""

import json
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.licensing import data_license
from projects.choices import LocationPrecision, ParticipantRole
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

# The package's language (OC4IDS ``language``, ISO 639-1) -> the Django language its texts are written in.
PACKAGE_LANGUAGES = {"en": "en", "zh": "zh-hans"}


def _text(record: dict, field: str, language: str) -> str:
    """``<field>_<language>`` of the record, else the other language's: what a package in ``language`` says."""
    other = "zh" if language == "en" else "en"
    return record.get(f"{field}_{language}") or record.get(f"{field}_{other}") or ""


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


def project_sectors(project: dict) -> list[str]:
    codes = [code for code in [project["focus_area_code"], *project["other_focus_area_codes"]] if code is not None]
    sectors = [sector for code in codes for sector in FOCUS_AREA_SECTORS.get(code, [])]
    if project["scheme_code"] is not None:
        sectors.extend(SCHEME_SECTORS.get(project["scheme_code"], []))
    return list(dict.fromkeys(sectors))


def project_budget(project: dict) -> dict:
    contract_amount, currency, amount_usd = (
        project["contract_amount"],
        project["currency"],
        project["contract_amount_usd"],
    )
    if contract_amount is not None and currency:
        amount = {"amount": _number(contract_amount), "currency": currency}
    elif amount_usd is not None:
        amount = {"amount": _number(amount_usd), "currency": "USD"}
    else:
        return {}
    description = ""
    if amount_usd is not None and amount["currency"] != "USD":
        values = {"amount": f"{amount_usd:,.2f}", "currency": currency}
        if project["usd_rate"] and project["usd_rate_date"]:
            values.update(rate=project["usd_rate"], date=f"{project['usd_rate_date']:%Y-%m-%d}")
            description = _("About USD %(amount)s at %(rate)s USD per %(currency)s on %(date)s.") % values
        else:
            description = _("About USD %(amount)s.") % values
    return _compact({"amount": amount, "description": description})


def _party(participant: dict, language: str) -> dict:
    party = {"id": participant["organization"], "name": _text(participant, "name", language)}
    country = COUNTRY_NAMES.get(participant["country"])
    if country is not None:
        party["address"] = {"countryName": str(country)}
    return party


def project_parties(project: dict, language: str = "en") -> list[dict]:
    parties: dict[str, dict] = {}
    for participant in project["participants"]:
        party = parties.setdefault(participant["organization"], _party(participant, language))
        role = PARTY_ROLES[participant["role"]]
        if role not in party.setdefault("roles", []):
            party["roles"].append(role)
    return list(parties.values())


def project_locations(project: dict, language: str = "en") -> list[dict]:
    locations = []
    if project.get("latitude") is not None and project.get("longitude") is not None:
        precision = project["location_precision"]
        # OC4IDS 0.9.5 has no precision field: the code (AidData's scale, projects.choices) opens the description.
        locations.append(
            {
                "id": "point",
                "description": _("precision: %(code)s. %(label)s")
                % {
                    "code": precision,
                    "label": LocationPrecision(precision).label,
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(project["longitude"]), float(project["latitude"])],
                },
            }
        )
    if project["district_slug"] is not None:
        name = _text(project, "district_name", language)
        location = {
            "id": f"district-{project['district_slug']}",
            "description": _("%(district)s, Chongqing") % {"district": name},
            "address": {"locality": name, "region": _("Chongqing"), "countryName": _("China")},
        }
        latitude, longitude = project["district_latitude"], project["district_longitude"]
        if latitude is not None and longitude is not None:
            location["geometry"] = {"type": "Point", "coordinates": [float(longitude), float(latitude)]}
        locations.append(location)
    if project["zone_slug"] is not None:
        locations.append({"id": f"zone-{project['zone_slug']}", "description": _text(project, "zone_name", language)})
    return locations


def project_milestones(project: dict, today: date, language: str = "en") -> list[dict]:
    milestones = []
    for milestone in project["milestones"]:
        met = milestone["date"] <= today
        milestones.append(
            _compact(
                {
                    "id": str(milestone["id"]),
                    "title": _text(milestone, "title", language),
                    "status": "met" if met else "scheduled",
                    "dateMet" if met else "dueDate": _datetime(milestone["date"]),
                }
            )
        )
    return milestones


def project_documents(project: dict, language: str = "en") -> list[dict]:
    return [
        _compact(
            {
                "id": f"source-{source['id']}",
                "documentType": SOURCE_DOCUMENT_TYPE,
                "title": _text(source, "title", language),
                "description": "; ".join(
                    part
                    for part in (_text(source, "publisher", language), _text(source, "document", language))
                    if part
                ),
                "url": source["url"],
                "datePublished": _datetime(source["published_on"]),
            }
        )
        for source in project["sources"]
    ]


def oc4ids_project(project: dict, *, id_prefix: str = "", today: date | None = None, language: str = "en") -> dict:
    """One registry project as an OC4IDS project in ``language`` (``en`` or ``zh``), from its record
    (:func:`projects.selectors.project_records`)."""
    with translation.override(PACKAGE_LANGUAGES[language]):
        return _project(project, id_prefix=id_prefix, today=today or timezone.localdate(), language=language)


def oc4ids_projects(projects: list[dict], *, id_prefix: str = "", language: str = "en") -> list[dict]:
    """Several records as OC4IDS projects in ``language``, in one switch of the active language
    (a release's batch: switching for each of 100,000 projects costs a tenth of the package)."""
    with translation.override(PACKAGE_LANGUAGES[language]):
        today = timezone.localdate()
        return [_project(project, id_prefix=id_prefix, today=today, language=language) for project in projects]


def _project(project: dict, *, id_prefix: str, today: date, language: str) -> dict:
    parties = project_parties(project, language)
    authority = next((party for party in parties if "publicAuthority" in party["roles"]), None)
    return _compact(
        {
            "id": f"{id_prefix}{project['public_id']}",
            "updated": timezone.localtime(project["updated_at"]).isoformat(),
            "language": language,
            "title": _text(project, "title", language),
            "description": _description(project, language),
            "status": project["status"],
            "sector": project_sectors(project),
            "budget": project_budget(project),
            "parties": parties,
            "publicAuthority": {"id": authority["id"], "name": authority["name"]} if authority else None,
            "locations": project_locations(project, language),
            "period": _compact({"startDate": _datetime(project["signed_date"])}),
            "maintenancePeriod": _compact({"startDate": _datetime(project["operation_start_date"])}),
            "milestones": project_milestones(project, today, language),
            "documents": project_documents(project, language),
        }
    )


def _description(project: dict, language: str) -> str:
    """The summary, else the description: in the package's language first, then in the other."""
    other = "zh" if language == "en" else "en"
    texts = (project[f"{field}_{lang}"] for lang in (language, other) for field in ("summary", "description"))
    return next((text for text in texts if text), "")


def oc4ids_package_header(*, uri: str, published: datetime, publisher_uri: str, policy_uri: str) -> dict:
    """The package around the projects (without ``projects``): its licence is the registry's data
    licence, its publication policy the data page's terms of use (``policy_uri``)."""
    return {
        "uri": uri,
        "version": OC4IDS_VERSION,
        "publishedDate": timezone.localtime(published).isoformat(),
        "publisher": {"name": "CCI Portal", "uri": publisher_uri},
        "license": data_license().url,
        "publicationPolicy": policy_uri,
    }


def package_chunks(header: dict, projects, *, id_prefix: str, language: str):
    """A package as JSON text, one project at a time: ``header`` (:func:`oc4ids_package_header`)
    around the ``projects`` (records of :func:`projects.selectors.project_records`)."""
    yield package_opening(header)
    for index, project in enumerate(projects):
        package_project = oc4ids_project(project, id_prefix=id_prefix, language=language)
        yield ("," if index else "") + json.dumps(package_project, ensure_ascii=False)
    yield PACKAGE_CLOSING


def package_opening(header: dict) -> str:
    """A package's text up to its first project: the header, and the opening of ``projects``."""
    return json.dumps(header, ensure_ascii=False)[:-1] + ', "projects": ['


PACKAGE_CLOSING = "]}"
