"""Statistics, about, data, robots.txt, sitemap.xml and the site frame (language switch, SEO tags)."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from projects.choices import ParticipantRole, ProjectStatus
from tests.factories import (
    focus_area,
    make_amount,
    make_article,
    make_figure,
    make_organization,
    make_project,
    make_source,
    scheme,
)

pytestmark = pytest.mark.django_db


def table_rows(html: str, testid: str) -> list[tuple[str, ...]]:
    block = re.search(rf'data-testid="table-{testid}">(.*?)</table>', html, re.S)
    assert block, f"no table {testid}"
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", block.group(1), re.S)[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append(tuple(" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells))
    return rows


@pytest.fixture
def registry():
    singapore, china = make_organization(country="SG"), make_organization(country="CN")
    other_chinese = make_organization(country="CN")
    make_project(
        focus_area=focus_area("aviation"),
        signed_date=date(2019, 5, 1),
        participants=[
            (singapore, ParticipantRole.INVESTOR),
            (china, ParticipantRole.ACCOUNTABLE),
            (other_chinese, ParticipantRole.IMPLEMENTING),
        ],
        **make_amount("300000000", "USD"),
    )
    second = make_project(
        focus_area=focus_area("transport-logistics"),
        scheme=scheme("business"),
        signed_date=date(2021, 2, 1),
        participants=[(china, ParticipantRole.IMPLEMENTING)],
        **make_amount("13500000", "SGD", usd="10000000"),
    )
    second.other_focus_areas.add(focus_area("aviation"))
    make_project(
        focus_area=focus_area("aviation"),
        status=ProjectStatus.CANCELLED,
        signed_date=date(2021, 5, 1),
        **make_amount("999000000", "USD"),
    )
    make_project(focus_area=focus_area("ict"), is_published=False, **make_amount("5", "USD"))
    make_figure(
        label_en="Projects signed in Liangjiang",
        value=Decimal("44"),
        share_percent=Decimal("24"),
        share_scope="chongqing",
        source=make_source(publisher_en="Liangjiang New Area", url="https://english.liangjiang.gov.cn/"),
    )


def test_stats_page_tables_follow_the_counting_rule(client, registry):
    html = client.get("/stats/").content.decode()

    assert table_rows(html, "focus-area") == [
        ("Financial services", "0", "—"),
        ("Aviation", "2", "US$310.00 million"),
        ("Transport and logistics", "1", "US$10.00 million"),
        ("Information and communications technology", "0", "—"),
    ]
    assert table_rows(html, "year") == [("2019", "1", "US$300.00 million"), ("2021", "1", "US$10.00 million")]
    assert table_rows(html, "country") == [
        ("China", "2", "US$310.00 million"),
        ("Singapore", "1", "US$300.00 million"),
    ]
    assert table_rows(html, "status")[1:3] == [
        ("Preparation", "0", "—"),
        ("Implementation", "2", "US$310.00 million"),
    ]
    assert table_rows(html, "status")[-1] == ("Cancelled (not counted in totals)", "1", "US$999.00 million")
    assert re.search(r'data-testid="total-projects">2<', html)
    assert re.search(r'data-testid="total-amount">US\$310.00 million<', html)


def test_stats_charts_are_accessible_svg(client, registry):
    html = client.get("/stats/").content.decode()
    chart = re.search(
        r'<svg class="bar-chart" role="img" aria-labelledby="focus-area-count-title focus-area-count-desc"'
        r".*?</svg>",
        html,
        re.S,
    ).group(0)
    assert '<title id="focus-area-count-title">By focus area: number of projects</title>' in chart
    assert "Aviation: 2." in chart
    assert chart.count('<rect class="bar"') == 4


def test_stats_page_shows_reported_figures_with_source(client, registry):
    html = client.get("/stats/").content.decode()
    figure = re.search(r'data-testid="reported-figure">(.*?)</li>', html, re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", figure).split())
    assert (
        text
        == "44 Projects signed in Liangjiang (24% of Chongqing) Liangjiang New Area , date not stated by the source"
    )
    assert "Why the two differ" in html


def test_stats_page_runs_a_fixed_number_of_queries(client, registry, django_assert_num_queries):
    # The site's version (the page's cache key), the registry's version, six breakdowns, the
    # registry's completeness, the figures; then, until a record changes, the page from the cache
    # for the site's version.
    with django_assert_num_queries(10):
        client.get("/stats/")
    with django_assert_num_queries(1):
        client.get("/stats/")
    for n in range(10):
        make_project(
            signed_date=date(2000 + n, 1, 1), participants=[(make_organization(country=f"A{chr(65 + n)}"), "funding")]
        )
    with django_assert_num_queries(10):
        client.get("/stats/")
    with django_assert_num_queries(1):
        client.get("/stats/")


def test_about_and_data_pages(client, registry):
    about = client.get("/about/").content.decode()
    assert "Four focus areas" in about and "Culture and tourism cooperation" in about
    data = client.get("/data/").content.decode()
    assert "Totals leave out cancelled projects; every other status counts." in data
    assert 'href="https://english.liangjiang.gov.cn/"' in data
    assert 'href="/api/v1/docs/"' in data


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /search/",
        "Disallow: /zh-hans/search/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_sitemap_lists_published_pages_in_both_languages(client):
    shown = make_project()
    hidden = make_project(is_published=False)
    article = make_article()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    assert f"http://testserver/projects/{shown.public_id}/" in locations
    assert f"http://testserver/zh-hans/projects/{shown.public_id}/" in locations
    assert f"http://testserver/news/{article.slug}/" in locations
    assert "http://testserver/focus-areas/aviation/" in locations
    assert not [loc for loc in locations if hidden.public_id in loc]


def test_pages_carry_canonical_and_open_graph_tags(client):
    project = make_project(title_en="Guoyuan Port hub", summary_en="Rail, river and road in one place.")
    html = client.get(f"{project.get_absolute_url()}?utm_source=x").content.decode()
    assert f'<link rel="canonical" href="http://testserver/projects/{project.public_id}/">' in html
    assert '<meta property="og:title" content="Guoyuan Port hub">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="Rail, river and road in one place.">' in html
    assert f'hreflang="zh-hans" href="http://testserver/zh-hans/projects/{project.public_id}/"' in html


def test_language_switcher_keeps_the_page_and_its_query(client):
    html = client.get("/projects/?status=implementation").content.decode()
    assert 'href="/zh-hans/projects/?status=implementation"' in html
    chinese = client.get("/zh-hans/projects/?status=implementation").content.decode()
    assert 'href="/projects/?status=implementation"' in chinese
    assert 'data-testid="language-zh-hans">简体中文<' in html


def test_interface_strings_are_translated_on_chinese_pages(client):
    make_project(focus_area=focus_area("aviation"), **make_amount("3600000000", "USD"))
    html = client.get("/zh-hans/").content.decode()
    nav = re.search(r'<ul class="nav-list">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r">([^<>\s][^<>]*)</a>", nav) == ["项目", "统计", "新闻", "关于", "数据"]
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", html)[2:4] == ["四大重点领域", "四项合作计划"]
    assert re.search(r'data-testid="total-amount-usd">36.00亿美元<', html)
    assert (
        'data-testid="focus-area-aviation">\n        <h3><a href="/zh-hans/focus-areas/aviation/">航空</a></h3>'
        in html
    )


def test_error_pages_are_in_the_site_style(client, rf):
    from cci_portal.views import server_error

    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "<h1>Page not found</h1>" in missing.content.decode()
    assert 'class="site-header"' in missing.content.decode()

    broken = server_error(rf.get("/"))
    assert broken.status_code == 500
    html = broken.content.decode()
    assert "Something went wrong" in html and "出错了" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
