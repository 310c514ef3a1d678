"""The list page and the API read one FilterSet with the same request: the same filter gives
the same projects to the same reader."""

import re

import pytest

from tests.factories import make_organization, make_project, make_staff

pytestmark = pytest.mark.django_db

IDENTIFIER = re.compile(r'<td class="identifier">(CCI-[0-9]{4}-[0-9]{4})</td>')


def _page_ids(response) -> list[str]:
    return IDENTIFIER.findall(response.content.decode())


def _api_ids(response) -> list[str]:
    return [project["id"] for project in response.json()["results"]]


@pytest.fixture
def draft_partner():
    """A partner still in draft, taking part in two published projects; a third project without it."""
    partner = make_organization(slug="draft-partner", name_en="Draft Partner", is_published=False)
    make_project(public_id="CCI-2021-0001", signed_date="2021-03-01", participants=[(partner, "investor")])
    make_project(public_id="CCI-2022-0001", signed_date="2022-03-01", participants=[(partner, "operator")])
    make_project(public_id="CCI-2023-0001", signed_date="2023-03-01")
    return partner


def test_staff_filtering_on_a_draft_partner_get_the_same_projects_from_the_page_and_the_api(client, draft_partner):
    client.force_login(make_staff("viewer"))

    page = client.get("/projects/?organization=draft-partner")
    api = client.get("/api/v1/projects/?organization=draft-partner")

    assert (page.status_code, api.status_code) == (200, 200)
    assert _page_ids(page) == ["CCI-2022-0001", "CCI-2021-0001"]
    assert _api_ids(api) == ["CCI-2022-0001", "CCI-2021-0001"]


def test_the_public_gets_the_draft_partner_refused_by_the_page_and_the_api_alike(client, draft_partner):
    page = client.get("/projects/?organization=draft-partner")
    api = client.get("/api/v1/projects/?organization=draft-partner")

    assert (page.status_code, api.status_code) == (400, 400)
    refusal = "Select a valid choice. That choice is not one of the available choices."
    assert f"Partner: {refusal}" in page.content.decode()
    assert api.json()["errors"] == {"organization": [refusal]}
    # The page still lists every project, without the refused filter.
    assert _page_ids(page) == ["CCI-2023-0001", "CCI-2022-0001", "CCI-2021-0001"]


def test_staff_filtering_on_a_country_of_draft_partners_get_the_same_projects_from_the_page_and_the_api(client):
    draft_japanese = make_organization(slug="draft-jp", country="JP", is_published=False)
    japanese = make_organization(slug="jp", country="JP")
    make_project(public_id="CCI-2021-0001", signed_date="2021-03-01", participants=[(draft_japanese, "investor")])
    make_project(public_id="CCI-2022-0001", signed_date="2022-03-01", participants=[(japanese, "investor")])
    client.force_login(make_staff("viewer"))

    page = client.get("/projects/?partner_country=JP")
    api = client.get("/api/v1/projects/?partner_country=JP")

    assert _page_ids(page) == ["CCI-2022-0001", "CCI-2021-0001"]
    assert "2 projects" in page.content.decode()
    assert _api_ids(api) == ["CCI-2022-0001", "CCI-2021-0001"]
    client.logout()
    # The public counts published partners only.
    assert _page_ids(client.get("/projects/?partner_country=JP")) == ["CCI-2022-0001"]
