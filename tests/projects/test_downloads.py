"""The project list's downloads: a CSV that Excel opens on a Chinese Windows (UTF-8 with a byte-order
mark) and a workbook, of the listed projects under the list's filters, with the API CSV's rows."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from projects.api.views import PROJECT_CSV_COLUMNS
from tests.api_client import content
from tests.factories import focus_area, make_amount, make_organization, make_project, make_staff

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
HEADERS = [header for header, _value in PROJECT_CSV_COLUMNS]


@pytest.fixture
def registry():
    port = make_organization(slug="cq-port", name_en="Chongqing Port", name_zh="重庆港", country="CN")
    make_project(
        title_en="Raffles City Chongqing",
        title_zh="重庆来福士",
        focus_area=focus_area("transport-logistics"),
        participants=[(port, "operator")],
        signed_date=date(2019, 5, 1),
        **make_amount("1200.50", "CNY", "170.25"),
    )
    make_project(title_en='=HYPERLINK("http://evil.example","x")', focus_area=focus_area("ict"))
    make_project(title_en="Data centre", focus_area=focus_area("ict"), status="preparation")
    make_project(title_en="Draft hub", focus_area=focus_area("ict"), is_published=False)


def public_ids(csv_text: str) -> list[str]:
    return [line.split(",", 1)[0] for line in csv_text.splitlines()[1:]]


def sheet_rows(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Projects"]
    return list(workbook["Projects"].iter_rows(values_only=True))


def test_the_site_csv_has_a_byte_order_mark_and_the_api_csv_none(client, registry):
    site = client.get("/projects/download.csv")
    api = client.get("/api/v1/projects/?format=csv")

    assert site.status_code == 200
    assert site["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert site["Content-Disposition"] == f'attachment; filename="cci-projects-{today}.csv"'
    assert site.streaming
    site_bytes, api_bytes = content(site), content(api)
    assert site_bytes[:3] == BOM
    assert api_bytes[:3] != BOM
    assert api_bytes.startswith(b"id,")
    # The same rows as the API's CSV, byte for byte, after the mark; the Chinese in UTF-8.
    assert site_bytes == BOM + api_bytes
    assert "重庆来福士".encode() in site_bytes


def test_the_chinese_site_gives_the_same_file(client, registry):
    english = content(client.get("/projects/download.csv"))
    chinese = client.get("/zh-hans/projects/download.csv")

    assert chinese.status_code == 200
    assert content(chinese) == english
    assert client.get("/zh-hans/projects/download.xlsx").status_code == 200


def test_the_downloads_follow_the_filters_and_the_ordering(client, registry):
    csv_text = content(client.get("/projects/download.csv?focus_area=ict&ordering=title")).decode("utf-8-sig")
    rows = sheet_rows(client.get("/projects/download.xlsx?focus_area=ict&ordering=title"))

    assert public_ids(csv_text) == ["CCI-2020-0001", "CCI-2020-0002"]
    assert [row[0] for row in rows[1:]] == ["CCI-2020-0001", "CCI-2020-0002"]
    assert public_ids(content(client.get("/projects/download.csv?status=preparation")).decode("utf-8-sig")) == [
        "CCI-2020-0002"
    ]
    assert public_ids(content(client.get("/projects/download.csv?q=nothing-matches")).decode("utf-8-sig")) == []


def test_drafts_are_never_downloaded_even_by_staff_who_see_them_in_the_api(client, registry):
    client.force_login(make_staff("publisher"))

    api_ids = public_ids(content(client.get("/api/v1/projects/?format=csv&ordering=title")).decode())
    csv_ids = public_ids(content(client.get("/projects/download.csv?ordering=title")).decode("utf-8-sig"))
    xlsx_ids = [row[0] for row in sheet_rows(client.get("/projects/download.xlsx?ordering=title"))[1:]]

    draft = "CCI-2020-0003"
    assert draft in api_ids
    assert csv_ids == xlsx_ids == [identifier for identifier in api_ids if identifier != draft]
    assert csv_ids == ["CCI-2020-0001", "CCI-2020-0002", "CCI-2019-0001"]


def test_the_workbook_has_the_csv_columns_and_typed_cells(client, registry):
    response = client.get("/projects/download.xlsx?ordering=title")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="cci-projects-{today}.xlsx"'
    header, formula, _centre, raffles = sheet_rows(response)
    assert list(header) == HEADERS
    cells = dict(zip(HEADERS, raffles, strict=True))
    assert (cells["id"], cells["title_en"], cells["title_zh"]) == (
        "CCI-2019-0001",
        "Raffles City Chongqing",
        "重庆来福士",
    )
    assert (cells["contract_amount"], cells["currency"], cells["contract_amount_usd"]) == (1200.5, "CNY", 170.25)
    assert (cells["participants"], cells["signed_date"], cells["is_published"]) == (
        "cq-port:operator:CN",
        "2019-05-01",
        "true",
    )
    assert cells["public_url"] == "http://testserver/projects/CCI-2019-0001/"
    # A formula-like title is text with a guard, never a formula.
    formula_cells = dict(zip(HEADERS, formula, strict=True))
    assert formula_cells["title_en"] == '\'=HYPERLINK("http://evil.example","x")'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Projects"]
    assert sheet.cell(row=2, column=HEADERS.index("title_en") + 1).data_type == "s"
    assert Decimal(str(cells["contract_amount"])) == Decimal("1200.50")


def test_a_formula_like_title_is_guarded_in_the_csv(client, registry):
    csv_text = content(client.get("/projects/download.csv?focus_area=ict&ordering=title")).decode("utf-8-sig")

    [formula, _centre] = csv.DictReader(io.StringIO(csv_text))
    assert formula["title_en"] == '\'=HYPERLINK("http://evil.example","x")'


def test_a_refused_filter_value_answers_400_naming_it(client, registry):
    for path in ("/projects/download.csv?status=finished", "/projects/download.xlsx?status=finished"):
        response = client.get(path)

        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode().startswith("Status: ")


@pytest.mark.parametrize("path", ["/projects/download.csv", "/projects/download.xlsx"])
def test_a_download_takes_a_fixed_number_of_queries(client, registry, django_assert_num_queries, path):
    # The rows with their focus areas, zone and articles, then partners, milestones and sources;
    # the focus area filter's choice is looked up once.
    for _ in range(5):
        make_project(participants=[(make_organization(), "investor")], focus_area=focus_area("ict"))

    with django_assert_num_queries(1 + 1 + 3):
        response = client.get(f"{path}?focus_area=ict")
        body = content(response)

    assert response.status_code == 200
    assert body


def test_the_list_page_links_both_downloads_with_its_filters(client, registry):
    html = client.get("/zh-hans/projects/?status=preparation&ordering=title").content.decode()

    assert 'href="/zh-hans/projects/download.csv?status=preparation&amp;ordering=title"' in html
    assert 'href="/zh-hans/projects/download.xlsx?status=preparation&amp;ordering=title"' in html


def test_the_same_rows_give_the_same_workbook(client, registry):
    first = client.get("/projects/download.xlsx").content

    assert client.get("/projects/download.xlsx").content == first
