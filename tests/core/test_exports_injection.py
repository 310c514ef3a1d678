"""No exported cell can run as a formula (core/spreadsheets.py): the API's CSV of every endpoint
and the admin's CSV and XLSX of every import/export admin put a quote before a text cell that
begins with = + - @ a tab or a carriage return; numbers of numeric fields stay numbers; and an
exported file imported back gives the same text."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from core.spreadsheets import neutralised, unguarded
from news.models import Article
from projects.models import District, FocusArea, Organization, Project, ReportedFigure, Scheme, Source, Zone
from tests.admin_client import CSV_FORMAT, PROJECT_COLUMNS, XLSX_FORMAT, confirm, export, preview, upload
from tests.api_client import csv_rows
from tests.factories import (
    make_article,
    make_district,
    make_figure,
    make_organization,
    make_project,
    make_source,
    make_staff,
    make_zone,
)

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example","x")'
GUARDED_HYPERLINK = "'" + HYPERLINK

# (text as stored, the cell as exported)
PAYLOADS = [
    (HYPERLINK, GUARDED_HYPERLINK),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"),
    ("-5+3", "'-5+3"),
    ("-5", "'-5"),  # a text field: text, even when it looks like a number
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("'=already guarded", "''=already guarded"),  # one more quote: the import takes one off
    ("'Belt and Road' forum", "'Belt and Road' forum"),  # a quote before plain text is left alone
    ("\nSecond line", "\nSecond line"),
    ("'\nquoted line", "''\nquoted line"),  # see the carriage return in core/spreadsheets.py
    ("Cost = 5 - 3 + tax @ 2%", "Cost = 5 - 3 + tax @ 2%"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "cell"), PAYLOADS)
def test_the_rule_guards_formulas_and_the_import_takes_the_guard_off(text, cell):
    assert neutralised(text) == cell
    assert unguarded(cell) == text


def test_a_guarded_carriage_return_read_back_as_a_line_feed_loses_its_guard():
    assert unguarded("'\n=1+1") == "\n=1+1"


# The API: every ?format=csv endpoint.


@pytest.mark.parametrize(("text", "cell"), PAYLOADS)
def test_the_api_csv_guards_every_kind_of_formula(client, text, cell):
    make_project(title_en=text)

    assert [row["title_en"] for row in csv_rows(client.get("/api/v1/projects/?format=csv"))] == [cell]


def _vocabulary(model, code):
    def make(**texts):
        model.objects.filter(code=code).update(**texts)

    return make


# (endpoint, how to make a record with the given texts, two of its text fields)
API_EXPORTS = [
    ("projects", make_project, "title_en", "summary_en"),
    ("organizations", make_organization, "name_en", "description_en"),
    ("zones", make_zone, "name_en", "description_en"),
    ("districts", make_district, "name_en", "name_zh"),
    ("focus-areas", _vocabulary(FocusArea, "ict"), "name_en", "description_en"),
    ("schemes", _vocabulary(Scheme, "business"), "name_en", "description_en"),
    ("reported-figures", make_figure, "label_en", "label_zh"),
    ("articles", make_article, "title_en", "body_en"),
]


@pytest.mark.parametrize(("endpoint", "make", "first", "second"), API_EXPORTS, ids=[e[0] for e in API_EXPORTS])
def test_every_api_export_guards_its_text_cells(client, endpoint, make, first, second):
    make(**{first: HYPERLINK, second: "-5+3"})

    rows = csv_rows(client.get(f"/api/v1/{endpoint}/?format=csv"))
    guarded = [(row[first], row[second]) for row in rows if row[first].startswith("'")]

    assert guarded == [(GUARDED_HYPERLINK, "'-5+3")]


def test_the_api_detail_csv_is_guarded_too(client):
    make_organization(slug="evil", name_en=HYPERLINK)

    assert csv_rows(client.get("/api/v1/organizations/evil/?format=csv"))[0]["name_en"] == GUARDED_HYPERLINK


def test_numbers_of_numeric_fields_stay_numbers_in_the_api_csv(client):
    make_district(slug="south", name_en="-5", latitude=Decimal("-33.86882"), longitude=Decimal("-70.5"))
    figure = make_figure(label_en="-1", value=Decimal("44"), share_percent=Decimal("12.5"))

    district = csv_rows(client.get("/api/v1/districts/?format=csv"))[0]
    reported = csv_rows(client.get("/api/v1/reported-figures/?format=csv"))[0]

    assert (district["name_en"], district["latitude"], district["longitude"]) == ("'-5", "-33.86882", "-70.50000")
    assert (reported["id"], reported["label_en"], reported["value"], reported["share_percent"]) == (
        str(figure.pk),
        "'-1",
        "44.00",
        "12.50",
    )


def test_list_cells_are_guarded_as_one_cell(client):
    project = make_project(title_en="Listed")
    make_article(slug="news-1", title_en="News").projects.add(project)
    make_zone(slug="zone-a", name_en="=1+1")

    zone = csv_rows(client.get("/api/v1/zones/?format=csv"))[0]

    assert zone["name_en"] == "'=1+1"
    assert csv_rows(client.get("/api/v1/projects/?format=csv"))[0]["articles"] == "news-1"


# The admin: every admin with import and export, in CSV and XLSX.


def _admin_cells(client, model, resource, columns, file_format):
    response = export(client, model, resource, columns, file_format=file_format)
    assert response.status_code == 200, response.content[:500]
    if file_format == CSV_FORMAT:
        return [tuple(row) for row in csv.reader(io.StringIO(response.content.decode("utf-8"), newline=""))][1:]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


# (model, how to make a record with the given texts, two of its text fields)
ADMIN_EXPORTS = [
    (Project, make_project, "title_en", "summary_en"),
    (Organization, make_organization, "name_en", "description_en"),
    (Zone, make_zone, "name_en", "description_en"),
    (District, make_district, "name_en", "name_zh"),
    (ReportedFigure, make_figure, "label_en", "label_zh"),
    (Source, make_source, "title_en", "publisher_en"),
    (Article, make_article, "title_en", "body_en"),
]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv", "xlsx"])
@pytest.mark.parametrize(
    ("model", "make", "first", "second"), ADMIN_EXPORTS, ids=[case[0].__name__ for case in ADMIN_EXPORTS]
)
def test_every_admin_export_guards_its_text_cells(client, model, make, first, second, file_format):
    make(**{first: HYPERLINK, second: "-5+3"})
    client.force_login(make_staff("viewer"))
    resource = f"{model.__name__.lower()}resource"

    assert _admin_cells(client, model, resource, [first, second], file_format) == [(GUARDED_HYPERLINK, "'-5+3")]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv", "xlsx"])
@pytest.mark.parametrize(("text", "cell"), PAYLOADS)
def test_the_admin_export_guards_every_kind_of_formula(client, text, cell, file_format):
    make_project(title_en=text or "x", title_zh=text)
    client.force_login(make_staff("viewer"))

    cells = _admin_cells(client, Project, "projectresource", ["title_zh"], file_format)

    if file_format == XLSX_FORMAT:
        # openpyxl writes through lxml, which keeps a carriage return (as &#13;); an empty cell
        # comes back as None.
        cell = cell or None
    assert cells == [(cell,)]


def test_numbers_of_numeric_fields_stay_numbers_in_the_admin_exports(client):
    make_district(slug="south", name_en="-5", latitude=Decimal("-33.86882"), longitude=Decimal("-70.5"))
    figure = make_figure(label_en="-1", value=Decimal("44"))
    client.force_login(make_staff("viewer"))
    columns = ["name_en", "latitude", "longitude"]

    assert _admin_cells(client, District, "districtresource", columns, CSV_FORMAT) == [
        ("'-5", "-33.86882", "-70.50000")
    ]
    assert _admin_cells(client, District, "districtresource", columns, XLSX_FORMAT) == [("'-5", -33.86882, -70.5)]
    assert _admin_cells(
        client, ReportedFigure, "reportedfigureresource", ["id", "label_en", "value"], XLSX_FORMAT
    ) == [(figure.pk, "'-1", 44)]


def test_an_xlsx_export_has_no_formula_cell(client):
    make_project(title_en=HYPERLINK, summary_en="=1+1", description_en="@A1")
    client.force_login(make_staff("viewer"))

    response = export(client, Project, "projectresource", PROJECT_COLUMNS, file_format=XLSX_FORMAT)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"] == []


def test_control_characters_a_workbook_cannot_hold_are_dropped_from_the_xlsx_only(client):
    make_project(title_en="Bell \x07 escape \x1b[31m", summary_en="\x01=1+1")
    client.force_login(make_staff("viewer"))
    columns = ["title_en", "summary_en"]

    assert _admin_cells(client, Project, "projectresource", columns, XLSX_FORMAT) == [("Bell  escape [31m", "'=1+1")]
    assert _admin_cells(client, Project, "projectresource", columns, CSV_FORMAT) == [
        ("Bell \x07 escape \x1b[31m", "\x01=1+1")
    ]


# Export, then import back: the guard comes off, so the texts are unchanged.


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(client, file_format):
    texts = [text for text, _cell in PAYLOADS if text]
    projects = [make_project(title_en=f"Project {n}", summary_en=text) for n, text in enumerate(texts)]
    client.force_login(make_staff("publisher"))
    exported = export(client, Project, "projectresource", PROJECT_COLUMNS, file_format=file_format).content
    Project.objects.update(summary_en="changed")

    name = "projects.csv" if file_format == CSV_FORMAT else "projects.xlsx"
    previewed = preview(client, Project, upload(name, exported), file_format)
    confirm(client, Project, previewed)

    assert previewed.context["result"].totals["update"] == len(texts)
    # A CSV's import reads any carriage return as a line feed, guarded or not (core/spreadsheets.py);
    # a workbook keeps it.
    assert [Project.objects.get(pk=project.pk).summary_en for project in projects] == [
        text.replace("\r", "\n") if file_format == CSV_FORMAT else text for text in texts
    ]


def test_a_hand_written_guard_is_taken_off_on_import(client):
    Organization.objects.all().delete()
    client.force_login(make_staff("editor"))
    columns = ["slug", "name_en", "country", "kind", "description_en", "is_published"]
    rows = ["slug,name_en,country,kind,description_en,is_published", "evil,'=1+1,SG,private,'-5+3,0"]

    confirm(client, Organization, preview(client, Organization, upload("o.csv", "\n".join(rows).encode())))

    assert list(Organization.objects.values_list(*columns[:2], "description_en")) == [("evil", "=1+1", "-5+3")]
