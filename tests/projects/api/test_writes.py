"""Staff writes through the API: what is stored, and what the answer shows."""

from datetime import date

import pytest

from news.models import Article
from projects.models import District, Organization, Project, ReportedFigure, Zone
from tests.api_client import basic
from tests.factories import focus_area, make_organization, make_project, make_source, make_zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_editor(client, editor):
    client.force_authenticate(editor)
    return client


@pytest.fixture
def as_publisher(client, publisher):
    client.force_authenticate(publisher)
    return client


def test_an_editor_creates_a_full_project(as_editor):
    make_organization(slug="bank", name_en="Bank", country="SG")
    make_zone(slug="port-zone")
    District.objects.create(slug="yubei", name_en="Yubei")
    source = make_source()

    response = as_editor.post(
        "/api/v1/projects/",
        {
            "slug": "air-cargo",
            "title_en": "Air cargo hub",
            "title_zh": "航空货运枢纽",
            "status": "preparation",
            "focus_area": "aviation",
            "other_focus_areas": ["transport-logistics"],
            "scheme": "business",
            "zone": "port-zone",
            "district": "yubei",
            "participants": [{"organization": "bank", "role": "funding"}],
            "contract_amount": "1000.00",
            "currency": "SGD",
            "contract_amount_usd": "740.00",
            "usd_rate": "0.74",
            "usd_rate_date": "2023-04-05",
            "signed_date": "2023-04-05",
            "sources": [source.pk],
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["id"] == "CCI-2023-0001"
    assert body["is_published"] is False
    assert body["participants"] == [
        {"organization": "bank", "name_en": "Bank", "name_zh": "", "country": "SG", "role": "funding"}
    ]
    assert body["sources"][0]["id"] == source.pk
    project = Project.objects.get(public_id="CCI-2023-0001")
    assert (project.title_zh, project.zone.slug, project.district.slug, project.currency) == (
        "航空货运枢纽",
        "port-zone",
        "yubei",
        "SGD",
    )
    assert list(project.other_focus_areas.values_list("code", flat=True)) == ["transport-logistics"]


def test_a_patch_changes_only_what_it_names(as_editor):
    partner = make_organization(slug="partner")
    # A draft: an editor's change to a published project waits for review instead (test_review.py).
    project = make_project(title_en="Old title", participants=[(partner, "funding")], is_published=False)
    project.other_focus_areas.add(focus_area("ict"))

    response = as_editor.patch(f"/api/v1/projects/{project.public_id}/", {"title_en": "New title"}, format="json")

    assert response.status_code == 200
    project.refresh_from_db()
    assert project.title_en == "New title"
    assert list(project.participations.values_list("organization__slug", flat=True)) == ["partner"]
    assert list(project.other_focus_areas.values_list("code", flat=True)) == ["ict"]
    assert project.history.latest().history_change_reason == "Changed through the API"


def test_the_identifier_and_timestamps_cannot_be_written(as_editor):
    project = make_project(is_published=False)

    response = as_editor.patch(
        f"/api/v1/projects/{project.public_id}/",
        {"id": "CCI-1999-0001", "created_at": "2000-01-01T00:00:00Z", "title_en": "Kept"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["id"] == project.public_id
    project.refresh_from_db()
    assert (project.public_id, project.title_en) == ("CCI-2020-0001", "Kept")


def test_editors_write_organizations_zones_districts_figures_and_articles(as_editor):
    project = make_project()
    source = make_source()

    organization = as_editor.post(
        "/api/v1/organizations/",
        {"slug": "new-partner", "name_en": "New Partner", "country": "MY", "kind": "private"},
        format="json",
    )
    bad_country = as_editor.post(
        "/api/v1/organizations/",
        {"slug": "bad", "name_en": "Bad", "country": "Malaysia", "kind": "private"},
        format="json",
    )
    zone = as_editor.post(
        "/api/v1/zones/", {"slug": "new-zone", "name_en": "New Zone", "kind": "park", "focus_area": "ict"}
    )
    district = as_editor.post("/api/v1/districts/", {"slug": "wulong", "name_en": "Wulong", "latitude": "29.3"})
    figure = as_editor.post(
        "/api/v1/reported-figures/",
        {
            "label_en": "Projects",
            "metric": "projects_signed",
            "value": "45",
            "unit": "count",
            "scope": "chongqing",
            "source": source.pk,
        },
        format="json",
    )
    article = as_editor.post(
        "/api/v1/articles/",
        {
            "slug": "new-article",
            "title_en": "New article",
            "published_on": "2024-02-03",
            "category": "local",
            "projects": [project.public_id],
            "focus_areas": ["ict"],
            "organizations": ["new-partner"],
        },
        format="json",
    )

    assert (organization.status_code, zone.status_code, district.status_code) == (201, 201, 201)
    assert (figure.status_code, article.status_code) == (201, 201)
    assert bad_country.status_code == 400
    assert bad_country.json()["errors"] == {
        "country": ["Use an ISO 3166-1 alpha-2 code, such as SG.", "Ensure this field has no more than 2 characters."]
    }
    assert Organization.objects.get(slug="new-partner").is_published is False
    assert Zone.objects.get(slug="new-zone").focus_area.code == "ict"
    assert str(District.objects.get(slug="wulong").latitude) == "29.30000"
    assert ReportedFigure.objects.get().source == source
    stored = Article.objects.get(slug="new-article")
    assert list(stored.projects.all()) == [project]
    assert article.json()["organizations"] == ["new-partner"]


def test_a_publisher_deletes_and_the_deletion_is_in_the_history(as_publisher, publisher):
    project = make_project(signed_date=date(2019, 1, 1))

    response = as_publisher.delete(f"/api/v1/projects/{project.public_id}/")

    assert response.status_code == 204
    assert not Project.objects.filter(pk=project.pk).exists()
    deletion = Project.history.filter(id=project.pk, history_type="-").get()
    assert deletion.history_user == publisher


def test_editors_replace_the_participants_as_a_whole(client, editor):
    from tests.factories import make_organization

    first = make_organization(slug="first", country="SG")
    second = make_organization(slug="second", country="CN")
    project = make_project(participants=[(first, "funding")], is_published=False)

    response = client.patch(
        f"/api/v1/projects/{project.public_id}/",
        {
            "participants": [
                {"organization": "second", "role": "operator"},
                {"organization": "first", "role": "investor"},
            ]
        },
        format="json",
        **basic(editor),
    )

    assert response.status_code == 200
    assert [(p["organization"], p["role"], p["country"]) for p in response.json()["participants"]] == [
        ("second", "operator", "CN"),
        ("first", "investor", "SG"),
    ]
    assert list(project.participations.values_list("organization__slug", "role", "position")) == [
        ("second", "operator", 0),
        ("first", "investor", 1),
    ]
    assert second.participations.count() == 1
