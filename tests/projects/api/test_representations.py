"""What a partner reads from each endpoint: exact representations, published records only."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.choices import OrganizationKind, ZoneKind
from projects.models import Milestone
from tests.factories import (
    focus_area,
    make_article,
    make_district,
    make_figure,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db


def stamp(value) -> str:
    return timezone.localtime(value).isoformat()


@pytest.fixture
def raffles():
    """A project with every part filled in."""
    district = make_district(
        slug="yuzhong",
        name_en="Yuzhong",
        name_zh="渝中区",
        latitude=Decimal("29.55670"),
        longitude=Decimal("106.57700"),
    )
    zone = make_zone(slug="fintech-zone", name_en="Fintech Collaboration Demonstration Zone", kind=ZoneKind.ZONE)
    capitaland = make_organization(
        slug="capitaland", name_en="CapitaLand", name_zh="凯德集团", country="SG", kind=OrganizationKind.PRIVATE
    )
    government = make_organization(
        slug="yuzhong-government",
        name_en="Yuzhong District Government",
        country="CN",
        kind=OrganizationKind.GOVERNMENT,
    )
    source = make_source(
        title_en="Raffles City opens",
        publisher_en="Liangjiang New Area",
        url="https://example.org/raffles",
        published_on=date(2019, 9, 1),
    )
    project = make_project(
        slug="raffles-city",
        title_en="Raffles City Chongqing",
        title_zh="重庆来福士",
        summary_en="A riverside complex of towers and a sky bridge.",
        description_en="Offices, homes, a hotel and shops.",
        status="completion",
        focus_area=focus_area("financial-services"),
        scheme=scheme("business"),
        zone=zone,
        district=district,
        participants=[(capitaland, "investor"), (government, "accountable")],
        contract_amount=Decimal("24000000000"),
        currency="CNY",
        contract_amount_usd=Decimal("3400000000"),
        usd_rate=Decimal("0.141667"),
        usd_rate_date=date(2012, 1, 1),
        signed_date=date(2016, 1, 1),
        signed_date_precision="year",
        operation_start_date=date(2019, 9, 6),
    )
    project.other_focus_areas.add(focus_area("transport-logistics"))
    project.sources.add(source)
    Milestone.objects.create(
        project=project, date=date(2019, 9, 6), title_en="Opening", title_zh="开业", source=source
    )
    article = make_article(slug="raffles-city-opens", title_en="Raffles City opens")
    article.projects.add(project)
    project.refresh_from_db()
    return project


def test_a_project_carries_every_documented_field(client, raffles):
    response = client.get("/api/v1/projects/CCI-2016-0001/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    source = raffles.sources.get()
    source_json = {
        "id": source.pk,
        "title_en": "Raffles City opens",
        "title_zh": "",
        "publisher_en": "Liangjiang New Area",
        "publisher_zh": "",
        "url": "https://example.org/raffles",
        "document_en": "",
        "document_zh": "",
        "published_on": "2019-09-01",
    }
    assert response.json() == {
        "id": "CCI-2016-0001",
        "url": "http://testserver/api/v1/projects/CCI-2016-0001/",
        "public_url": "http://testserver/projects/CCI-2016-0001/",
        "slug": "raffles-city",
        "title_en": "Raffles City Chongqing",
        "title_zh": "重庆来福士",
        "summary_en": "A riverside complex of towers and a sky bridge.",
        "summary_zh": "",
        "description_en": "Offices, homes, a hotel and shops.",
        "description_zh": "",
        "status": "completion",
        "focus_area": "financial-services",
        "other_focus_areas": ["transport-logistics"],
        "scheme": "business",
        "zone": "fintech-zone",
        "district": "yuzhong",
        "latitude": None,
        "longitude": None,
        "location_precision": "",
        "participants": [
            {
                "organization": "capitaland",
                "name_en": "CapitaLand",
                "name_zh": "凯德集团",
                "country": "SG",
                "role": "investor",
            },
            {
                "organization": "yuzhong-government",
                "name_en": "Yuzhong District Government",
                "name_zh": "",
                "country": "CN",
                "role": "accountable",
            },
        ],
        "contract_amount": "24000000000.00",
        "currency": "CNY",
        "contract_amount_usd": "3400000000.00",
        "usd_rate": "0.141667",
        "usd_rate_date": "2012-01-01",
        "signed_date": "2016-01-01",
        "signed_date_precision": "year",
        "operation_start_date": "2019-09-06",
        "operation_start_date_precision": "day",
        "milestones": [
            {
                "date": "2019-09-06",
                "date_precision": "day",
                "title_en": "Opening",
                "title_zh": "开业",
                "source": source_json,
            }
        ],
        "sources": [source_json],
        "articles": ["raffles-city-opens"],
        "is_published": True,
        "created_at": stamp(raffles.created_at),
        "updated_at": stamp(raffles.updated_at),
    }


def test_the_list_shows_the_same_representation_in_pages(client, raffles):
    make_project(signed_date=date(2021, 5, 1))

    response = client.get("/api/v1/projects/")

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 2
    assert body["next"] is None
    assert body["previous"] is None
    assert [project["id"] for project in body["results"]] == ["CCI-2021-0001", "CCI-2016-0001"]
    assert body["results"][1] == client.get("/api/v1/projects/CCI-2016-0001/").json()


def test_drafts_are_invisible_to_anonymous_readers(client):
    make_project(title_en="Published", signed_date=date(2020, 1, 1))
    make_project(title_en="Draft", signed_date=date(2021, 1, 1), is_published=False)

    listing = client.get("/api/v1/projects/").json()
    draft = client.get("/api/v1/projects/CCI-2021-0001/")

    assert [project["title_en"] for project in listing["results"]] == ["Published"]
    assert draft.status_code == 404
    assert draft.json() == {"detail": "No project has the identifier “CCI-2021-0001”.", "errors": {}}


def test_draft_partners_zones_and_articles_stay_hidden_inside_a_published_project(client):
    draft_zone = make_zone(slug="draft-zone", is_published=False)
    draft_partner = make_organization(slug="draft-partner", is_published=False)
    partner = make_organization(slug="public-partner")
    project = make_project(zone=draft_zone, participants=[(draft_partner, "funding"), (partner, "implementing")])
    make_article(slug="draft-article", is_published=False).projects.add(project)
    make_article(slug="public-article").projects.add(project)

    body = client.get(f"/api/v1/projects/{project.public_id}/").json()

    assert body["zone"] is None
    assert [participant["organization"] for participant in body["participants"]] == ["public-partner"]
    assert body["articles"] == ["public-article"]


def test_staff_who_may_view_projects_see_drafts(client, viewer):
    make_project(title_en="Draft", is_published=False)
    client.force_authenticate(viewer)

    body = client.get("/api/v1/projects/").json()

    assert [(project["title_en"], project["is_published"]) for project in body["results"]] == [("Draft", False)]


def test_vocabularies_zones_organizations_figures_and_articles(client):
    district = make_district(slug="wushan", name_en="Wushan", name_zh="巫山县")
    zone = make_zone(
        slug="guoyuan-port",
        name_en="Guoyuan Port",
        kind=ZoneKind.PORT,
        focus_area=focus_area("transport-logistics"),
        district=district,
    )
    organization = make_organization(slug="nus", name_en="NUS", country="SG", kind=OrganizationKind.RESEARCH)
    source = make_source(title_en="Figures", publisher_en="CCI Bureau", url="https://example.org/figures")
    figure = make_figure(value=Decimal("44"), as_of=date(2019, 6, 30), source=source)
    project = make_project()
    article = make_article(slug="nus-institute", title_en="NUS opens an institute", published_on=date(2024, 3, 2))
    article.projects.add(project)
    article.organizations.add(organization)
    article.focus_areas.add(focus_area("ict"))

    assert client.get("/api/v1/focus-areas/ict/").json() == {
        "code": "ict",
        "url": "http://testserver/api/v1/focus-areas/ict/",
        "public_url": "http://testserver/focus-areas/ict/",
        "name_en": "Information and communications technology",
        "name_zh": "信息通信",
        "description_en": (
            "Data centres, the dedicated international data channel between the two cities, big-data parks "
            "and the digital economy built on them."
        ),
        "description_zh": (
            "数据中心、两地之间的国际互联网数据专用通道、大数据产业园区，以及在此基础上发展起来的数字经济。"
        ),
        "position": 4,
    }
    assert [row["code"] for row in client.get("/api/v1/schemes/").json()["results"]] == [
        "business",
        "agriculture",
        "talent",
        "culture-tourism",
    ]
    assert client.get("/api/v1/districts/wushan/").json() == {
        "slug": "wushan",
        "url": "http://testserver/api/v1/districts/wushan/",
        "public_url": "http://testserver/districts/wushan/",
        "name_en": "Wushan",
        "name_zh": "巫山县",
        "description_en": "",
        "description_zh": "",
        "latitude": None,
        "longitude": None,
    }
    assert client.get("/api/v1/zones/guoyuan-port/").json() == {
        "slug": "guoyuan-port",
        "url": "http://testserver/api/v1/zones/guoyuan-port/",
        "public_url": "http://testserver/zones/guoyuan-port/",
        "name_en": "Guoyuan Port",
        "name_zh": "",
        "kind": "port",
        "focus_area": "transport-logistics",
        "district": "wushan",
        "latitude": None,
        "longitude": None,
        "location_precision": "",
        "established_date": None,
        "established_date_precision": "day",
        "description_en": "",
        "description_zh": "",
        "is_published": True,
        "created_at": stamp(zone.created_at),
        "updated_at": stamp(zone.updated_at),
    }
    assert client.get("/api/v1/organizations/nus/").json() == {
        "slug": "nus",
        "url": "http://testserver/api/v1/organizations/nus/",
        "public_url": "http://testserver/organizations/nus/",
        "name_en": "NUS",
        "name_zh": "",
        "country": "SG",
        "kind": "research",
        "website": "",
        "established_date": None,
        "established_date_precision": "day",
        "description_en": "",
        "description_zh": "",
        "is_published": True,
        "created_at": stamp(organization.created_at),
        "updated_at": stamp(organization.updated_at),
    }
    assert client.get(f"/api/v1/reported-figures/{figure.pk}/").json() == {
        "id": figure.pk,
        "url": f"http://testserver/api/v1/reported-figures/{figure.pk}/",
        "label_en": "Projects signed in Liangjiang",
        "label_zh": "",
        "metric": "projects_signed",
        "value": "44.00",
        "unit": "count",
        "qualifier": "exact",
        "scope": "liangjiang",
        "share_percent": None,
        "share_scope": "",
        "counted_since": None,
        "counted_since_precision": "day",
        "as_of": "2019-06-30",
        "source": {
            "id": source.pk,
            "title_en": "Figures",
            "title_zh": "",
            "publisher_en": "CCI Bureau",
            "publisher_zh": "",
            "url": "https://example.org/figures",
            "document_en": "",
            "document_zh": "",
            "published_on": None,
        },
        "is_published": True,
        "created_at": stamp(figure.created_at),
        "updated_at": stamp(figure.updated_at),
    }
    assert client.get("/api/v1/articles/nus-institute/").json() == {
        "slug": "nus-institute",
        "url": "http://testserver/api/v1/articles/nus-institute/",
        "public_url": "http://testserver/news/nus-institute/",
        "title_en": "NUS opens an institute",
        "title_zh": "",
        "summary_en": "",
        "summary_zh": "",
        "body_en": "",
        "body_zh": "",
        "published_on": "2024-03-02",
        "category": "business",
        "source_name_en": "",
        "source_name_zh": "",
        "source_url": "",
        "source_published_on": None,
        "projects": [project.public_id],
        "focus_areas": ["ict"],
        "organizations": ["nus"],
        "is_published": True,
        "created_at": stamp(article.created_at),
        "updated_at": stamp(article.updated_at),
    }
