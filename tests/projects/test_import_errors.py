"""An import's dry run lists its errors above the preview, each as row, column, value and message,
readable without hovering, with a CSV of them to download; in both languages."""

import csv
import io
import re
from urllib.parse import unquote

import pytest

from projects.models import Project
from tests.admin_client import csv_bytes, preview, upload
from tests.factories import make_organization, make_staff
from tests.projects.test_import import project_row

pytestmark = pytest.mark.django_db


def listed_errors(response) -> list[list[str]]:
    """The rows of the error list as a reader sees them."""
    table = re.search(r'<table data-testid="import-errors">(.*?)</table>', response.content.decode(), re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows
    ]


def downloaded_errors(response) -> list[list[str]]:
    href = re.search(
        r'href="(data:text/csv;charset=utf-8,[^"]*)" download="import-errors.csv"', response.content.decode()
    )
    return list(csv.reader(io.StringIO(unquote(href.group(1).split(",", 1)[1]).removeprefix("\ufeff"))))


@pytest.fixture
def bad_file():
    make_organization(slug="gds")
    rows = [
        project_row(slug="first", title_en="First"),
        project_row(slug="second", currency="RMB", status="finished"),
        project_row(slug="third", contract_amount="five"),
    ]
    return upload("projects.csv", csv_bytes(rows))


def test_every_error_is_listed_with_its_row_column_value_and_the_accepted_values(client, bad_file):
    client.force_login(make_staff("editor"))

    previewed = preview(client, Project, bad_file)

    statuses = "identification, preparation, implementation, completion, maintenance, decommissioning, decommissioned"
    assert "2 errors to correct" not in previewed.content.decode()
    assert "3 errors to correct" in previewed.content.decode()
    assert listed_errors(previewed) == [
        ["2", "status", "finished", f"“finished” is not one of the accepted values: {statuses}, cancelled."],
        ["2", "currency", "RMB", "“RMB” is not one of the accepted values: USD, CNY, SGD."],
        ["3", "contract_amount", "five", "“five” is not a number; write it like 1250000.50."],
    ]
    assert downloaded_errors(previewed) == [["Row", "Column", "Value", "Error"], *listed_errors(previewed)]
    assert Project.objects.count() == 0


def test_the_chinese_admin_lists_them_in_chinese(client, bad_file):
    client.force_login(make_staff("editor"))

    previewed = client.post(
        "/zh-hans/admin/projects/project/import/", {"resource": "0", "format": "0", "import_file": bad_file}
    )

    page = previewed.content.decode()
    assert "3 处错误需要更正" in page
    assert "以 CSV 下载错误列表" in page
    assert downloaded_errors(previewed)[0] == ["行", "列", "值", "错误"]
    assert listed_errors(previewed)[1][3] == "“RMB”不是可接受的值之一：USD、CNY、SGD。"
