"""The Chinese admin's exports: headed by the fields' Chinese titles, vocabulary values by their
Chinese names, and read back by the import with no change; the English admin's keep the codes."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from news.models import Article
from projects.models import Organization, Project
from projects.resources import ProjectResource
from tests.admin_client import CSV_FORMAT, XLSX_FORMAT, admin_url
from tests.core.test_chinese_admin import chinese_registry, in_chinese
from tests.factories import focus_area, make_article, make_organization, make_staff

pytestmark = pytest.mark.django_db


def export_in(language: str, client, columns, file_format: str) -> bytes:
    """Press Export on the project changelist of the admin in ``language``: the file's bytes."""
    with translation.override(language):
        url = admin_url(Project, "export")
    data = {"format": file_format, "resource": "0", **{f"projectresource_{column}": "on" for column in columns}}
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def sheet_rows(content: bytes, file_format: str) -> list[list]:
    if file_format == CSV_FORMAT:
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def header_row(content: bytes, file_format: str) -> list[str]:
    return sheet_rows(content, file_format)[0]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv", "xlsx"])
def test_an_export_is_headed_by_the_chinese_verbose_names(client, file_format):
    chinese_registry()
    client.force_login(make_staff("viewer"))
    columns = ["public_id", "title_en", "title_zh", "status", "focus_area", "scheme", "zone", "district"]

    exported = export_in("zh-hans", client, [*columns, "participants", "is_published"], file_format)

    assert header_row(exported, file_format) == [
        "标识符",
        "标题（英文）",
        "标题（中文）",
        "状态",
        "主要重点领域",
        "合作计划",
        "园区",
        "区县",
        "参与方",
        "已发布",
    ]
    # Vocabulary values by their Chinese names: the status, focus area, scheme, zone, district and role.
    assert sheet_rows(exported, file_format)[1][3:9] == [
        "实施",
        "航空",
        "商务合作",
        "空港园区",
        "渝北区",
        "sia:投资方",
    ]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv", "xlsx"])
def test_the_english_export_keeps_the_codes(client, file_format):
    chinese_registry()
    client.force_login(make_staff("viewer"))
    columns = ["status", "focus_area", "scheme", "zone", "district", "participants"]

    rows = sheet_rows(export_in("en", client, columns, file_format), file_format)

    assert rows[1] == ["implementation", "aviation", "business", "airport-park", "yubei", "sia:investor"]


def test_an_organization_and_an_article_exported_in_chinese_import_back_with_no_change(client):
    from news.resources import ArticleResource
    from projects.resources import OrganizationResource

    make_organization(slug="psa", name_en="PSA", country="SG", kind="state_owned")
    article = make_article(slug="hub-news", category="policy")
    article.focus_areas.set([focus_area("aviation"), focus_area("ict")])
    client.force_login(make_staff("publisher"))
    for model, resource, expected in (
        (Organization, OrganizationResource, {"country": "新加坡", "kind": "国有企业"}),
        (Article, ArticleResource, {"category": "政策", "focus_areas": "航空;信息通信"}),
    ):
        columns = list(resource().fields)
        with translation.override("zh-hans"):
            url = admin_url(model, "export")
        prefix = resource.__name__.lower()
        content = client.post(url, {"format": CSV_FORMAT, "resource": "0", **{f"{prefix}_{c}": "on" for c in columns}})
        _header, row = sheet_rows(content.content, CSV_FORMAT)
        cells = dict(zip(resource().get_export_headers(), row, strict=True))
        assert {column: cells[column] for column in expected} == expected
        preview = client.post(
            in_chinese(model, "import"),
            {"resource": "0", "format": CSV_FORMAT, "import_file": SimpleUploadedFile("file.csv", content.content)},
        )
        result = preview.context["result"]
        assert not result.has_errors() and not result.has_validation_errors()
        assert dict(result.totals)["skip"] == 1 and dict(result.totals)["update"] == 0


def test_the_export_form_names_the_columns_by_their_titles(client):
    client.force_login(make_staff("viewer"))

    form = client.get(in_chinese(Project, "export")).context["form"]

    labels = {name: str(form.fields[f"projectresource_{name}"].label) for name in ("public_id", "title_en", "zone")}
    assert labels == {"public_id": "标识符", "title_en": "标题（英文）", "zone": "园区"}


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv", "xlsx"])
@pytest.mark.parametrize("exported_in", ["zh-hans", "en"], ids=["chinese-headers", "english-headers"])
def test_an_export_imports_back_with_no_change(client, file_format, exported_in):
    project = chinese_registry()
    client.force_login(make_staff("publisher"))
    columns = [name for name, field in ProjectResource().fields.items()]
    exported = export_in(exported_in, client, columns, file_format)
    name = "projects." + ("csv", "xlsx")[int(file_format)]

    response = client.post(
        in_chinese(Project, "import"),
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, exported)},
    )

    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    # The row is the record as it is: skipped, as an unchanged row is reported.
    assert dict(result.totals) == {"new": 0, "update": 0, "delete": 0, "skip": 1, "error": 0, "invalid": 0}
    diff = " ".join(str(cell) for row in result.valid_rows() for cell in row.diff)
    assert "<ins" not in diff and "<del" not in diff  # the preview shows no change
    assert "机库" in diff and "sia:investor" in diff
    assert project.history.count() == 1  # a dry run
