"""Public pages of the registry: project pages and the pages of focus areas, schemes,
zones, districts and organizations."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User

from projects.choices import ParticipantRole, ProjectStatus
from projects.models import Milestone
from tests.factories import (
    focus_area,
    make_amount,
    make_article,
    make_district,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db


def texts(html: str, testid: str) -> list[str]:
    """The visible text of every element carrying ``data-testid``."""
    found = re.findall(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", inner).split()) for _, inner in found]


@pytest.fixture
def raffles():
    capitaland = make_organization(name_en="CapitaLand Group", name_zh="凯德集团", country="SG")
    liangjiang = make_organization(name_en="Liangjiang New Area", country="CN", kind="government")
    hidden = make_organization(name_en="Draft partner", is_published=False)
    project = make_project(
        title_en="Raffles City Chongqing",
        title_zh="重庆来福士",
        summary_en="A waterfront complex by CapitaLand.",
        focus_area=None,
        scheme=scheme("business"),
        zone=make_zone(name_en="Yuzhong riverside"),
        district=make_district(name_en="Yuzhong", name_zh="渝中区"),
        signed_date=date(2021, 1, 1),
        signed_date_precision="year",
        participants=[
            (capitaland, ParticipantRole.INVESTOR),
            (liangjiang, ParticipantRole.ACCOUNTABLE),
            (hidden, ParticipantRole.OPERATOR),
        ],
        **make_amount("24000000000", "CNY", usd="3600000000"),
        usd_rate=Decimal("0.15"),
        usd_rate_date=date(2021, 10, 26),
    )
    project.sources.add(make_source(title_en="Connectivity initiative upgraded", published_on=date(2021, 10, 26)))
    Milestone.objects.create(project=project, date=date(2019, 1, 1), date_precision="year", title_en="Opened")
    article = make_article(title_en="Raffles City in the news")
    article.projects.add(project)
    draft_article = make_article(title_en="Unpublished story", is_published=False)
    draft_article.projects.add(project)
    return project


def test_project_page_shows_every_field(client, raffles):
    html = client.get(raffles.get_absolute_url()).content.decode()

    assert texts(html, "public-id") == [raffles.public_id]
    assert '<h1 id="project-title">Raffles City Chongqing</h1>' in html
    assert texts(html, "status") == ["Implementation"]
    assert texts(html, "amount") == [
        "CNY 24.00 billion ≈ US$3.60 billion (at 0.15 USD per CNY, rate of Oct. 26, 2021)"
    ]
    assert texts(html, "partner") == [
        "CapitaLand Group Investor Singapore",
        "Liangjiang New Area Government counterpart China",
    ]
    assert texts(html, "milestone") == ["2019 Opened", "2021 Signed"]
    assert texts(html, "timeline-now") == ["Now Implementation"]
    assert texts(html, "related-article") == ["Raffles City in the news"]
    assert "Connectivity initiative upgraded" in html
    assert texts(html, "json-link") == ["This record as JSON"]
    assert f'href="/api/v1/projects/{raffles.public_id}/"' in html


def test_the_timeline_puts_now_between_the_past_and_the_future(client):
    project = make_project(signed_date=date(2024, 3, 15), status=ProjectStatus.PREPARATION)
    Milestone.objects.create(project=project, date=date(2099, 6, 1), title_en="Operations start")
    Milestone.objects.create(project=project, date=date(2024, 5, 1), title_en="Groundbreaking")

    html = client.get(project.get_absolute_url()).content.decode()

    items = re.findall(r'<li (?:class="now" )?data-testid="(milestone|timeline-now)">(.*?)</li>', html, re.S)
    assert [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for _kind, text in items] == [
        "March 15, 2024 Signed",
        "May 1, 2024 Groundbreaking",
        "Now Preparation",
        "June 1, 2099 Operations start",
    ]


def test_project_page_in_chinese_shows_chinese_names(client, raffles):
    html = client.get(f"/zh-hans/projects/{raffles.public_id}/").content.decode()
    assert '<h1 id="project-title">重庆来福士</h1>' in html
    assert '<html lang="zh-Hans">' in html
    assert "凯德集团" in html
    assert '<p class="alt-name" lang="en">Raffles City Chongqing</p>' in html
    assert texts(html, "amount") == ["240.00亿元 ≈ 36.00亿美元 （按 2021年10月26日 汇率 1 CNY = 0.15 美元折算）"]


def test_draft_project_page_is_a_404_for_the_public_and_a_preview_for_staff(client, raffles):
    raffles.is_published = False
    raffles.save()
    assert client.get(raffles.get_absolute_url()).status_code == 404

    staff = User.objects.create_user("viewer", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_project"))
    client.force_login(staff)
    response = client.get(raffles.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: not visible to the public." in response.content.decode()


def test_unknown_project_is_a_404_in_the_site_style(client):
    response = client.get("/projects/CCI-1999-0001/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("path", ["/projects/%00/", "/zh-hans/projects/%00/", "/projects/CCI-19-1/", "/projects/x'y/"])
def test_malformed_identifiers_are_a_404(client, path):
    assert client.get(path).status_code == 404


def test_a_draft_zone_or_partner_is_not_shown_on_a_published_project(client):
    project = make_project(
        zone=make_zone(name_en="Unannounced zone", is_published=False),
        participants=[(make_organization(name_en="Unannounced partner", is_published=False), "funding")],
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Unannounced zone" not in html
    assert "Unannounced partner" not in html


def test_project_page_runs_a_fixed_number_of_queries(client, raffles, django_assert_num_queries):
    # The project and its six prefetches (7), the change log's versions and partners (2); the
    # locator is drawn from the project itself.
    with django_assert_num_queries(9) as first:
        client.get(raffles.get_absolute_url())
    for n in range(5):
        raffles.participations.create(organization=make_organization(), role=ParticipantRole.FUNDING, position=5 + n)
        make_article().projects.add(raffles)
        Milestone.objects.create(project=raffles, date=date(2020, 1, n + 1), title_en=f"Step {n}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(raffles.get_absolute_url())


def test_focus_area_page_lists_its_projects_and_totals(client):
    aviation = focus_area("aviation")
    make_project(title_en="Bonded aviation materials", focus_area=aviation, **make_amount("100000000", "USD"))
    also = make_project(title_en="Airport logistics", focus_area=focus_area("transport-logistics"))
    also.other_focus_areas.add(aviation)
    make_project(title_en="Cancelled hangar", focus_area=aviation, status=ProjectStatus.CANCELLED)
    make_project(title_en="Draft", focus_area=aviation, is_published=False, **make_amount("5", "USD"))
    make_project(title_en="Elsewhere", focus_area=focus_area("ict"))

    html = client.get("/focus-areas/aviation/").content.decode()

    # Listed: every published project in the area, cancelled too; counted: all but cancelled.
    assert re.findall(r'class="project-title">(.*?)</a>', html) == [
        "Bonded aviation materials",
        "Airport logistics",
        "Cancelled hangar",
    ]
    assert texts(html, "total-projects") == ["2"]
    assert texts(html, "total-amount") == ["US$100.00 million"]


@pytest.mark.parametrize(
    ("kind", "build_url"),
    [
        ("scheme", lambda p: p.scheme.get_absolute_url()),
        ("zone", lambda p: p.zone.get_absolute_url()),
        ("district", lambda p: p.district.get_absolute_url()),
        ("organization", lambda p: p.participants.first().get_absolute_url()),
    ],
)
def test_group_pages_list_their_published_projects(client, kind, build_url):
    zone, district, partner = make_zone(), make_district(), make_organization()
    common = {"scheme": scheme("agriculture"), "zone": zone, "district": district}
    shown = make_project(
        title_en="Shown", participants=[(partner, "funding")], **common, **make_amount("2500000", "SGD", "1850000")
    )
    make_project(title_en="Hidden", participants=[(partner, "funding")], is_published=False, **common)

    html = client.get(build_url(shown)).content.decode()

    assert re.findall(r'class="project-title">(.*?)</a>', html) == ["Shown"]
    assert texts(html, "total-projects") == ["1"]
    assert texts(html, "total-amount") == ["US$1.85 million"]


def test_unpublished_zone_and_organization_pages_are_404(client):
    assert client.get(make_zone(is_published=False).get_absolute_url()).status_code == 404
    assert client.get(make_organization(is_published=False).get_absolute_url()).status_code == 404
    assert client.get("/focus-areas/space/").status_code == 404


def test_group_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    zone = make_zone()
    make_project(zone=zone)
    # The group, its totals, the page of projects, their further areas; the registry's version,
    # then the map's counts by district, its districts and its points, kept under it until a
    # record changes.
    with django_assert_num_queries(8) as first:
        client.get(zone.get_absolute_url())
    with django_assert_num_queries(5):
        client.get(zone.get_absolute_url())
    for _ in range(10):
        make_project(zone=zone).other_focus_areas.add(focus_area("ict"))
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(zone.get_absolute_url())


def test_english_only_text_is_marked_as_english_on_chinese_pages(client):
    project = make_project(
        title_en="Port hub", title_zh="港口枢纽", summary_en="Rail meets river.", description_en="Details."
    )
    chinese = client.get(f"/zh-hans/projects/{project.public_id}/").content.decode()
    english = client.get(f"/projects/{project.public_id}/").content.decode()
    assert '<p class="lead" lang="en">Rail meets river.</p>' in chinese
    assert '<div lang="en"><p>Details.</p></div>' in chinese
    assert '<p class="lead">Rail meets river.</p>' in english


def test_draft_project_page_is_hidden_from_the_public(client):
    draft = make_project(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    shown = make_project(title_en="Guoyuan Port hub")
    response = client.get(shown.get_absolute_url())
    assert response.status_code == 200
    assert "Guoyuan Port hub" in response.content.decode()
