"""Rules the schema states and the API keeps alike (found by schemathesis, tests/cci_portal/api/fuzz/):
each is declared in the schema, and a request that breaks it gets a 400 naming the field."""

import json
import re

import pytest

from core.validators import WebAddressValidator
from tests.factories import make_article, make_district, make_project, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return json.loads(client.get("/api/v1/schema/?format=json").content)


@pytest.fixture
def staff(client, publisher):
    client.force_authenticate(publisher)
    return client


def properties(schema, component):
    return schema["components"]["schemas"][component]["properties"]


def refused(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["errors"]


@pytest.mark.parametrize(
    ("address", "taken"),
    [
        ("https://www.cq.gov.cn/zwgk/2024/notice.html?id=7#top", True),
        ("HTTP://Example.COM", True),
        ("https://重庆.中国/", True),
        ("http://localhost:8000/", True),
        ("ftp://files.example.org/report.pdf", False),
        ("https://editor:secret@example.org/", False),
        ("https://0.a", False),
        ("https://" + ".".join(["a" * 63] * 4) + ".com", False),  # a host of 259 characters
        ("javascript:alert(1)", False),
    ],
)
def test_web_addresses_are_declared_by_the_pattern_the_api_keeps(staff, schema, address, taken):
    website = properties(schema, "OrganizationRequest")["website"]
    assert website["oneOf"] == [
        {"type": "string", "pattern": WebAddressValidator.openapi_pattern, "maxLength": 200},
        {"type": "string", "maxLength": 0},
    ]
    pattern = properties(schema, "ArticleRequest")["source_url"]["oneOf"][0]["pattern"]
    assert pattern == WebAddressValidator.openapi_pattern
    article = make_article()

    response = staff.patch(f"/api/v1/articles/{article.slug}/", {"source_url": address}, format="json")

    assert bool(re.fullmatch(pattern, address)) is taken
    if taken:
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.source_url == address
    else:
        assert refused(response) == {"source_url": ["Enter a valid URL."]}


def test_slugs_and_country_codes_are_declared_by_their_patterns(staff, schema):
    assert properties(schema, "ZoneRequest")["slug"]["pattern"] == "^[-a-zA-Z0-9_]+$"
    assert properties(schema, "OrganizationRequest")["country"]["pattern"] == "^[A-Z]{2}$"
    parameters = schema["paths"]["/api/v1/projects/"]["get"]["parameters"]
    country = next(parameter for parameter in parameters if parameter["name"] == "partner_country")
    assert country["schema"] == {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2}$"}}

    response = staff.post("/api/v1/zones/", {"slug": "重庆", "name_en": "Zone", "kind": "zone"}, format="json")

    assert list(refused(response)) == ["slug"]
    assert refused(staff.post("/api/v1/organizations/", {"country": "0"}, format="json"))["country"] == [
        "Use an ISO 3166-1 alpha-2 code, such as SG."
    ]


@pytest.mark.parametrize(
    ("field", "sent", "message"),
    [
        ("latitude", "90.5", "Ensure this value is less than or equal to 90."),
        ("latitude", "-91", "Ensure this value is greater than or equal to -90."),
        ("longitude", "180.00001", "Ensure this value is less than or equal to 180."),
        ("latitude", "", "Send a string of digits with at most 5 after the point, such as “12.00000”."),
    ],
)
def test_coordinates_are_bounded_in_the_schema_and_the_api(staff, schema, field, sent, message):
    pattern = properties(schema, "DistrictRequest")[field]["pattern"]
    district = make_district()

    response = staff.patch(f"/api/v1/districts/{district.slug}/", {field: sent}, format="json")

    assert re.fullmatch(pattern, sent) is None
    assert refused(response) == {field: [message]}
    assert re.fullmatch(pattern, "-90" if field == "latitude" else "180.0")


def test_coordinates_within_bounds_are_taken(staff):
    district = make_district()

    response = staff.patch(
        f"/api/v1/districts/{district.slug}/", {"latitude": "-90", "longitude": "180.00000"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["latitude"], response.json()["longitude"]) == ("-90.00000", "180.00000")


def test_a_rate_is_above_zero_and_a_share_at_most_100(staff, schema):
    rate = properties(schema, "ProjectRequest")["usd_rate"]["pattern"]
    share = properties(schema, "ReportedFigureRequest")["share_percent"]["pattern"]
    assert [bool(re.fullmatch(rate, value)) for value in ["0", "0.000000", "0.000001", "7.1", "-1"]] == [
        False,
        False,
        True,
        True,
        False,
    ]
    assert [bool(re.fullmatch(share, value)) for value in ["0", "100", "100.00", "100.01", "523"]] == [
        True,
        True,
        True,
        False,
        False,
    ]
    project = make_project()

    response = staff.patch(f"/api/v1/projects/{project.public_id}/", {"usd_rate": "0"}, format="json")

    assert refused(response) == {"usd_rate": ["Ensure this value is greater than 0."]}


def test_an_empty_key_is_not_taken_for_no_record(staff, schema):
    assert properties(schema, "ZoneRequest")["district"] == {"type": "string", "minLength": 1, "nullable": True}

    response = staff.post(
        "/api/v1/zones/", {"slug": "z", "name_en": "Zone", "kind": "zone", "district": ""}, format="json"
    )

    assert refused(response) == {"district": ["Send null for none, or the record's key."]}


def test_a_project_is_not_signed_before_the_initiative(staff):
    body = {"slug": "early", "title_en": "Early", "focus_area": "ict", "signed_date": "2015-11-06"}

    response = staff.post("/api/v1/projects/", body, format="json")

    assert refused(response) == {
        "signed_date": ["The CCI was launched on 7 November 2015: a project of it cannot be signed earlier."]
    }
    assert staff.post("/api/v1/projects/", {**body, "signed_date": "2015-11-07"}, format="json").status_code == 201


def test_an_updated_since_beyond_the_calendar_in_utc_is_refused(client):
    make_source()

    response = client.get("/api/v1/projects/", {"updated_since": "0001-01-01T00:00:00+01:00"})

    assert refused(response) == {"updated_since": ["Enter a valid date/time."]}
