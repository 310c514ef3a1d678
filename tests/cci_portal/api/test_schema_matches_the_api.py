"""Where the OpenAPI schema said other than the API does (issue 10), it now says what the API does."""

import json
import re

import pytest

from core.validators import WebAddressValidator
from tests.factories import make_project, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return json.loads(client.get("/api/v1/schema/?format=json").content)


def test_reads_need_no_credentials_first_and_writes_do(schema):
    """A read inherits the root's list, ``{}`` first; it declares none of its own, as any list of
    its own makes openapi-python-client ask for an ``AuthenticatedClient`` (test_generated_client.py)."""
    credentials = [{"ApiKey": []}, {"cookieAuth": []}, {"basicAuth": []}]
    assert schema["security"] == [{}, *credentials]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = [{}, *credentials] if method == "get" else credentials
            assert operation.get("security", schema["security"]) == expected, (method, path)
            assert ("security" in operation) is (method != "get"), (method, path)


def test_an_empty_source_url_is_declared(client, schema):
    make_project().sources.add(make_source(url="", document_en="Bureau archive, box 7"))

    assert client.get("/api/v1/projects/").json()["results"][0]["sources"][0]["url"] == ""
    assert schema["components"]["schemas"]["Source"]["properties"]["url"]["oneOf"] == [
        {"type": "string", "pattern": WebAddressValidator.openapi_pattern},
        {"type": "string", "maxLength": 0},
    ]


def test_the_year_of_undated_projects_is_declared_null(client, schema):
    make_project(signed_date=None)

    assert client.get("/api/v1/stats/").json()["by_signing_year"][0]["year"] is None
    assert schema["components"]["schemas"]["StatsBySigningYear"]["properties"]["year"]["nullable"] is True


def test_the_statistics_declare_no_ordering(schema):
    names = {parameter["name"] for parameter in schema["paths"]["/api/v1/stats/"]["get"]["parameters"]}

    assert "ordering" not in names
    assert "zone" in names


def test_decimals_are_declared_as_the_strings_the_api_takes(client, schema, publisher):
    value = schema["components"]["schemas"]["ReportedFigureRequest"]["properties"]["value"]
    assert value == {"type": "string", "format": "decimal", "pattern": r"^(?:0|[1-9]\d{0,17})(?:\.\d{1,2})?$"}
    assert re.fullmatch(value["pattern"], "") is None

    figure = {"label_en": "Signed", "metric": "projects_signed", "unit": "count", "scope": "liangjiang"}
    figure["source"] = make_source().pk
    client.force_authenticate(publisher)
    for sent, message in [("", "Send a string of digits"), (12, "Send a string of digits"), ("-1", "greater")]:
        response = client.post("/api/v1/reported-figures/", {**figure, "value": sent}, format="json")
        assert response.status_code == 400, sent
        assert message in response.json()["errors"]["value"][0]


def test_text_is_declared_without_nul_and_taken_as_text_only(client, schema, publisher):
    zone = schema["components"]["schemas"]["ZoneRequest"]["properties"]
    # Required text holds more than whitespace (DRF strips it before checking); optional text anything but NUL.
    assert zone["name_en"]["pattern"] == "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"
    assert [bool(re.fullmatch(zone["name_en"]["pattern"], text)) for text in ("\n", " x ", "a\x00")] == [
        False,
        True,
        False,
    ]
    assert zone["name_zh"]["oneOf"][0]["pattern"] == "^[^\\u0000]*$"
    assert zone["name_en"]["minLength"] == 1

    client.force_authenticate(publisher)
    response = client.post("/api/v1/zones/", {"slug": "z", "name_en": 5, "kind": "zone"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"name_en": ["Send a string."]}


def test_ordering_is_one_comma_separated_parameter(schema):
    parameters = {parameter["name"]: parameter for parameter in schema["paths"]["/api/v1/zones/"]["get"]["parameters"]}

    assert parameters["ordering"]["explode"] is False
    assert parameters["ordering"]["allowEmptyValue"] is True


def test_a_text_longer_than_its_maxlength_is_refused_even_when_stripping_would_shorten_it(client, schema, publisher):
    organization = schema["components"]["schemas"]["OrganizationRequest"]["properties"]
    assert organization["name_en"]["maxLength"] == 200
    client.force_authenticate(publisher)

    sent = {"slug": "long", "country": "SG", "kind": "private"}
    too_long = client.post("/api/v1/organizations/", {**sent, "name_en": "\f" + "x" * 200}, format="json")
    exact = client.post("/api/v1/organizations/", {**sent, "name_en": "x" * 200}, format="json")

    assert too_long.status_code == 400
    assert too_long.json()["errors"] == {"name_en": ["Ensure this field has no more than 200 characters."]}
    assert exact.status_code == 201
    assert exact.json()["name_en"] == "x" * 200
