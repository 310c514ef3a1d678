"""A bad filter value or an invalid write at the registry's endpoints gets a 400 naming each field, and
changes nothing."""

import pytest

from projects.models import Project
from tests.api_client import error
from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db


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
    ],
)
def test_a_malformed_value_gets_a_message_per_parameter(client, query, errors):
    make_project()

    body = error(client.get(f"/api/v1/projects/?{query}"), 400)

    assert body["errors"] == errors
    assert body["detail"] == f"Invalid query parameter: {', '.join(errors)}."


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
