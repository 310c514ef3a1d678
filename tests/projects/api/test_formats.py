"""The registry's CSV with ?format=csv: the same records as the JSON, every matching row, lists flattened."""

from datetime import date

import pytest
from django.utils import timezone

from projects.models import Project
from tests.api_client import csv_rows
from tests.factories import focus_area, make_amount, make_article, make_organization, make_project, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    bank = make_organization(slug="bank", country="SG")
    port = make_organization(slug="port", country="CN")
    first = make_project(
        title_en="Cold chain, phase 1",
        title_zh="冷链一期",
        summary_en='Line one\nline two with "quotes"',
        focus_area=focus_area("transport-logistics"),
        participants=[(bank, "funding"), (port, "operator")],
        signed_date=date(2019, 5, 1),
        **make_amount("1200.50", "CNY", "170.25"),
    )
    first.other_focus_areas.add(focus_area("ict"), focus_area("aviation"))
    first.sources.add(make_source(url="https://example.org/a"), make_source(url="", document_en="Bureau file 12"))
    make_article(slug="cold-chain-news").projects.add(first)
    make_project(
        title_en="Data centre", focus_area=focus_area("ict"), status="preparation", signed_date=date(2020, 2, 2)
    )
    make_project(
        title_en="Cancelled hub", focus_area=focus_area("ict"), status="cancelled", signed_date=date(2021, 3, 3)
    )
    make_project(title_en="Draft", is_published=False)


@pytest.mark.parametrize("query", ["", "focus_area=ict", "status=preparation,cancelled&ordering=title", "q=chain"])
def test_csv_rows_match_the_json_results_for_the_same_filters(client, projects, query):
    json_results = client.get(f"/api/v1/projects/?{query}").json()["results"]
    response = client.get(f"/api/v1/projects/?{query}&format=csv")

    rows = csv_rows(response)
    assert [row["id"] for row in rows] == [project["id"] for project in json_results]
    for row, project in zip(rows, json_results, strict=True):
        assert row["title_en"] == project["title_en"]
        assert row["title_zh"] == project["title_zh"]
        assert row["summary_en"] == project["summary_en"]
        assert row["summary_zh"] == project["summary_zh"]
        assert row["status"] == project["status"]
        assert row["focus_area"] == project["focus_area"]
        assert row["other_focus_areas"] == "; ".join(project["other_focus_areas"])
        assert row["participants"] == "; ".join(
            f"{item['organization']}:{item['role']}:{item['country']}" for item in project["participants"]
        )
        assert row["contract_amount"] == (project["contract_amount"] or "")
        assert row["contract_amount_usd"] == (project["contract_amount_usd"] or "")
        assert row["signed_date"] == project["signed_date"]
        assert row["articles"] == "; ".join(project["articles"])
        assert row["public_url"] == project["public_url"]
        assert row["updated_at"] == project["updated_at"]


def test_a_csv_row_flattens_lists_and_keeps_text_intact(client, projects):
    response = client.get("/api/v1/projects/?format=csv&q=chain")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="projects.csv"'
    project = Project.objects.get(title_en="Cold chain, phase 1")
    assert csv_rows(response) == [
        {
            "id": "CCI-2019-0001",
            "title_en": "Cold chain, phase 1",
            "title_zh": "冷链一期",
            "summary_en": 'Line one\nline two with "quotes"',
            "summary_zh": "",
            "description_en": "",
            "description_zh": "",
            "status": "implementation",
            "focus_area": "transport-logistics",
            "other_focus_areas": "aviation; ict",
            "scheme": "",
            "zone": "",
            "district": "",
            "latitude": "",
            "longitude": "",
            "location_precision": "",
            "participants": "bank:funding:SG; port:operator:CN",
            "contract_amount": "1200.50",
            "currency": "CNY",
            "contract_amount_usd": "170.25",
            "usd_rate": "",
            "usd_rate_date": "",
            "signed_date": "2019-05-01",
            "signed_date_precision": "day",
            "operation_start_date": "",
            "operation_start_date_precision": "day",
            "sources": "https://example.org/a; Bureau file 12",
            "articles": "cold-chain-news",
            "public_url": "http://testserver/projects/CCI-2019-0001/",
            "is_published": "true",
            "created_at": timezone.localtime(project.created_at).isoformat(),
            "updated_at": timezone.localtime(project.updated_at).isoformat(),
        }
    ]


def test_csv_takes_every_matching_row(client, projects):
    rows = csv_rows(client.get("/api/v1/projects/?format=csv"))

    assert [row["title_en"] for row in rows] == ["Cancelled hub", "Data centre", "Cold chain, phase 1"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("page_size=1", "page_size"),
        ("page=2", "page"),
        ("cursor=", "cursor"),
        ("page=1&page_size=5", "page, page_size"),
    ],
)
def test_csv_refuses_paging_rather_than_ignoring_it(client, projects, query, names):
    response = client.get(f"/api/v1/organizations/?format=csv&{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == (
        f"CSV streams every matching record, so {names} does not apply: drop it, or page through JSON."
    )
    assert set(response.json()["errors"]) == set(names.split(", "))


def test_csv_is_chosen_by_the_accept_header_too(client, projects):
    response = client.get("/api/v1/projects/", HTTP_ACCEPT="text/csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(csv_rows(response)) == 3


@pytest.mark.parametrize(
    ("query", "key", "address"),
    [
        ("projects/?format=json", "id", "http://testserver/api/v1/projects/{}/"),
        ("organizations/?format=json", "slug", "http://testserver/api/v1/organizations/{}/"),
        ("organizations/?format=csv", "slug", "http://testserver/api/v1/organizations/{}/"),
        ("articles/?format=csv", "slug", "http://testserver/api/v1/articles/{}/"),
    ],
)
def test_record_addresses_never_carry_the_answers_own_format(client, projects, query, key, address):
    response = client.get(f"/api/v1/{query}")
    rows = csv_rows(response) if query.endswith("csv") else response.json()["results"]

    assert rows
    assert [row["url"] for row in rows] == [address.format(row[key]) for row in rows]
