"""The OpenAPI 3 schema and the interactive docs, served by the site itself."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "projects",
    "focus-areas",
    "schemes",
    "zones",
    "districts",
    "organizations",
    "articles",
    "reported-figures",
]
PROJECT_FILTERS = {
    "focus_area",
    "scheme",
    "zone",
    "district",
    "status",
    "organization",
    "partner_country",
    "signed_after",
    "signed_before",
    "amount_usd_min",
    "amount_usd_max",
    "quality_min",
    "q",
    "updated_since",
    "lang",
    "ordering",
}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_valid_openapi_3(schema):
    validate_schema(schema)

    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "CCI Portal API"
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "A partner's key, sent as `Authorization: Api-Key <key>`: read access at a higher rate.",
    }


def test_every_endpoint_and_method_is_described(schema):
    paths = schema["paths"]

    for endpoint in ENDPOINTS:
        lookup = next(path for path in paths if path.startswith(f"/api/v1/{endpoint}/{{"))
        assert set(paths[f"/api/v1/{endpoint}/"]) == {"get", "post"}
        assert set(paths[lookup]) == {"get", "patch", "delete"}
    assert set(paths["/api/v1/stats/"]) == {"get"}
    assert set(paths["/api/v1/projects/oc4ids/"]) == {"get"}


def test_every_parameter_is_described(schema):
    operation = schema["paths"]["/api/v1/projects/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}

    assert set(parameters) == PROJECT_FILTERS | {"page", "page_size", "cursor", "format"}
    for name, parameter in parameters.items():
        assert parameter.get("description") or name == "format", name
    assert parameters["status"]["schema"]["items"]["enum"] == sorted(
        [
            "identification",
            "preparation",
            "implementation",
            "completion",
            "maintenance",
            "decommissioning",
            "decommissioned",
            "cancelled",
        ]
    )


def test_every_operation_describes_its_error_responses(schema):
    for path, operations in schema["paths"].items():
        if path in ("/api/v1/schema/", "/api/v1/docs/"):
            continue
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"400", "401", "429"}
            if "{" in path:
                expected.add("404")
            if method in ("post", "patch", "delete"):
                expected.add("403")
            if method == "delete":
                expected.add("409")
            if method == "get":
                expected.add("304")
            assert expected <= set(responses), (method, path)
            for code in expected - {"304"}:
                assert responses[code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }
                assert responses[code]["description"]


def test_the_docs_load_nothing_from_outside_the_site(client):
    response = client.get("/api/v1/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    script = client.get("/api/v1/docs/?script=").content.decode()
    static = [link for link in links if link.startswith("/static/")]
    # The site's own files: the sidecar's Swagger UI, the page's style sheet, its start-up script.
    assert sorted(set(links) - set(static)) == ["/api/v1/docs/?script="]
    assert all(link.startswith(("/static/drf_spectacular_sidecar/", "/static/css/")) for link in static)
    assert "http://" not in html + script and "https://" not in html + script
    assert '"validatorUrl": null' in script
    for link in static:
        assert finders.find(link.removeprefix("/static/")) is not None, link


def test_building_the_schema_leaves_the_filters_working_for_staff(client, viewer):
    draft_partner = make_organization(slug="draft-partner", is_published=False)
    make_project(participants=[(draft_partner, "funding")])
    client.get("/api/v1/schema/")
    client.force_authenticate(viewer)

    response = client.get("/api/v1/projects/?organization=draft-partner")

    assert response.status_code == 200
    assert response.json()["count"] == 1
