"""The API reads projects as plain records (``projects.selectors.project_records``): its list,
detail, CSV and OC4IDS give exactly what the model instances with their prefetches gave."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from core.api.renderers import csv_lines
from projects.api.serializers import ProjectSerializer
from projects.api.views import PROJECT_CSV_COLUMNS
from projects.models import Milestone
from projects.selectors import projects_with_details
from tests.api_client import content
from tests.factories import (
    focus_area,
    make_article,
    make_district,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """A rich project whose partner, zone and articles include drafts, and a bare one."""
    report = make_source(
        title_en="Chongqing logistics report", url="https://example.org/report", publisher_en="Bureau"
    )
    archive = make_source(title_en="Archive", url="", document_en="Box 12", published_on=date(2020, 5, 1))
    rich = make_project(
        title_zh="冷链物流",
        summary_en="Cold chain.",
        scheme=scheme("business"),
        zone=make_zone(slug="liangjiang"),
        district=make_district(slug="yubei", name_en="Yubei", latitude=Decimal("29.7"), longitude=Decimal("106.6")),
        participants=[
            (make_organization(slug="dbs", country="SG"), "funding"),
            (make_organization(slug="draft-partner", is_published=False), "implementing"),
            (make_organization(slug="cq-gov", country="CN"), "accountable"),
        ],
        contract_amount=Decimal("1000.5"),
        currency="CNY",
        contract_amount_usd=Decimal("140.07"),
        usd_rate=Decimal("0.14"),
        usd_rate_date=date(2024, 3, 1),
        signed_date=date(2021, 3, 4),
        operation_start_date=date(2021, 5, 1),
    )
    rich.other_focus_areas.add(focus_area("ict"), focus_area("aviation"))
    rich.sources.add(report, archive)
    Milestone.objects.create(project=rich, date=date(2022, 1, 1), title_en="Opened", source=report)
    Milestone.objects.create(project=rich, date=date(2099, 1, 1), title_en="Extended", date_precision="year")
    for slug, published in [("first-news", True), ("same-day-news", True), ("draft-news", False)]:
        make_article(slug=slug, published_on=date(2024, 2, 1), is_published=published).projects.add(rich)
    hidden_zone = make_project(zone=make_zone(slug="draft-zone", is_published=False), signed_date=date(2020, 1, 1))
    bare = make_project(focus_area=None, scheme=scheme("talent"), signed_date=None)
    return {"report": report, "archive": archive, "rich": rich, "hidden_zone": hidden_zone, "bare": bare}


def declared(user, request_path: str) -> list[dict]:
    """Every project ``user`` sees, as DRF's declared fields give them from prefetched instances."""
    request = APIRequestFactory().get(request_path)
    request.user = user
    serializer = ProjectSerializer(context={"request": request})
    return [
        serializers.ModelSerializer.to_representation(serializer, project) for project in projects_with_details(user)
    ]


@pytest.fixture(params=["public", "viewer"])
def reader(request, client, viewer):
    """An anonymous reader, or staff who preview drafts."""
    if request.param == "viewer":
        client.force_authenticate(viewer)
        return client, viewer
    return client, None


def test_the_list_and_the_details_equal_the_declared_fields(registry, reader):
    client, user = reader
    expected = declared(user, "/api/v1/projects/")

    listing = client.get("/api/v1/projects/").json()
    details = [client.get(f"/api/v1/projects/{project['id']}/").json() for project in expected]

    assert listing["results"] == expected
    assert details == expected
    rich = next(project for project in expected if project["id"] == registry["rich"].public_id)
    if user is None:
        assert [item["organization"] for item in rich["participants"]] == ["dbs", "cq-gov"]
        assert rich["articles"] == ["same-day-news", "first-news"]
        assert next(p for p in expected if p["id"] == registry["hidden_zone"].public_id)["zone"] is None
    else:
        assert [item["organization"] for item in rich["participants"]] == ["dbs", "draft-partner", "cq-gov"]
        assert rich["articles"] == ["draft-news", "same-day-news", "first-news"]
        assert next(p for p in expected if p["id"] == registry["hidden_zone"].public_id)["zone"] == "draft-zone"


def test_the_csv_is_the_declared_fields_row_by_row(registry, reader):
    client, user = reader
    request = APIRequestFactory().get("/api/v1/projects/?format=csv")
    request.user = user
    serializer = ProjectSerializer(context={"request": request})
    expected = "".join(
        csv_lines(
            objects=projects_with_details(user),
            serialize=lambda project: serializers.ModelSerializer.to_representation(serializer, project),
            columns=PROJECT_CSV_COLUMNS,
        )
    )

    assert content(client.get("/api/v1/projects/?format=csv")).decode() == expected
    rich = registry["rich"].public_id
    assert content(client.get(f"/api/v1/projects/{rich}/?format=csv")).decode().splitlines()[1] == next(
        line for line in expected.splitlines() if line.startswith(rich)
    )


def test_a_rich_project_in_oc4ids_is_as_before(client, registry, settings):
    settings.OC4IDS_ID_PREFIX = "ocds-test-"
    rich, report, archive = registry["rich"], registry["report"], registry["archive"]
    rich.refresh_from_db()
    opened, extended = rich.milestones.order_by("date")

    organizations = {item.organization.slug: item.organization for item in rich.participations.all()}

    package = json.loads(content(client.get("/api/v1/projects/oc4ids/")))

    # What the instance-based mapping gave for this project before the API read plain records.
    assert next(project for project in package["projects"] if project["id"].endswith(rich.public_id)) == {
        "id": f"ocds-test-{rich.public_id}",
        "updated": timezone.localtime(rich.updated_at).isoformat(),
        "language": "en",
        "title": rich.title_en,
        "description": "Cold chain.",
        "status": "implementation",
        "sector": ["transport", "transport.air", "communications", "economy"],
        "budget": {
            "amount": {"amount": 1000.5, "currency": "CNY"},
            "description": "About USD 140.07 at 0.140000 USD per CNY on 2024-03-01.",
        },
        "parties": [
            {
                "id": "dbs",
                "name": organizations["dbs"].name_en,
                "address": {"countryName": "Singapore"},
                "roles": ["funder"],
            },
            {
                "id": "cq-gov",
                "name": organizations["cq-gov"].name_en,
                "address": {"countryName": "China"},
                "roles": ["publicAuthority"],
            },
        ],
        "publicAuthority": {"id": "cq-gov", "name": organizations["cq-gov"].name_en},
        "locations": [
            {
                "id": "district-yubei",
                "description": "Yubei, Chongqing",
                "address": {"locality": "Yubei", "region": "Chongqing", "countryName": "China"},
                "geometry": {"type": "Point", "coordinates": [106.6, 29.7]},
            },
            {"id": "zone-liangjiang", "description": rich.zone.name_en},
        ],
        "period": {"startDate": "2021-03-04T00:00:00+08:00"},
        "maintenancePeriod": {"startDate": "2021-05-01T00:00:00+08:00"},
        "milestones": [
            {"id": str(opened.pk), "title": "Opened", "status": "met", "dateMet": "2022-01-01T00:00:00+08:00"},
            {
                "id": str(extended.pk),
                "title": "Extended",
                "status": "scheduled",
                "dueDate": "2099-01-01T00:00:00+08:00",
            },
        ],
        "documents": [
            {
                "id": f"source-{report.pk}",
                "documentType": "physicalProgressReport",
                "title": "Chongqing logistics report",
                "description": "Bureau",
                "url": "https://example.org/report",
            },
            {
                "id": f"source-{archive.pk}",
                "documentType": "physicalProgressReport",
                "title": "Archive",
                "description": f"{archive.publisher}; Box 12",
                "datePublished": "2020-05-01T00:00:00+08:00",
            },
        ],
    }


def test_a_detail_runs_five_queries(client, registry, django_assert_num_queries):
    # Validators, the project's row (with its focus areas, zone and articles), partners, milestones, sources.
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/projects/{registry['rich'].public_id}/")
    assert response.status_code == 200
