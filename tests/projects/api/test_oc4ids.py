"""The OC4IDS project package validates against the 0.9.5 schema, and every code is in its codelist.

The schema and codelists are copied in tests/data/oc4ids/ (see the README there), so this runs offline.
"""

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from projects.api.oc4ids import FOCUS_AREA_SECTORS, PARTY_ROLES, SCHEME_SECTORS, SOURCE_DOCUMENT_TYPE
from projects.choices import Currency, ParticipantRole, ProjectStatus
from projects.models import FocusArea, Milestone, Scheme
from tests.api_client import content
from tests.factories import (
    focus_area,
    make_district,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db

OC4IDS = Path(__file__).resolve().parents[2] / "data" / "oc4ids"


def load(name: str) -> dict:
    return json.loads((OC4IDS / name).read_text())


def codelist(name: str) -> set[str]:
    with (OC4IDS / "codelists" / name).open(newline="") as handle:
        return {row["Code"] for row in csv.DictReader(handle)}


def package_validator() -> Draft4Validator:
    """The package schema, with the project schema it refers to registered under its own URL."""
    project_schema = load("project-schema.json")
    registry = Registry().with_resource(
        project_schema["id"], Resource.from_contents(project_schema, default_specification=DRAFT4)
    )
    return Draft4Validator(load("project-package-schema.json"), registry=registry)


def fetch_package(client, query: str = "") -> dict:
    response = client.get(f"/api/v1/projects/oc4ids/{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.streaming
    return json.loads(content(response))


@pytest.fixture
def registry():
    district = make_district(
        slug="tongliang", name_en="Tongliang", latitude=Decimal("29.84470"), longitude=Decimal("106.05630")
    )
    zone = make_zone(slug="cold-chain-base", name_en="Cold Chain Logistics Base")
    bank = make_organization(slug="partner-bank", name_en="Partner Bank", country="SG")
    government = make_organization(slug="tongliang-government", name_en="Tongliang District Government", country="CN")
    builder = make_organization(slug="builder", name_en="Builder Co", country="CN")
    source = make_source(
        title_en="Cold chain base signed",
        publisher_en="CCI Chongqing Bureau",
        url="https://example.org/cold-chain",
        published_on=date(2020, 7, 1),
    )
    project = make_project(
        title_en="Tongliang cold chain base",
        summary_en="Refrigerated warehouses for fruit bound for Southeast Asia.",
        focus_area=focus_area("aviation"),
        scheme=scheme("agriculture"),
        zone=zone,
        district=district,
        status="implementation",
        participants=[
            (bank, ParticipantRole.FUNDING),
            (bank, ParticipantRole.INVESTOR),
            (government, ParticipantRole.ACCOUNTABLE),
            (builder, ParticipantRole.IMPLEMENTING),
        ],
        contract_amount=Decimal("700000000"),
        currency="CNY",
        contract_amount_usd=Decimal("99000000.50"),
        usd_rate=Decimal("0.141429"),
        usd_rate_date=date(2020, 7, 1),
        signed_date=date(2020, 7, 1),
        operation_start_date=date(2022, 3, 1),
    )
    project.other_focus_areas.add(focus_area("transport-logistics"))
    project.sources.add(source)
    opened = Milestone.objects.create(project=project, date=date(2022, 3, 1), title_en="Opened")
    expansion = Milestone.objects.create(project=project, date=date(2099, 1, 1), title_en="Second phase")
    make_project(title_en="Minimal", focus_area=None, scheme=scheme("talent"), signed_date=None)
    make_project(title_en="Draft", is_published=False)
    project.refresh_from_db()
    return {"project": project, "source": source, "milestones": (opened, expansion)}


def test_the_package_validates_against_the_oc4ids_schema(client, registry):
    package = fetch_package(client)

    errors = sorted(package_validator().iter_errors(package), key=lambda error: list(error.path))
    assert [f"{list(error.path)}: {error.message}" for error in errors] == []
    assert {"uri", "publisher", "publishedDate", "projects", "version"} <= set(package)
    assert package["version"] == "0.9"
    assert package["uri"] == "http://testserver/api/v1/projects/oc4ids/"
    assert package["publisher"] == {"name": "CCI Portal", "uri": "http://testserver/"}
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["publicationPolicy"] == "http://testserver/data/#licence"
    assert [project["title"] for project in package["projects"]] == ["Tongliang cold chain base", "Minimal"]
    assert all(project["id"] for project in package["projects"])


def test_the_validator_catches_a_broken_package(client, registry):
    package = fetch_package(client)
    package["projects"][0]["status"] = "finished"
    del package["publisher"]

    errors = sorted(package_validator().iter_errors(package), key=lambda error: error.message)

    assert [(list(error.path), error.validator) for error in errors] == [
        (["projects", 0, "status"], "enum"),
        ([], "required"),
    ]
    assert errors[1].message == "'publisher' is a required property"


def test_every_code_comes_from_its_codelist(client, registry):
    package = fetch_package(client)

    for project in package["projects"]:
        assert project["status"] in codelist("projectStatus.csv")
        assert set(project.get("sector", [])) <= codelist("projectSector.csv")
        for party in project.get("parties", []):
            assert set(party["roles"]) <= codelist("partyRole.csv")
        if "budget" in project:
            assert project["budget"]["amount"]["currency"] in codelist("currency.csv")
        for document in project.get("documents", []):
            assert document["documentType"] in codelist("documentType.csv")


def test_the_mappings_cover_every_vocabulary_with_codes_from_the_codelists():
    sectors = codelist("projectSector.csv")

    assert set(FOCUS_AREA_SECTORS) == set(FocusArea.objects.values_list("code", flat=True))
    assert set(SCHEME_SECTORS) == set(Scheme.objects.values_list("code", flat=True))
    for mapped in [*FOCUS_AREA_SECTORS.values(), *SCHEME_SECTORS.values()]:
        assert set(mapped) <= sectors
        for code in mapped:
            if "." in code:
                assert code.split(".")[0] in mapped  # a subsector comes with its parent
    assert set(PARTY_ROLES) == set(ParticipantRole.values)
    assert set(PARTY_ROLES.values()) <= codelist("partyRole.csv")
    assert set(ProjectStatus.values) == codelist("projectStatus.csv")
    assert set(Currency.values) <= codelist("currency.csv")
    assert SOURCE_DOCUMENT_TYPE in codelist("documentType.csv")


def test_a_project_maps_field_by_field(client, registry):
    project, source = registry["project"], registry["source"]
    opened, expansion = registry["milestones"]

    mapped = fetch_package(client, "?q=cold")["projects"]

    assert mapped == [
        {
            "id": "CCI-2020-0001",
            "updated": datetime.fromisoformat(mapped[0]["updated"]).isoformat(),
            "language": "en",
            "title": "Tongliang cold chain base",
            "description": "Refrigerated warehouses for fruit bound for Southeast Asia.",
            "status": "implementation",
            "sector": ["transport", "transport.air", "economy"],
            "budget": {
                "amount": {"amount": 700000000, "currency": "CNY"},
                "description": "About USD 99,000,000.50 at 0.141429 USD per CNY on 2020-07-01.",
            },
            "parties": [
                {
                    "id": "partner-bank",
                    "name": "Partner Bank",
                    "address": {"countryName": "Singapore"},
                    "roles": ["funder"],
                },
                {
                    "id": "tongliang-government",
                    "name": "Tongliang District Government",
                    "address": {"countryName": "China"},
                    "roles": ["publicAuthority"],
                },
                {"id": "builder", "name": "Builder Co", "address": {"countryName": "China"}, "roles": ["supplier"]},
            ],
            "publicAuthority": {"id": "tongliang-government", "name": "Tongliang District Government"},
            "locations": [
                {
                    "id": "district-tongliang",
                    "description": "Tongliang, Chongqing",
                    "address": {"locality": "Tongliang", "region": "Chongqing", "countryName": "China"},
                    "geometry": {"type": "Point", "coordinates": [106.0563, 29.8447]},
                },
                {"id": "zone-cold-chain-base", "description": "Cold Chain Logistics Base"},
            ],
            "period": {"startDate": "2020-07-01T00:00:00+08:00"},
            "maintenancePeriod": {"startDate": "2022-03-01T00:00:00+08:00"},
            "milestones": [
                {"id": str(opened.pk), "title": "Opened", "status": "met", "dateMet": "2022-03-01T00:00:00+08:00"},
                {
                    "id": str(expansion.pk),
                    "title": "Second phase",
                    "status": "scheduled",
                    "dueDate": "2099-01-01T00:00:00+08:00",
                },
            ],
            "documents": [
                {
                    "id": f"source-{source.pk}",
                    "documentType": "physicalProgressReport",
                    "title": "Cold chain base signed",
                    "description": "CCI Chongqing Bureau",
                    "url": "https://example.org/cold-chain",
                    "datePublished": "2020-07-01T00:00:00+08:00",
                }
            ],
        }
    ]
    assert datetime.fromisoformat(mapped[0]["updated"]) == project.updated_at


def test_a_project_with_little_data_still_validates(client, registry):
    package = fetch_package(client, "?scheme=talent")

    assert package["projects"] == [
        {
            "id": package["projects"][0]["id"],
            "updated": package["projects"][0]["updated"],
            "language": "en",
            "title": "Minimal",
            "status": "implementation",
            "sector": ["education"],
        }
    ]
    assert list(package_validator().iter_errors(package)) == []


def test_no_match_is_a_404_that_says_why_rather_than_an_invalid_package(client, registry):
    response = client.get("/api/v1/projects/oc4ids/?status=cancelled")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "No published project matches these filters, and an OC4IDS package must hold at least one "
        "project: widen the filters.",
        "errors": {},
    }
    assert client.get("/api/v1/projects/oc4ids/?status=cancelled&lang=zh").status_code == 404


def test_the_package_accepts_the_list_filters_and_nothing_else(client, registry):
    paged = client.get("/api/v1/projects/oc4ids/?page=2")
    as_csv = client.get("/api/v1/projects/oc4ids/?format=csv")

    assert paged.status_code == 400
    assert paged.json()["errors"] == {"page": ["Unknown query parameter."]}
    assert as_csv.status_code == 400
    assert as_csv.json()["errors"] == {"format": ["Unknown format “csv”; use one of: json."]}


def test_the_identifier_takes_the_registered_prefix(client, registry, settings):
    settings.OC4IDS_ID_PREFIX = "oc4ids-abc123-"

    package = fetch_package(client, "?q=cold")

    assert [project["id"] for project in package["projects"]] == ["oc4ids-abc123-CCI-2020-0001"]
