"""The news list's downloads: a CSV that Excel opens on a Chinese Windows (UTF-8 with a byte-order mark)
and a workbook, of the published articles under the list's filters, with the rows of the API's CSV
(as the project list's downloads, tests/projects/test_downloads.py)."""

import csv
import io
from datetime import date
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import ArticleCategory
from tests.api_client import content
from tests.factories import focus_area, make_article, make_organization, make_project, make_staff

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def articles():
    """Published articles, one with a Chinese title and links to a published and a draft project and
    partner, one with a formula-like title; a draft article."""
    published = make_project(title_en="Raffles City Chongqing")
    draft = make_project(title_en="Draft hub", is_published=False)
    changi = make_organization(slug="changi")
    hidden = make_organization(slug="hidden", is_published=False)
    port = make_article(
        slug="port-opens",
        title_en="Guoyuan Port opens",
        title_zh="果园港开港",
        published_on=date(2025, 6, 17),
        category=ArticleCategory.EVENTS,
    )
    port.projects.set([published, draft])
    port.organizations.set([changi, hidden])
    port.focus_areas.set([focus_area("transport-logistics")])
    make_article(slug="formula", title_en=FORMULA, published_on=date(2025, 1, 2))
    make_article(slug="draft-news", title_en="Draft news", published_on=date(2026, 1, 1), is_published=False)


def slugs(response) -> list[str]:
    """The first column (the slug) of a downloaded CSV's rows."""
    return [row[0] for row in list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))[1:]]


def sheet_rows(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["News"]
    return list(workbook["News"].iter_rows(values_only=True))


def test_a_download_lists_exactly_the_filtered_published_articles_of_the_demo(client, demo):
    make_article(slug="draft-aviation", category=ArticleCategory.BUSINESS, is_published=False).focus_areas.set(
        [focus_area("aviation")]
    )
    client.force_login(make_staff("publisher"))
    query = "category=business&focus_area=aviation"

    expected = ["liangjiang-counts-44-china-singapore-projects", "liangjiang-and-chongqing-airport-join-forces"]
    assert slugs(client.get(f"/news/download.csv?{query}")) == expected
    assert [row[0] for row in sheet_rows(client.get(f"/news/download.xlsx?{query}"))[1:]] == expected
    assert "draft-aviation" in slugs(client.get(f"/api/v1/articles/?format=csv&{query}"))


def test_the_site_csv_is_the_api_csv_with_a_byte_order_mark(client, articles):
    site = client.get("/news/download.csv")

    assert site.status_code == 200
    assert site["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert site["Content-Disposition"] == f'attachment; filename="cci-news-{today}.csv"'
    assert site["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"; title="CC BY 4.0"'
    assert site.streaming
    site_bytes, api_bytes = content(site), content(client.get("/api/v1/articles/?format=csv"))
    assert site_bytes[:3] == BOM
    assert api_bytes[:3] != BOM
    assert site_bytes == BOM + api_bytes
    assert "果园港开港".encode() in site_bytes


def test_drafts_are_never_downloaded_nor_the_drafts_an_article_names(client, articles):
    client.force_login(make_staff("publisher"))

    rows = list(csv.DictReader(io.StringIO(content(client.get("/news/download.csv")).decode("utf-8-sig"))))

    assert [row["slug"] for row in rows] == ["port-opens", "formula"]
    assert (rows[0]["projects"], rows[0]["organizations"], rows[0]["focus_areas"]) == (
        "CCI-2020-0001",
        "changi",
        "transport-logistics",
    )
    assert [row[0] for row in sheet_rows(client.get("/news/download.xlsx"))[1:]] == ["port-opens", "formula"]


def test_the_chinese_site_gives_the_same_file(client, articles):
    english = content(client.get("/news/download.csv"))
    chinese = client.get("/zh-hans/news/download.csv")

    assert chinese.status_code == 200
    assert content(chinese) == english
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/zh-hans/news/download.xlsx").content))
    assert workbook.properties.title == "中新互联互通项目门户新闻"


def test_the_workbook_has_the_csv_columns_and_guarded_text(client, articles):
    response = client.get("/news/download.xlsx")
    csv_rows = list(csv.reader(io.StringIO(content(client.get("/news/download.csv")).decode("utf-8-sig"))))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="cci-news-{today}.xlsx"'
    header, port, formula = sheet_rows(response)
    headers = csv_rows[0]
    assert list(header) == headers
    cells = dict(zip(headers, port, strict=True))
    assert (cells["title_en"], cells["title_zh"], cells["published_on"], cells["category"]) == (
        "Guoyuan Port opens",
        "果园港开港",
        "2025-06-17",
        "events",
    )
    assert cells["public_url"] == "http://testserver/news/port-opens/"
    # A formula-like title is text with a guard in both files, never a formula.
    assert dict(zip(headers, formula, strict=True))["title_en"] == "'" + FORMULA
    assert csv_rows[2][headers.index("title_en")] == "'" + FORMULA
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["News"]
    assert sheet.cell(row=3, column=headers.index("title_en") + 1).data_type == "s"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/news/download.csv?category=gossip", "Category: "),
        ("/news/download.xlsx?published_after=2025-13-01", "Published after: "),
        ("/news/download.csv?focus_area=space", "Focus area: "),
    ],
)
def test_a_refused_filter_value_answers_400_naming_it(client, articles, path, message):
    response = client.get(path)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith(message)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_download_takes_a_fixed_number_of_queries(client, articles, django_assert_num_queries, extension):
    for _ in range(5):
        article = make_article()
        article.projects.set([make_project()])
        article.organizations.set([make_organization()])
        article.focus_areas.set([focus_area("transport-logistics")])

    # The focus area filter's choices are looked up once; the articles, then their projects, focus
    # areas and partners, a query each.
    with django_assert_num_queries(1 + 1 + 3):
        response = client.get(f"/news/download.{extension}?focus_area=transport-logistics")
        body = content(response)

    assert response.status_code == 200
    assert body


@pytest.mark.parametrize(
    ("page", "query", "link_query"),
    [
        ("/zh-hans/news/", "category=events&page=2", "category=events"),
        ("/news/", "category=policy,business&focus_area=ict", "category=policy%2Cbusiness&amp;focus_area=ict"),
        # A refused value is left out of the list, and of its downloads.
        ("/news/", "category=gossip&focus_area=ict", "focus_area=ict"),
        ("/news/", "", ""),
    ],
)
def test_the_news_page_links_both_downloads_with_its_filters(client, articles, page, query, link_query):
    html = client.get(f"{page}?{query}").content.decode()

    suffix = f"?{link_query}" if link_query else ""
    assert f'href="{page}download.csv{suffix}" data-testid="download-csv" download>' in html
    assert f'href="{page}download.xlsx{suffix}" data-testid="download-xlsx" download>' in html
