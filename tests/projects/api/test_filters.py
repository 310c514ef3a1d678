"""Every filter of every FilterSet of the registry, through the API, with the exact records it returns."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.http import QueryDict

from projects.choices import OrganizationKind, ZoneKind
from projects.filtersets import ProjectFilterSet
from projects.models import Organization, Project, ReportedFigure, Zone
from tests.api_client import titles, updated
from tests.factories import (
    focus_area,
    make_amount,
    make_district,
    make_figure,
    make_organization,
    make_project,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """Four published projects and a draft, each standing out in a few ways."""
    singapore_bank = make_organization(slug="sg-bank", name_en="Singapore Bank", country="SG")
    chongqing_airport = make_organization(slug="cq-airport", name_en="Chongqing Airport", country="CN")
    cq_university = make_organization(slug="cq-university", name_en="Chongqing University", country="CN")
    fintech_zone = make_zone(slug="fintech-zone")
    yuzhong = make_district(slug="yuzhong")
    yubei = make_district(slug="yubei")
    green_bond = make_project(
        title_en="Green bond channel",
        title_zh="绿色债券通道",
        focus_area=focus_area("financial-services"),
        scheme=scheme("business"),
        zone=fintech_zone,
        district=yuzhong,
        status="implementation",
        participants=[(singapore_bank, "investor")],
        signed_date=date(2019, 3, 1),
        **make_amount("100", "USD"),
    )
    aviation = make_project(
        title_en="Aviation materials centre",
        focus_area=focus_area("aviation"),
        district=yubei,
        status="preparation",
        participants=[(chongqing_airport, "operator")],
        signed_date=date(2020, 6, 15),
        **make_amount("3500", "CNY", "500"),
    )
    aviation.other_focus_areas.add(focus_area("transport-logistics"))
    data_channel = make_project(
        title_en="International data channel",
        summary_en="A channel carrying data between the two cities.",
        focus_area=focus_area("ict"),
        scheme=scheme("talent"),
        status="cancelled",
        participants=[(singapore_bank, "funding"), (cq_university, "implementing")],
        signed_date=date(2021, 1, 1),
    )
    cold_chain = make_project(
        title_en="Cold storage hub",
        title_zh="冷链物流基地",
        focus_area=focus_area("transport-logistics"),
        status="completion",
        signed_date=None,
        **make_amount("1000", "USD"),
    )
    make_project(title_en="Draft data centre", focus_area=focus_area("ict"), is_published=False)
    updated(Project, green_bond, datetime(2024, 1, 1, tzinfo=UTC))
    updated(Project, aviation, datetime(2024, 6, 1, tzinfo=UTC))
    updated(Project, data_channel, datetime(2025, 1, 1, tzinfo=UTC))
    updated(Project, cold_chain, datetime(2023, 1, 1, tzinfo=UTC))


GREEN, AVIATION, DATA, COLD = (
    "Green bond channel",
    "Aviation materials centre",
    "International data channel",
    "Cold storage hub",
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [DATA, AVIATION, GREEN, COLD]),
        ("focus_area=transport-logistics", [AVIATION, COLD]),
        ("focus_area=ict,aviation", [DATA, AVIATION]),
        ("focus_area=ict&focus_area=financial-services", [DATA, GREEN]),
        ("scheme=business", [GREEN]),
        ("scheme=talent", [DATA]),
        ("zone=fintech-zone", [GREEN]),
        ("district=yubei", [AVIATION]),
        ("status=implementation", [GREEN]),
        ("status=preparation,completion", [AVIATION, COLD]),
        ("status=implementation&status=cancelled", [DATA, GREEN]),
        ("organization=sg-bank", [DATA, GREEN]),
        ("organization=cq-airport", [AVIATION]),
        ("partner_country=CN", [DATA, AVIATION]),
        ("partner_country=sg", [DATA, GREEN]),
        ("partner_country=SG,CN", [DATA, AVIATION, GREEN]),
        ("partner_country=MY", []),
        ("signed_after=2020-01-01", [DATA, AVIATION]),
        ("signed_before=2020-06-15", [AVIATION, GREEN]),
        ("signed_after=2019-03-01&signed_before=2020-12-31", [AVIATION, GREEN]),
        ("amount_usd_min=500", [AVIATION, COLD]),
        ("amount_usd_max=500", [AVIATION, GREEN]),
        ("amount_usd_min=100.01&amount_usd_max=999.99", [AVIATION]),
        ("q=channel", [DATA, GREEN]),
        ("q=cities", [DATA]),
        ("q=%22bond+channel%22", [GREEN]),
        ("q=channel+-green", [DATA]),
        ("q=冷链", [COLD]),
        ("q=债券", [GREEN]),
        ("updated_since=2024-01-01T00:00:00Z", [DATA, AVIATION, GREEN]),
        ("updated_since=2024-06-01T08:00:00%2B08:00", [DATA, AVIATION]),
        ("updated_since=2024-06-01T08:00:00+08:00", [DATA, AVIATION]),
        ("ordering=amount_usd", [GREEN, AVIATION, COLD, DATA]),
        ("ordering=-amount_usd", [COLD, AVIATION, GREEN, DATA]),
        ("ordering=title", [AVIATION, COLD, GREEN, DATA]),
        ("ordering=-signed_date", [DATA, AVIATION, GREEN, COLD]),
        ("ordering=signed_date", [GREEN, AVIATION, DATA, COLD]),
        ("ordering=id", [GREEN, AVIATION, DATA, COLD]),
        ("ordering=-updated_at", [DATA, AVIATION, GREEN, COLD]),
        ("focus_area=transport-logistics&status=completion", [COLD]),
        ("q=channel&ordering=title", [GREEN, DATA]),
    ],
)
def test_project_filters(client, registry, query, expected):
    assert titles(client, f"/api/v1/projects/?{query}") == expected


def test_the_project_filterset_works_without_a_request_for_the_pages(registry):
    filterset = ProjectFilterSet(
        data=QueryDict("organization=sg-bank&status=cancelled"), queryset=Project.objects.published()
    )

    assert filterset.is_valid()
    assert [project.title_en for project in filterset.qs] == [DATA]


def test_filters_choose_among_the_records_the_reader_may_see(client, viewer):
    draft_partner = make_organization(slug="draft-partner", country="MY", is_published=False)
    make_project(title_en="With a draft partner", participants=[(draft_partner, "funding")])

    anonymous = client.get("/api/v1/projects/?organization=draft-partner")
    by_country = client.get("/api/v1/projects/?partner_country=MY")
    client.force_authenticate(viewer)
    staff = client.get("/api/v1/projects/?organization=draft-partner")

    assert anonymous.status_code == 400
    assert anonymous.json()["errors"] == {
        "organization": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert by_country.json()["count"] == 0
    assert [project["title_en"] for project in staff.json()["results"]] == ["With a draft partner"]


@pytest.fixture
def places():
    yuzhong = make_district(slug="yuzhong", name_en="Yuzhong", name_zh="渝中区")
    make_district(slug="wulong", name_en="Wulong", name_zh="武隆区")
    port = make_zone(
        slug="guoyuan-port",
        name_en="Guoyuan Port",
        name_zh="果园港",
        kind=ZoneKind.PORT,
        focus_area=focus_area("transport-logistics"),
        district=yuzhong,
    )
    park = make_zone(slug="big-data-park", name_en="Big Data Park", kind=ZoneKind.PARK, focus_area=focus_area("ict"))
    centre = make_zone(slug="aviation-centre", name_en="Aviation Centre", kind=ZoneKind.CENTRE)
    make_zone(slug="draft-zone", name_en="Draft Zone", kind=ZoneKind.PARK, is_published=False)
    updated(Zone, port, datetime(2024, 1, 1, tzinfo=UTC))
    updated(Zone, park, datetime(2025, 1, 1, tzinfo=UTC))
    updated(Zone, centre, datetime(2023, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Aviation Centre", "Big Data Park", "Guoyuan Port"]),
        ("q=port", ["Guoyuan Port"]),
        ("q=果园", ["Guoyuan Port"]),
        # Part of a name, in either language, and the list keeps its order by name.
        ("q=guo", ["Guoyuan Port"]),
        ("q=a", ["Aviation Centre", "Big Data Park", "Guoyuan Port"]),
        ("kind=park,centre", ["Aviation Centre", "Big Data Park"]),
        ("kind=port", ["Guoyuan Port"]),
        ("focus_area=ict", ["Big Data Park"]),
        ("district=yuzhong", ["Guoyuan Port"]),
        ("updated_since=2024-01-01T00:00:00Z", ["Big Data Park", "Guoyuan Port"]),
        ("ordering=-name", ["Guoyuan Port", "Big Data Park", "Aviation Centre"]),
        ("ordering=updated_at", ["Aviation Centre", "Guoyuan Port", "Big Data Park"]),
    ],
)
def test_zone_filters(client, places, query, expected):
    assert titles(client, f"/api/v1/zones/?{query}", key="name_en") == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Wulong", "Yuzhong"]),
        ("q=yu", ["Yuzhong"]),
        ("q=武隆", ["Wulong"]),
    ],
)
def test_district_filters(client, places, query, expected):
    assert titles(client, f"/api/v1/districts/?{query}", key="name_en") == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/focus-areas/?q=aviation", ["Aviation"]),
        ("/api/v1/focus-areas/?q=金融", ["Financial services"]),
        ("/api/v1/schemes/?q=talent", ["Talent training cooperation"]),
        ("/api/v1/schemes/?q=文化", ["Culture and tourism cooperation"]),
    ],
)
def test_vocabulary_filters(client, path, expected):
    assert titles(client, path, key="name_en") == expected


@pytest.fixture
def partners():
    bank = make_organization(name_en="Partner Bank", name_zh="伙伴银行", country="SG", kind=OrganizationKind.FINANCIAL)
    airport = make_organization(name_en="Airport Group", country="CN", kind=OrganizationKind.STATE_OWNED)
    institute = make_organization(name_en="Research Institute", country="MY", kind=OrganizationKind.RESEARCH)
    make_organization(name_en="Draft Partner", country="SG", is_published=False)
    updated(Organization, bank, datetime(2024, 1, 1, tzinfo=UTC))
    updated(Organization, airport, datetime(2025, 1, 1, tzinfo=UTC))
    updated(Organization, institute, datetime(2023, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Airport Group", "Partner Bank", "Research Institute"]),
        ("q=bank", ["Partner Bank"]),
        ("q=银行", ["Partner Bank"]),
        ("q=ban", ["Partner Bank"]),
        ("q=r", ["Airport Group", "Partner Bank", "Research Institute"]),
        ("country=sg,my", ["Partner Bank", "Research Institute"]),
        ("country=CN", ["Airport Group"]),
        ("kind=state_owned&kind=research", ["Airport Group", "Research Institute"]),
        ("updated_since=2024-01-01T00:00:00Z", ["Airport Group", "Partner Bank"]),
        ("ordering=country", ["Airport Group", "Research Institute", "Partner Bank"]),
        ("ordering=-updated_at", ["Airport Group", "Partner Bank", "Research Institute"]),
    ],
)
def test_organization_filters(client, partners, query, expected):
    assert titles(client, f"/api/v1/organizations/?{query}", key="name_en") == expected


@pytest.fixture
def figures():
    signed = make_figure(
        label_en="Projects signed", metric="projects_signed", value=Decimal("44"), as_of=date(2019, 6, 1)
    )
    amount = make_figure(
        label_en="Contract amount",
        label_zh="合同金额",
        metric="contract_amount",
        value=Decimal("10980000000"),
        unit="USD",
        as_of=date(2019, 6, 1),
    )
    enterprises = make_figure(
        label_en="Enterprises on the data channel",
        metric="enterprises",
        value=Decimal("50"),
        scope="programme",
        as_of=None,
    )
    make_figure(label_en="Draft figure", is_published=False)
    updated(ReportedFigure, signed, datetime(2024, 1, 1, tzinfo=UTC))
    updated(ReportedFigure, amount, datetime(2025, 1, 1, tzinfo=UTC))
    updated(ReportedFigure, enterprises, datetime(2023, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Contract amount", "Enterprises on the data channel", "Projects signed"]),
        ("q=channel", ["Enterprises on the data channel"]),
        ("q=金额", ["Contract amount"]),
        ("metric=projects_signed,enterprises", ["Enterprises on the data channel", "Projects signed"]),
        ("scope=programme", ["Enterprises on the data channel"]),
        ("unit=USD", ["Contract amount"]),
        ("updated_since=2024-01-01T00:00:00Z", ["Contract amount", "Projects signed"]),
        ("ordering=value", ["Projects signed", "Enterprises on the data channel", "Contract amount"]),
        ("ordering=-as_of", ["Projects signed", "Contract amount", "Enterprises on the data channel"]),
    ],
)
def test_reported_figure_filters(client, figures, query, expected):
    assert titles(client, f"/api/v1/reported-figures/?{query}", key="label_en") == expected
