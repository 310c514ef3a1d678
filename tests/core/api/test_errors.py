"""Bad requests get a JSON 4xx naming what is wrong, change nothing, and never a 500: the rules every
endpoint shares (core/api/exceptions.py, filters.py, negotiation.py, viewsets.py)."""

import pytest
from rest_framework.test import APIClient

from core.api.filters import filterset_parameters
from news.filtersets import ArticleFilterSet
from projects.filtersets import (
    DistrictFilterSet,
    OrganizationFilterSet,
    ProjectFilterSet,
    ReportedFigureFilterSet,
    ZoneFilterSet,
)
from tests.api_client import error
from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db


def test_an_unknown_query_parameter_is_named(client):
    body = error(client.get("/api/v1/projects/?stauts=implementation&page=1"), 400)

    assert body["errors"] == {"stauts": ["Unknown query parameter."]}
    assert body["detail"].startswith("Unknown query parameter: stauts. This endpoint accepts: amount_usd_max, ")


def test_a_detail_accepts_no_filters(client):
    project = make_project()

    body = error(client.get(f"/api/v1/projects/{project.public_id}/?status=cancelled"), 400)

    assert body["errors"] == {"status": ["Unknown query parameter."]}


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page=abc", {"page": ["Enter a whole number from 1."]}),
        ("page=0", {"page": ["Enter a whole number from 1."]}),
        ("page_size=0", {"page_size": ["Enter a whole number from 1 to 200."]}),
        ("page_size=1000", {"page_size": ["Enter a whole number from 1 to 200."]}),
        ("page_size=-3", {"page_size": ["Enter a whole number from 1 to 200."]}),
        ("cursor=%%%", {"cursor": ["Invalid cursor: use the next link as given."]}),
        ("cursor=cD1hYmM%3D", {"cursor": ["Invalid cursor: use the next link as given."]}),
        (
            "cursor=&ordering=title",
            {"ordering": ["Cursor pages follow the order records were created in; leave out ordering."]},
        ),
        ("format=xml", {"format": ["Unknown format “xml”; use one of: json, csv, geojson."]}),
    ],
)
def test_a_malformed_value_gets_a_message_per_parameter(client, query, errors):
    make_project()

    body = error(client.get(f"/api/v1/projects/?{query}"), 400)

    assert body["errors"] == errors
    assert body["detail"] == f"Invalid query parameter: {', '.join(errors)}."


def test_several_bad_values_are_reported_together(client):
    body = error(client.get("/api/v1/projects/?signed_after=never&status=x&amount_usd_min=y"), 400)

    assert sorted(body["errors"]) == ["amount_usd_min", "signed_after", "status"]


def test_unknown_identifiers_and_paths_are_json_404s(client):
    assert error(client.get("/api/v1/projects/CCI-2099-0001/"), 404) == {
        "detail": "No project has the identifier “CCI-2099-0001”.",
        "errors": {},
    }
    assert error(client.get("/api/v1/organizations/nobody/"), 404)["detail"] == (
        "No organization has the identifier “nobody”."
    )
    assert error(client.get("/api/v1/projects/not-an-id/"), 404) == {
        "detail": "No API endpoint at /api/v1/projects/not-an-id/; the endpoints are listed at /api/v1/.",
        "errors": {},
    }
    assert error(client.get("/api/v1/reported-figures/12x/"), 404)["errors"] == {}
    assert error(client.get("/api/v1/reported-figures/99999999999999999999999/"), 404)["errors"] == {}


def test_a_missing_trailing_slash_redirects(client):
    response = client.get("/api/v1/projects?status=implementation")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/projects/?status=implementation"


def test_a_wrong_method_is_a_405_with_allow(client, publisher):
    project = make_project()
    client.force_authenticate(publisher)

    put = client.put(f"/api/v1/projects/{project.public_id}/", {}, format="json")
    post_to_detail = client.post(f"/api/v1/projects/{project.public_id}/", {}, format="json")
    delete_stats = client.delete("/api/v1/stats/")

    assert error(put, 405) == {"detail": 'Method "PUT" not allowed.', "errors": {}}
    assert put["Allow"] == "GET, PATCH, DELETE, HEAD, OPTIONS"
    assert error(post_to_detail, 405)["detail"] == 'Method "POST" not allowed.'
    assert error(delete_stats, 405)["detail"] == 'Method "DELETE" not allowed.'
    assert delete_stats["Allow"] == "GET, HEAD, OPTIONS"


def test_errors_with_csv_requested_are_still_json(client):
    body = error(client.get("/api/v1/projects/?format=csv&status=x"), 400)

    assert body["errors"] == {"status": ["Select a valid choice. x is not one of the available choices."]}


def test_deleting_a_record_others_point_at_is_a_409(client, publisher):
    partner = make_organization(slug="partner")
    make_project(participants=[(partner, "funding")])
    client.force_authenticate(publisher)

    response = client.delete("/api/v1/organizations/partner/")

    assert error(response, 409) == {
        "detail": "This record is still referenced by 1 other record(s); remove those links first.",
        "errors": {},
    }
    assert partner.__class__.objects.filter(slug="partner").exists()


def test_a_malformed_json_body_is_a_400(client, publisher):
    client.force_authenticate(publisher)

    response = client.post("/api/v1/projects/", "{not json", content_type="application/json")

    assert error(response, 400)["detail"].startswith("JSON parse error")


GARBAGE = ["%00", "x" * 300, "-1", "1e999", "2020-13-45", "',--", "%F0%9F%92%A5", "ab,,cd", "9" * 30]


LISTS = {
    "/api/v1/projects/": ProjectFilterSet,
    "/api/v1/projects/oc4ids/": ProjectFilterSet,
    "/api/v1/stats/": ProjectFilterSet,
    "/api/v1/zones/": ZoneFilterSet,
    "/api/v1/organizations/": OrganizationFilterSet,
    "/api/v1/reported-figures/": ReportedFigureFilterSet,
    "/api/v1/articles/": ArticleFilterSet,
    "/api/v1/districts/": DistrictFilterSet,
}


@pytest.mark.parametrize("path", list(LISTS))
def test_garbage_in_any_parameter_is_never_a_500(client, viewer, path):
    make_project()
    client.force_authenticate(viewer)  # staff: a rate high enough for these ~150 requests
    parameters = sorted(filterset_parameters(LISTS[path]) | {"page", "page_size", "cursor", "format"})

    statuses = {
        (name, value): client.get(f"{path}?{name}={value}").status_code for name in parameters for value in GARBAGE
    }

    assert {key: status for key, status in statuses.items() if status not in (200, 400, 404)} == {}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/api/v1/projects/?ordering=,", ","),
        ("/api/v1/projects/?ordering=,title,,", ",title,,"),
        ("/api/v1/projects/?ordering=%20,-id", " ,-id"),
        ("/api/v1/zones/?ordering=name,,", "name,,"),
        ("/api/v1/zones/?ordering=,-name", ",-name"),
        ("/api/v1/organizations/?ordering=,,,", ",,,"),
        ("/api/v1/articles/?ordering=,,", ",,"),
    ],
)
def test_an_ordering_with_an_empty_term_is_a_400_naming_it(client, path, value):
    body = error(client.get(path), 400)

    message = "has an empty sort field: name the fields separated by single commas, such as -amount_usd,title."
    assert body["errors"] == {"ordering": [f"“{value}” {message}"]}


def test_an_unknown_ordering_term_is_still_named(client):
    body = error(client.get("/api/v1/zones/?ordering=name,,size"), 400)

    assert body["errors"] == {"ordering": ["Select a valid choice. size is not one of the available choices."]}


@pytest.mark.parametrize("method", ["post", "patch", "delete", "put"])
def test_an_unknown_path_is_a_json_404_whatever_the_method(method):
    client = APIClient(enforce_csrf_checks=True)

    response = getattr(client, method)("/api/v1/nope/", {"a": 1}, format="json")

    assert error(response, 404) == {
        "detail": "No API endpoint at /api/v1/nope/; the endpoints are listed at /api/v1/.",
        "errors": {},
    }


def test_an_unknown_path_with_a_newline_is_a_json_404(client):
    assert error(client.get("/api/v1/projects/a%0Ab/"), 404)["errors"] == {}


def test_a_body_nested_too_deeply_is_a_400(client, publisher):
    client.force_authenticate(publisher)

    response = client.post("/api/v1/projects/", "[" * 100_000, content_type="application/json")

    assert error(response, 400) == {"detail": "JSON parse error - the body is nested too deeply.", "errors": {}}


def test_a_body_over_the_size_limit_is_a_json_413(client, publisher, settings):
    client.force_authenticate(publisher)

    response = client.post(
        "/api/v1/projects/", '"' + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + '"', content_type="application/json"
    )

    assert error(response, 413) == {
        "detail": "The request body is larger than the 2,621,440 bytes the API accepts.",
        "errors": {},
    }


def test_too_many_query_parameters_is_a_json_400(client):
    query = "&".join(f"p{n}=1" for n in range(1001))

    assert error(client.get(f"/api/v1/projects/?{query}"), 400) == {
        "detail": "The request has more than 1,000 parameters or fields; send fewer.",
        "errors": {},
    }


def test_a_parameter_that_takes_one_value_is_given_once(client):
    body = error(client.get("/api/v1/projects/?zone=a&zone=b&status=implementation&status=cancelled"), 400)

    assert body["errors"] == {"zone": ["Give this parameter once."]}


def test_an_empty_format_is_refused(client):
    body = error(client.get("/api/v1/projects/?format="), 400)

    assert body["errors"] == {"format": ["Unknown format “”; use one of: json, csv, geojson."]}


def test_a_method_the_endpoint_does_not_offer_is_a_405_even_with_parameters(client, publisher):
    client.force_authenticate(publisher)

    assert error(client.put("/api/v1/projects/?page=1&zone=x", {}, format="json"), 405)["detail"] == (
        'Method "PUT" not allowed.'
    )
    assert error(client.generic("TRACE", "/api/v1/"), 405)["detail"] == 'Method "TRACE" not allowed.'
    assert error(client.delete("/api/v1/stats/"), 405)["detail"] == 'Method "DELETE" not allowed.'


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("format=csv&page_size=0", {"page_size": ["Enter a whole number from 1 to 200."]}),
        ("cursor=&page=2", {"page": ["Cursor pages are not numbered; leave out page."]}),
    ],
)
def test_paging_parameters_are_checked_wherever_given(client, query, errors):
    assert error(client.get(f"/api/v1/projects/?{query}"), 400)["errors"] == errors
