"""Bad requests get a JSON 4xx naming what is wrong, change nothing, and never a 500."""

import pytest

from core.api.filters import filterset_parameters
from news.filtersets import ArticleFilterSet
from projects.filtersets import (
    DistrictFilterSet,
    OrganizationFilterSet,
    ProjectFilterSet,
    ReportedFigureFilterSet,
    ZoneFilterSet,
)
from projects.models import Project
from tests.api.client import content
from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db


def error(response, status: int) -> dict:
    assert response.status_code == status, content(response)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "errors"}
    return body


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
        ("amount_usd_min=x", {"amount_usd_min": ["Enter a number."]}),
        ("amount_usd_max=NaN", {"amount_usd_max": ["Enter a number."]}),
        ("amount_usd_min=-5", {"amount_usd_min": ["Ensure this value is greater than or equal to 0."]}),
        (
            "amount_usd_max=1e40",
            {"amount_usd_max": ["Ensure that there are no more than 18 digits in total."]},
        ),
        ("signed_after=2020-13-45", {"signed_after": ["Enter a valid date."]}),
        ("signed_before=yesterday", {"signed_before": ["Enter a valid date."]}),
        ("updated_since=last+week", {"updated_since": ["Enter a valid date/time."]}),
        (
            "status=finished",
            {"status": ["Select a valid choice. finished is not one of the available choices."]},
        ),
        (
            "focus_area=ict,space",
            {"focus_area": ["Select a valid choice. space is not one of the available choices."]},
        ),
        ("scheme=nope", {"scheme": ["Select a valid choice. That choice is not one of the available choices."]}),
        ("zone=nope", {"zone": ["Select a valid choice. That choice is not one of the available choices."]}),
        ("district=%00", {"district": ["Null characters are not allowed."]}),
        (
            "partner_country=SGP",
            {"partner_country": ["“SGP” is not an ISO 3166-1 alpha-2 country code, such as SG or CN."]},
        ),
        ("q=" + "x" * 201, {"q": ["Ensure this value has at most 200 characters (it has 201)."]}),
        ("q=a%00b", {"q": ["Null characters are not allowed."]}),
        (
            "ordering=budget",
            {"ordering": ["Select a valid choice. budget is not one of the available choices."]},
        ),
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
        ("format=xml", {"format": ["Unknown format “xml”; use one of: json, csv."]}),
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


def test_a_page_beyond_the_last_is_a_json_404(client):
    make_project()

    body = error(client.get("/api/v1/projects/?page=3"), 404)

    assert body == {"detail": "Page 3 does not exist; there are 1.", "errors": {}}


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


def test_an_invalid_write_names_each_field_and_changes_nothing(client, publisher):
    client.force_authenticate(publisher)

    response = client.post(
        "/api/v1/projects/",
        {
            "slug": "bad project",
            "title_en": "",
            "status": "finished",
            "focus_area": "space",
            "contract_amount": "-1",
            "currency": "XYZ",
            "participants": [{"organization": "nobody", "role": "funding"}],
        },
        format="json",
    )

    body = error(response, 400)
    assert body["detail"] == (
        "Invalid input in: slug, title_en, status, focus_area, participants, contract_amount, currency."
    )
    assert body["errors"] == {
        "slug": ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'],
        "title_en": ["This field may not be blank."],
        "status": ['"finished" is not a valid choice.'],
        "focus_area": ["Object with code=space does not exist."],
        "participants": {"0": {"organization": ["Object with slug=nobody does not exist."]}},
        "contract_amount": ["Ensure this value is greater than or equal to 0."],
        "currency": ['"XYZ" is not a valid choice.'],
    }
    assert Project.objects.count() == 0


def test_the_models_own_rules_apply_as_in_the_admin(client, publisher):
    client.force_authenticate(publisher)

    no_area = client.post(
        "/api/v1/projects/", {"slug": "orphan", "title_en": "Orphan", "contract_amount": "5"}, format="json"
    )

    assert error(no_area, 400)["errors"] == {
        "non_field_errors": [
            "An amount needs its currency.",
            "A project belongs to a focus area, a scheme, or both.",
        ]
    }
    assert Project.objects.count() == 0


def test_duplicate_participants_are_refused(client, publisher):
    partner = make_organization(slug="partner")
    client.force_authenticate(publisher)

    response = client.post(
        "/api/v1/projects/",
        {
            "slug": "twice",
            "title_en": "Twice",
            "focus_area": "ict",
            "participants": [
                {"organization": partner.slug, "role": "funding"},
                {"organization": partner.slug, "role": "funding"},
            ],
        },
        format="json",
    )

    assert error(response, 400)["errors"] == {"participants": ["partner is listed twice as funding."]}
    assert Project.objects.count() == 0


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
