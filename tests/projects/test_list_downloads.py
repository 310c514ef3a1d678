"""The downloads of the zones, partners and districts indexes: a CSV that Excel opens on a Chinese
Windows (UTF-8 with a byte-order mark) and a workbook, of the published records under the index's
filters, with the rows of the API's CSV (as the project list's downloads, tests/projects/test_downloads.py)."""

import csv
import io
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from projects.choices import OrganizationKind, ZoneKind
from tests.api_client import content
from tests.factories import focus_area, make_district, make_organization, make_staff, make_zone

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
FORMULA = '=HYPERLINK("http://evil.example","x")'
# Each index: its page, its API endpoint, the file name's stem and the workbook's sheet.
LISTS = {
    "zones": ("/zones/", "/api/v1/zones/", "zones", "Zones"),
    "organizations": ("/organizations/", "/api/v1/organizations/", "partners", "Partners"),
    "districts": ("/districts/", "/api/v1/districts/", "districts", "Districts"),
}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def directory():
    """Published zones, partners and districts with Chinese names and points; a formula-like name
    in each list; a draft zone and a draft partner."""
    yubei = make_district(
        slug="yubei",
        name_en="Yubei District",
        name_zh="渝北区",
        latitude=Decimal("29.71800"),
        longitude=Decimal("106.63100"),
    )
    make_district(slug="formula-district", name_en=FORMULA)
    make_zone(
        slug="guoyuan-port",
        name_en="Guoyuan Port",
        name_zh="果园港",
        kind=ZoneKind.PORT,
        focus_area=focus_area("transport-logistics"),
        district=yubei,
        latitude=Decimal("29.60600"),
        longitude=Decimal("106.57400"),
        location_precision="district",
    )
    make_zone(slug="formula-zone", name_en=FORMULA, kind=ZoneKind.PORT)
    make_zone(slug="draft-port", name_en="Draft Port", kind=ZoneKind.PORT, is_published=False)
    make_organization(slug="changi", name_en="Changi Airport Group", name_zh="樟宜机场集团", country="SG")
    make_organization(slug="formula-partner", name_en=FORMULA, country="SG")
    make_organization(slug="hidden", name_en="Hidden Partner", country="SG", is_published=False)


def slugs(response) -> list[str]:
    """The first column (the slug) of a downloaded CSV's rows."""
    return [row[0] for row in list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))[1:]]


def sheet_rows(response, sheet: str) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet]
    return list(workbook[sheet].iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        (
            "zones",
            "focus_area=transport-logistics&kind=port,zone",
            ["guoyuan-port", "lianglu-cuntan-bonded-area"],
        ),
        ("organizations", "country=SG&kind=government", ["government-of-singapore", "imda"]),
        ("districts", "q=Yubei", ["yubei"]),
    ],
)
def test_a_download_lists_exactly_the_filtered_published_records_of_the_demo(client, demo, name, query, expected):
    # Drafts that the filters would let through, and staff who see drafts in the API.
    make_zone(
        slug="draft-port",
        name_en="Draft Port",
        kind=ZoneKind.PORT,
        focus_area=focus_area("transport-logistics"),
        is_published=False,
    )
    make_organization(
        slug="draft-agency", name_en="Draft Agency", country="SG", kind=OrganizationKind.GOVERNMENT, is_published=False
    )
    client.force_login(make_staff("publisher"))
    page, _api, _stem, sheet = LISTS[name]

    csv_response = client.get(f"{page}download.csv?{query}")
    xlsx_response = client.get(f"{page}download.xlsx?{query}")

    assert slugs(csv_response) == expected
    assert [row[0] for row in sheet_rows(xlsx_response, sheet)[1:]] == expected


def test_drafts_are_never_downloaded(client, directory):
    client.force_login(make_staff("publisher"))

    api = slugs(client.get("/api/v1/zones/?format=csv&kind=port"))
    site = slugs(client.get("/zones/download.csv?kind=port"))
    workbook = [row[0] for row in sheet_rows(client.get("/zones/download.xlsx?kind=port"), "Zones")[1:]]

    assert api == ["formula-zone", "draft-port", "guoyuan-port"]
    assert site == workbook == ["formula-zone", "guoyuan-port"]
    assert "hidden" in slugs(client.get("/api/v1/organizations/?format=csv"))
    assert slugs(client.get("/organizations/download.csv")) == ["formula-partner", "changi"]


@pytest.mark.parametrize("name", LISTS)
def test_the_site_csv_is_the_api_csv_with_a_byte_order_mark(client, directory, name):
    page, api, stem, _sheet = LISTS[name]

    site = client.get(f"{page}download.csv")

    assert site.status_code == 200
    assert site["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert site["Content-Disposition"] == f'attachment; filename="cci-{stem}-{today}.csv"'
    assert site["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"; title="CC BY 4.0"'
    assert site.streaming
    site_bytes, api_bytes = content(site), content(client.get(f"{api}?format=csv"))
    assert site_bytes[:3] == BOM
    assert api_bytes[:3] != BOM
    assert site_bytes == BOM + api_bytes


@pytest.mark.parametrize(
    ("name", "chinese"), [("zones", "果园港"), ("organizations", "樟宜机场集团"), ("districts", "渝北区")]
)
def test_the_chinese_site_gives_the_same_file_with_the_chinese_names(client, directory, name, chinese):
    page, _api, _stem, sheet = LISTS[name]
    english = content(client.get(f"{page}download.csv"))
    response = client.get(f"/zh-hans{page}download.csv")

    assert response.status_code == 200
    assert content(response) == english
    assert chinese.encode() in english
    rows = sheet_rows(client.get(f"/zh-hans{page}download.xlsx"), sheet)
    assert chinese in {row[rows[0].index("name_zh")] for row in rows[1:]}


def test_the_workbook_has_the_csv_columns_and_typed_cells(client, directory):
    response = client.get("/zones/download.xlsx?kind=port")
    headers = next(csv.reader(io.StringIO(content(client.get("/zones/download.csv")).decode("utf-8-sig"))))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="cci-zones-{today}.xlsx"'
    header, formula, port = sheet_rows(response, "Zones")
    assert list(header) == headers
    cells = dict(zip(headers, port, strict=True))
    assert (cells["slug"], cells["name_en"], cells["name_zh"], cells["kind"]) == (
        "guoyuan-port",
        "Guoyuan Port",
        "果园港",
        "port",
    )
    assert (cells["focus_area"], cells["district"], cells["is_published"]) == ("transport-logistics", "yubei", "true")
    assert (cells["latitude"], cells["longitude"]) == (29.606, 106.574)
    assert cells["public_url"] == "http://testserver/zones/guoyuan-port/"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Zones"]
    assert sheet.cell(row=3, column=headers.index("latitude") + 1).data_type == "n"
    # A formula-like name is text with a guard, never a formula.
    assert dict(zip(headers, formula, strict=True))["name_en"] == "'" + FORMULA
    assert sheet.cell(row=2, column=headers.index("name_en") + 1).data_type == "s"


@pytest.mark.parametrize("name", LISTS)
def test_a_formula_like_name_is_guarded_in_both_files(client, directory, name):
    page, _api, _stem, sheet = LISTS[name]
    [formula] = [
        row
        for row in csv.DictReader(io.StringIO(content(client.get(f"{page}download.csv")).decode("utf-8-sig")))
        if row["slug"].startswith("formula-")
    ]
    rows = sheet_rows(client.get(f"{page}download.xlsx"), sheet)

    assert formula["name_en"] == "'" + FORMULA
    assert "'" + FORMULA in {row[rows[0].index("name_en")] for row in rows[1:]}


def test_the_district_points_are_numbers_in_the_workbook(client, directory):
    header, *rows = sheet_rows(client.get("/districts/download.xlsx"), "Districts")

    points = {row[0]: (row[header.index("latitude")], row[header.index("longitude")]) for row in rows}
    assert points == {"formula-district": (None, None), "yubei": (29.718, 106.631)}


def test_the_chinese_workbook_has_a_chinese_title(client, directory):
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/zh-hans/zones/download.xlsx").content))

    assert workbook.properties.title == "中新互联互通项目门户园区与平台清单"
    assert workbook.properties.description.endswith("来源：http://testserver/zh-hans/zones/")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/zones/download.csv?kind=harbour", "Kind: "),
        ("/zones/download.xlsx?focus_area=space", "Focus area: "),
        ("/organizations/download.csv?country=S1", "Country: “S1” is not an ISO 3166-1 alpha-2 country code"),
        ("/organizations/download.xlsx?kind=club", "Kind: "),
        ("/zones/download.csv?ordering=,name", "Ordering: “,name” has an empty sort field"),
    ],
)
def test_a_refused_filter_value_answers_400_naming_it(client, directory, path, message):
    response = client.get(path)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith(message)


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # The rows with their focus areas and districts; the focus area filter's choice is looked up once.
        ("/zones/download.csv?focus_area=transport-logistics", 1 + 1),
        ("/zones/download.xlsx?focus_area=transport-logistics", 1 + 1),
        ("/organizations/download.csv?country=SG", 1),
        ("/organizations/download.xlsx?country=SG", 1),
        ("/districts/download.csv", 1),
        ("/districts/download.xlsx", 1),
    ],
)
def test_a_download_takes_a_fixed_number_of_queries(client, directory, django_assert_num_queries, path, queries):
    for _ in range(5):
        district = make_district()
        make_zone(focus_area=focus_area("transport-logistics"), district=district)
        make_organization(country="SG")

    with django_assert_num_queries(queries):
        response = client.get(path)
        body = content(response)

    assert response.status_code == 200
    assert body


@pytest.mark.parametrize(
    ("page", "query", "link_query"),
    [
        ("/zh-hans/zones/", "kind=port&q=port&page=2", "kind=port&amp;q=port"),
        ("/zh-hans/organizations/", "country=SG&kind=private", "country=SG&amp;kind=private"),
        ("/zh-hans/districts/", "q=yubei", "q=yubei"),
        # A refused value is left out of the list, and of its downloads.
        ("/organizations/", "country=S1&kind=private", "kind=private"),
        ("/zones/", "", ""),
    ],
)
def test_each_index_page_links_both_downloads_with_its_filters(client, directory, page, query, link_query):
    html = client.get(f"{page}?{query}").content.decode()

    suffix = f"?{link_query}" if link_query else ""
    assert f'href="{page}download.csv{suffix}" data-testid="download-csv" download>' in html
    assert f'href="{page}download.xlsx{suffix}" data-testid="download-xlsx" download>' in html
