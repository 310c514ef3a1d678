"""Export of the registry in the admin, in CSV and XLSX: the changelist as filtered and searched."""

import csv
import io

import openpyxl
import pytest

from projects.models import Project
from tests.admin_client import PROJECT_COLUMNS, XLSX_FORMAT, export
from tests.factories import make_organization, make_project, make_staff

pytestmark = pytest.mark.django_db

# The columns of tests/data/projects.csv, as the admin's export heads them: by their titles.
PROJECT_HEADERS = [
    "Identifier",
    "Slug",
    "Title (English)",
    "Title (Chinese)",
    "Summary (English)",
    "Summary (Chinese)",
    "Description (English)",
    "Description (Chinese)",
    "Status",
    "Primary focus area",
    "Other focus areas",
    "Scheme",
    "Zone",
    "District",
    "Participants",
    "Contract amount",
    "Currency",
    "Contract amount (USD)",
    "USD per unit of currency",
    "Rate date",
    "Signed",
    "Signed date precision",
    "Operation started",
    "Operation start date precision",
    "Published",
]


def test_the_export_gives_the_changelist_as_filtered(client):
    gds = make_organization(slug="gds", name_en="GDS")
    make_project(slug="live", title_en="Live project", is_published=True, participants=[(gds, "investor")])
    make_project(slug="draft", title_en="Draft project", is_published=False)
    client.force_login(make_staff("viewer"))

    response = export(client, Project, "projectresource", PROJECT_COLUMNS, query="?is_published__exact=1")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0].keys()) == PROJECT_HEADERS
    assert [(row["Identifier"], row["Slug"], row["Participants"], row["Published"]) for row in rows] == [
        ("CCI-2020-0001", "live", "gds:investor", "1")
    ]


def test_the_export_follows_the_search_too(client):
    make_project(slug="data-channel", title_en="Data channel", title_zh="数据通道")
    make_project(slug="cold-chain", title_en="Cold chain")
    client.force_login(make_staff("viewer"))

    response = export(client, Project, "projectresource", ["slug", "title_en"], query="?q=数据通道")

    assert response.content.decode("utf-8-sig").splitlines() == ["Slug,Title (English)", "data-channel,Data channel"]


def test_the_export_in_xlsx(client):
    make_project(slug="centre", title_en="Centre", title_zh="中心")
    client.force_login(make_staff("viewer"))

    response = export(client, Project, "projectresource", ["slug", "title_zh"], file_format=XLSX_FORMAT)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Slug", "Title (Chinese)"],
        ["centre", "中心"],
    ]
