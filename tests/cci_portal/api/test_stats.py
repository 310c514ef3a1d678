"""Counts and US-dollar totals, by the documented counting rule, beside the reported figures; cached until
the registry changes, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest

from projects.completeness import FACT_KEYS
from projects.models import Organization
from tests.api_client import bodies_of_2_and_50_rows, full_projects
from tests.factories import focus_area, make_amount, make_figure, make_organization, make_project, make_source, scheme

pytestmark = pytest.mark.django_db


def row(code, name_en, name_zh, projects, amount):
    return {"code": code, "name_en": name_en, "name_zh": name_zh, "projects": projects, "amount_usd": amount}


@pytest.fixture
def registry():
    bank = make_organization(slug="bank", country="SG")
    airport = make_organization(slug="airport", country="CN")
    draft_partner = make_organization(slug="draft", country="MY", is_published=False)
    make_project(
        status="implementation",
        focus_area=focus_area("financial-services"),
        scheme=scheme("business"),
        signed_date=date(2019, 4, 1),
        participants=[(bank, "investor")],
        **make_amount("100"),
    )
    aviation = make_project(
        status="preparation",
        focus_area=focus_area("aviation"),
        signed_date=date(2020, 4, 1),
        participants=[(airport, "operator"), (bank, "funding"), (bank, "investor")],
        **make_amount("1400", "CNY", "200"),
    )
    aviation.other_focus_areas.add(focus_area("transport-logistics"))
    make_project(
        status="cancelled",
        focus_area=focus_area("ict"),
        scheme=scheme("business"),
        signed_date=date(2020, 9, 1),
        participants=[(bank, "funding")],
        **make_amount("1000"),
    )
    make_project(
        status="completion",
        focus_area=focus_area("transport-logistics"),
        scheme=scheme("talent"),
        signed_date=None,
        participants=[(draft_partner, "funding")],
    )
    make_project(status="implementation", is_published=False, **make_amount("5000"))


def test_stats_follow_the_counting_rule(client, registry):
    figure = make_figure(
        label_en="Contract amount signed in Liangjiang",
        metric="contract_amount",
        value=Decimal("10980000000"),
        unit="USD",
        qualifier="exact",
        as_of=date(2019, 6, 30),
        source=make_source(
            title_en="Bureau report", publisher_en="CCI Chongqing Bureau", url="https://example.org/report"
        ),
    )
    make_figure(label_en="Draft figure", is_published=False)

    body = client.get("/api/v1/stats/").json()

    assert body["counting_rule"].startswith(
        "Published projects only. Cancelled projects are left out of every count and total"
    )
    assert body["currency"] == "USD"
    assert body["totals"] == {"projects": 3, "projects_with_amount": 2, "amount_usd": "300.00"}
    assert body["by_focus_area"] == [
        row("financial-services", "Financial services", "金融服务", 1, "100.00"),
        row("aviation", "Aviation", "航空", 1, "200.00"),
        row("transport-logistics", "Transport and logistics", "交通物流", 2, "200.00"),
        row("ict", "Information and communications technology", "信息通信", 0, "0.00"),
    ]
    assert body["by_scheme"] == [
        row("business", "Business cooperation", "商务合作", 1, "100.00"),
        row("agriculture", "Agricultural cooperation", "农业合作", 0, "0.00"),
        row("talent", "Talent training cooperation", "人才培训合作", 1, "0.00"),
        row("culture-tourism", "Culture and tourism cooperation", "文化旅游合作", 0, "0.00"),
    ]
    assert body["by_signing_year"] == [
        {"year": 2019, "projects": 1, "amount_usd": "100.00"},
        {"year": 2020, "projects": 1, "amount_usd": "200.00"},
        {"year": None, "projects": 1, "amount_usd": "0.00"},
    ]
    assert body["by_partner_country"] == [
        {"country": "SG", "projects": 2, "amount_usd": "300.00"},
        {"country": "CN", "projects": 1, "amount_usd": "200.00"},
    ]
    assert body["by_status"] == [
        {"status": "identification", "projects": 0, "amount_usd": "0.00", "counted": True},
        {"status": "preparation", "projects": 1, "amount_usd": "200.00", "counted": True},
        {"status": "implementation", "projects": 1, "amount_usd": "100.00", "counted": True},
        {"status": "completion", "projects": 1, "amount_usd": "0.00", "counted": True},
        {"status": "maintenance", "projects": 0, "amount_usd": "0.00", "counted": True},
        {"status": "decommissioning", "projects": 0, "amount_usd": "0.00", "counted": True},
        {"status": "decommissioned", "projects": 0, "amount_usd": "0.00", "counted": True},
        {"status": "cancelled", "projects": 1, "amount_usd": "1000.00", "counted": False},
    ]
    assert body["reported_figures"] == [client.get(f"/api/v1/reported-figures/{figure.pk}/").json()]
    assert body["reported_figures"][0]["source"]["title_en"] == "Bureau report"
    assert body["reported_figures"][0]["as_of"] == "2019-06-30"


def test_stats_take_the_project_filters(client, registry):
    body = client.get("/api/v1/stats/?focus_area=transport-logistics").json()

    assert body["totals"] == {"projects": 2, "projects_with_amount": 1, "amount_usd": "200.00"}
    assert [(r["code"], r["projects"]) for r in body["by_focus_area"]] == [
        ("financial-services", 0),
        ("aviation", 1),
        ("transport-logistics", 2),
        ("ict", 0),
    ]


def test_stats_refuse_unknown_parameters(client, registry):
    response = client.get("/api/v1/stats/?year=2020")

    assert response.status_code == 400
    assert response.json()["errors"] == {"year": ["Unknown query parameter."]}


def test_an_empty_registry_has_zero_totals(client):
    body = client.get("/api/v1/stats/").json()

    assert body["totals"] == {"projects": 0, "projects_with_amount": 0, "amount_usd": "0.00"}
    assert body["by_signing_year"] == []
    assert body["by_partner_country"] == []
    assert body["reported_figures"] == []
    assert body["completeness"] == {
        "projects": 0,
        "mean": 0,
        "facts": [{"fact": key, "projects": 0} for key in FACT_KEYS],
    }


def test_stats_say_how_complete_the_matching_projects_are(client, registry):
    # The aviation project is signed and has partners from both countries (its yuan amount has no
    # rate); the one completed has none of the facts: 2 of 6 and 0 of 6, 17% on average.
    body = client.get("/api/v1/stats/?focus_area=transport-logistics").json()
    held = {"signed_date": 1, "partners": 1}
    assert body["completeness"] == {
        "projects": 2,
        "mean": 17,
        "facts": [{"fact": key, "projects": held.get(key, 0)} for key in FACT_KEYS],
    }


def test_cached_statistics_follow_a_partner_withdrawn_and_a_focus_area_link(client):
    partner = make_organization(country="SG")
    project = make_project(focus_area=focus_area("ict"), participants=[(partner, "funding")])
    first = client.get("/api/v1/stats/").json()
    assert [row["country"] for row in first["by_partner_country"]] == ["SG"]
    assert {row["code"]: row["projects"] for row in first["by_focus_area"]}["aviation"] == 0

    Organization.objects.filter(pk=partner.pk).update(is_published=False)
    project.other_focus_areas.add(focus_area("aviation"))
    again = client.get("/api/v1/stats/").json()

    assert again["by_partner_country"] == []
    assert {row["code"]: row["projects"] for row in again["by_focus_area"]}["aviation"] == 1


def test_a_list_runs_as_many_queries_for_2_rows_as_for_50(client, django_assert_num_queries):
    small, large = bodies_of_2_and_50_rows(
        client,
        django_assert_num_queries,
        path="/api/v1/stats/",
        add=full_projects,
        queries=9,  # and the projects' completeness
    )

    assert len(large) > len(small)
