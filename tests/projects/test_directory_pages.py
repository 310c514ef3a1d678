"""The index pages of zones, partners and districts: each published record with the count and
total of its published projects by the counting rule, filters, pages, breadcrumbs and the sitemap."""

import re

import pytest
from django.test import Client
from django.utils import translation

from projects.choices import OrganizationKind, ParticipantRole, ProjectStatus, ZoneKind
from tests.factories import make_amount, make_district, make_organization, make_project, make_zone

pytestmark = pytest.mark.django_db


def rows(html: str) -> list[list[str]]:
    """The directory table's rows as the reader sees their cells."""
    found = re.findall(r'<tr data-testid="directory-row">(.*?)</tr>', html, re.S)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in found
    ]


def text(html: str, testid: str) -> str:
    inner = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</', html, re.S).group(1)
    return " ".join(inner.split())


@pytest.fixture
def directory():
    """Two published zones and a draft one; partners in China and Singapore, one in two roles of a
    project, one draft; projects published, cancelled and draft."""
    yubei = make_district(slug="yubei", name_en="Yubei", name_zh="渝北区")
    jiangbei = make_district(slug="jiangbei", name_en="Jiangbei", name_zh="江北区")
    airport = make_zone(
        slug="airport-zone", name_en="Airport Zone", name_zh="空港新城", kind=ZoneKind.ZONE, district=yubei
    )
    port = make_zone(slug="guoyuan-port", name_en="Guoyuan Port", name_zh="果园港", kind=ZoneKind.PORT)
    make_zone(slug="draft-zone", name_en="Draft Zone", is_published=False)
    changi = make_organization(slug="changi", name_en="Changi Airport Group", name_zh="樟宜机场集团", country="SG")
    liangjiang = make_organization(
        slug="liangjiang", name_en="Liangjiang Group", country="CN", kind=OrganizationKind.STATE_OWNED
    )
    make_organization(slug="hidden", name_en="Hidden Partner", is_published=False)
    make_project(
        zone=airport,
        district=yubei,
        participants=[
            (changi, ParticipantRole.INVESTOR),
            (changi, ParticipantRole.OPERATOR),
            (liangjiang, ParticipantRole.ACCOUNTABLE),
        ],
        **make_amount("1200000000", "USD"),
    )
    make_project(
        zone=airport, district=yubei, participants=[(changi, ParticipantRole.INVESTOR)], **make_amount("300000000")
    )
    make_project(
        zone=airport,
        district=yubei,
        status=ProjectStatus.CANCELLED,
        participants=[(changi, ParticipantRole.INVESTOR)],
        **make_amount("999000000"),
    )
    make_project(
        zone=port,
        district=jiangbei,
        is_published=False,
        participants=[(liangjiang, ParticipantRole.INVESTOR)],
        **make_amount("50000000"),
    )
    make_project(zone=port, district=jiangbei, participants=[(liangjiang, ParticipantRole.OPERATOR)])


def test_the_zones_index_lists_published_zones_with_their_counted_projects(client, directory):
    response = client.get("/zones/")
    html = response.content.decode()
    assert response.status_code == 200
    assert text(html, "record-count") == "2 zones"
    assert rows(html) == [
        ["Airport Zone", "Demonstration zone", "Yubei", "2", "US$1.50 billion"],
        ["Guoyuan Port", "Port", "—", "1", "—"],
    ]
    assert "Draft Zone" not in html


def test_the_partners_index_counts_a_project_once_whatever_the_roles(client, directory):
    html = client.get("/organizations/").content.decode()
    assert rows(html) == [
        ["Changi Airport Group", "Singapore", "Private enterprise", "2", "US$1.50 billion"],
        ["Liangjiang Group", "China", "State-owned enterprise", "2", "US$1.20 billion"],
    ]
    assert "Hidden Partner" not in html
    options = re.findall(
        r'<option value="(\w*)"[^>]*>([^<]*)</option>', html.split('name="country"')[1].split("</select>")[0]
    )
    assert options == [("", "All countries"), ("CN", "China"), ("SG", "Singapore")]


def test_the_partners_index_filters_by_country_and_kind(client, directory):
    assert [row[0] for row in rows(client.get("/organizations/?country=CN").content.decode())] == ["Liangjiang Group"]
    html = client.get("/organizations/?kind=private").content.decode()
    assert [row[0] for row in rows(html)] == ["Changi Airport Group"]
    assert text(html, "record-count") == "1 partner"
    assert [row[0] for row in rows(client.get("/organizations/?q=changi").content.decode())] == [
        "Changi Airport Group"
    ]


def test_a_bad_filter_answers_400_with_a_message_and_the_whole_list(client, directory):
    response = client.get("/organizations/?kind=pirate")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice. pirate is not one of the available choices." in text(html, "notices").replace(
        "&quot;", '"'
    )
    assert [row[0] for row in rows(html)] == ["Changi Airport Group", "Liangjiang Group"]


def test_the_districts_index_in_chinese(directory):
    translation.activate("zh-hans")
    html = Client().get("/zh-hans/districts/").content.decode()
    assert rows(html) == [["江北区", "1", "—"], ["渝北区", "2", "15.00亿美元"]]
    assert text(html, "record-count") == "2 个区县"


def test_a_page_of_50_costs_the_same_queries_for_2_records_or_60(client, directory, django_assert_num_queries):
    with django_assert_num_queries(3):  # the countries of the filter, the count, the page with its figures
        client.get("/organizations/")
    for n in range(58):
        make_organization(slug=f"partner-{n:02}", name_en=f"Partner {n:02}")
    with django_assert_num_queries(3):
        html = client.get("/organizations/?page=2").content.decode()
    assert len(rows(html)) == 10
    assert text(html, "record-count") == "60 partners"
    with django_assert_num_queries(2):
        client.get("/zones/")
    with django_assert_num_queries(2):
        client.get("/districts/")


def test_directory_records_link_back_to_their_index(client, directory):
    crumbs = {
        "/zones/airport-zone/": '<a href="/zones/">Zones</a>',
        "/organizations/changi/": '<a href="/organizations/">Partners</a>',
        "/districts/yubei/": '<a href="/districts/">Districts</a>',
    }
    for path, crumb in crumbs.items():
        nav = client.get(path).content.decode().split('aria-label="Breadcrumbs">')[1].split("</nav>")[0]
        assert crumb in nav, path


def test_the_indexes_are_in_the_sitemap_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/zones/", "/organizations/", "/districts/"):
        assert f"<loc>http://testserver{path}</loc>" in xml
        assert f'hreflang="zh-hans" href="http://testserver/zh-hans{path}"' in xml
