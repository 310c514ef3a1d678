"""GeoJSON of the projects' and zones' points, and the point in OC4IDS locations."""

import json
from decimal import Decimal

import pytest

from tests.factories import make_district, make_project, make_zone
from tests.projects.api.test_oc4ids import fetch_package, package_validator

pytestmark = pytest.mark.django_db


@pytest.fixture
def located():
    district = make_district(slug="yuzhong", name_en="Yuzhong District", name_zh="渝中区")
    zone = make_zone(
        slug="guoyuan-port",
        name_en="Guoyuan Port",
        name_zh="果园港",
        latitude=Decimal("29.60600"),
        longitude=Decimal("106.57400"),
        location_precision="district",
    )
    project = make_project(
        title_en="Singapore Week",
        title_zh="新加坡周",
        status="implementation",
        district=district,
        latitude=Decimal("29.55300"),
        longitude=Decimal("106.56900"),
        location_precision="district",
    )
    make_project(title_en="No point", district=district)
    make_project(
        title_en="Draft with a point",
        is_published=False,
        latitude=Decimal("29.1"),
        longitude=Decimal("106.1"),
        location_precision="exact",
    )
    return {"project": project, "zone": zone}


def test_projects_as_geojson_give_the_published_points_exactly(client, located):
    response = client.get("/api/v1/projects/?format=geojson")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    public_id = located["project"].public_id
    assert json.loads(response.content) == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": public_id,
                "geometry": {"type": "Point", "coordinates": [106.569, 29.553]},
                "properties": {
                    "id": public_id,
                    "status": "implementation",
                    "district": "yuzhong",
                    "zone": None,
                    "name": "Singapore Week",
                    "location_precision": "district",
                    "public_url": f"http://testserver/projects/{public_id}/",
                    "api_url": f"http://testserver/api/v1/projects/{public_id}/",
                },
            }
        ],
    }


def test_geojson_follows_the_filters_and_the_language(client, located):
    features = json.loads(client.get("/api/v1/projects/?format=geojson&district=yuzhong&lang=zh").content)
    assert [feature["properties"]["name"] for feature in features["features"]] == ["新加坡周"]
    empty = json.loads(client.get("/api/v1/projects/?format=geojson&status=cancelled").content)
    assert empty == {"type": "FeatureCollection", "features": []}


def test_zones_as_geojson(client, located):
    body = json.loads(client.get("/api/v1/zones/?format=geojson").content)
    assert body["features"] == [
        {
            "type": "Feature",
            "id": "guoyuan-port",
            "geometry": {"type": "Point", "coordinates": [106.574, 29.606]},
            "properties": {
                "id": "guoyuan-port",
                "kind": located["zone"].kind,
                "district": None,
                "name": "Guoyuan Port",
                "location_precision": "district",
                "public_url": "http://testserver/zones/guoyuan-port/",
                "api_url": "http://testserver/api/v1/zones/guoyuan-port/",
            },
        }
    ]


def test_bad_format_and_bad_filters_are_refused_with_400(client, located):
    response = client.get("/api/v1/projects/?format=kml")
    assert response.status_code == 400
    assert response.json()["errors"]["format"] == ["Unknown format “kml”; use one of: json, csv, geojson."]
    response = client.get("/api/v1/projects/?format=geojson&status=sleeping")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    assert client.get("/api/v1/projects/?format=geojson&colour=red").status_code == 400
    assert client.get("/api/v1/districts/?format=geojson").status_code == 400  # districts have no GeoJSON


def test_geojson_runs_a_fixed_number_of_queries(client, located, django_assert_num_queries):
    client.get("/api/v1/projects/?format=geojson")  # warm: the freshness stamps
    with django_assert_num_queries(2):  # the freshness of the records (with their dependencies), the features
        client.get("/api/v1/projects/?format=geojson&lang=en")


def test_oc4ids_locations_carry_the_point_and_its_precision(client, located):
    package = fetch_package(client)

    assert [f"{list(error.path)}: {error.message}" for error in package_validator().iter_errors(package)] == []
    week = next(project for project in package["projects"] if project["title"] == "Singapore Week")
    assert week["locations"][0] == {
        "id": "point",
        "description": "precision: district. District or county",
        "geometry": {"type": "Point", "coordinates": [106.569, 29.553]},
    }
    assert week["locations"][1]["id"] == "district-yuzhong"


def test_a_refused_geojson_request_answers_json(client):
    response = client.get("/api/v1/projects/?format=geojson&quality_min=abc")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"] == {"quality_min": ["Enter a number."]}
