"""The admin's import reads what Excel saves: UTF-8 (with or without a byte-order mark) and GB18030
(GBK, Chinese Excel's plain CSV), and refuses anything else saying which encodings it reads; a file
exported from the admin (CSV with a byte-order mark, or XLSX) imports back unchanged."""

from datetime import date
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.utils import translation

from core.admin import NOT_TEXT_MESSAGE
from projects.models import Organization, Project
from projects.resources import OrganizationResource, ProjectResource
from tests.admin_client import CSV_FORMAT, XLSX_FORMAT, confirm, csv_bytes, export, invalid_rows, preview, upload
from tests.factories import focus_area, make_amount, make_organization, make_project, make_source, make_staff, scheme

pytestmark = pytest.mark.django_db

ORGANIZATION_COLUMNS = [
    "slug",
    "name_en",
    "name_zh",
    "country",
    "kind",
    "website",
    "description_en",
    "description_zh",
    "is_published",
]
CHONGQING = {
    "slug": "cq-raffles",
    "name_en": "Raffles City Chongqing",
    "name_zh": "重庆来福士",
    "country": "cn",
    "kind": "private",
    "description_zh": "朝天门，两江交汇处。\n第二行",
}
MESSAGE = (
    "This file is not UTF-8 or GB18030 (GBK) text. Save it from Excel as “CSV UTF-8”, "
    "or as CSV in the Chinese (GBK) encoding."
)


def organization_csv(encoding: str, *, line_end: str = "\n") -> bytes:
    text = csv_bytes([CHONGQING], ORGANIZATION_COLUMNS).decode("utf-8")
    return text.replace("\n", line_end).encode(encoding)


def other_encoding_csv(encoding: str, name_zh: str, name_en: str = "Partner") -> bytes:
    """A one-row organizations file in an encoding the import does not read, which GB18030 would
    decode all the same (into other characters)."""
    return f"slug,name_en,name_zh,country,kind\nother,{name_en},{name_zh},CN,private\n".encode(encoding)


def import_file(client, model, content: bytes, file_format: str = CSV_FORMAT, name: str = "file.csv"):
    """Preview then confirm ``content``; gives the preview."""
    previewed = preview(client, model, upload(name, content), file_format)
    assert previewed.status_code == 200
    assert invalid_rows(previewed) == []
    assert "confirm_form" in previewed.context, previewed.context["form"].errors
    confirmed = confirm(client, model, previewed)
    assert confirmed.status_code == 302
    return previewed


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("gb18030", "\r\n"), ("gbk", "\n")],
    ids=["utf-8", "utf-8-bom-crlf", "gb18030-crlf", "gbk"],
)
def test_utf8_and_gb18030_files_import_the_right_chinese(client, encoding, line_end):
    client.force_login(make_staff("editor"))
    content = organization_csv(encoding, line_end=line_end)
    if encoding == "utf-8-sig":
        assert content.startswith(b"\xef\xbb\xbf")
    if encoding in ("gb18030", "gbk"):
        assert "重庆来福士".encode("gbk") in content
        with pytest.raises(UnicodeDecodeError):
            content.decode("utf-8")

    import_file(client, Organization, content)

    organization = Organization.objects.get()
    assert (organization.slug, organization.name_en, organization.name_zh, organization.country) == (
        "cq-raffles",
        "Raffles City Chongqing",
        "重庆来福士",
        "CN",
    )
    assert organization.description_zh == "朝天门，两江交汇处。\n第二行"


def test_a_gbk_project_file_imports_its_chinese_title(client):
    focus_area("ict")
    client.force_login(make_staff("editor"))
    row = {"slug": "raffles", "title_en": "Raffles City", "title_zh": "重庆来福士", "focus_area": "ict"}
    columns = ["public_id", "slug", "title_en", "title_zh", "status", "focus_area", "is_published"]
    content = csv_bytes([{**row, "status": "completion", "is_published": "0"}], columns).decode().encode("gbk")

    import_file(client, Project, content)

    assert list(Project.objects.values_list("slug", "title_en", "title_zh", "status", "is_published")) == [
        ("raffles", "Raffles City", "重庆来福士", "completion", False)
    ]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(organization_csv("utf-16"), id="utf-16-with-bom"),
        pytest.param(organization_csv("utf-16-le"), id="utf-16-le-without-bom"),
        pytest.param(organization_csv("utf-16-be"), id="utf-16-be-without-bom"),
        pytest.param(bytes(range(256)) * 4, id="binary"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="a-picture"),
        pytest.param(other_encoding_csv("big5", "重慶來福士，合作"), id="big5"),
        pytest.param(other_encoding_csv("shift_jis", "東京タワー"), id="shift-jis"),
        pytest.param(other_encoding_csv("cp1252", "", name_en="Café Zürich"), id="windows-1252"),
    ],
)
def test_other_files_are_refused_naming_the_encodings_read(client, content):
    client.force_login(make_staff("editor"))

    previewed = preview(client, Organization, upload("organizations.csv", content))

    assert previewed.status_code == 200
    assert previewed.context["form"].errors == {"import_file": [MESSAGE]}
    assert "result" not in previewed.context
    assert "Save it from Excel as “CSV UTF-8”" in previewed.text
    assert Organization.objects.count() == 0


def test_the_refusal_is_in_chinese_on_the_chinese_admin():
    with translation.override("zh-hans"):
        chinese = str(NOT_TEXT_MESSAGE)

    assert chinese != MESSAGE
    assert "UTF-8" in chinese
    assert "GB18030" in chinese


def test_an_admin_csv_export_has_a_byte_order_mark(client):
    make_organization(slug="psa", name_zh="新加坡港务集团")
    client.force_login(make_staff("editor"))

    exported = export(client, Organization, "organizationresource", ORGANIZATION_COLUMNS).content

    assert exported.startswith(b"\xef\xbb\xbf")
    assert "新加坡港务集团".encode() in exported


@pytest.fixture
def registry():
    """Projects and organizations with everything a round trip could lose: Chinese, line breaks,
    formula-like text, amounts, lists of areas, partners and sources, drafts."""
    port = make_organization(slug="cq-port", name_en="Chongqing Port", name_zh="重庆港", country="CN")
    bank = make_organization(
        slug="dbs",
        name_en="=DBS+1",
        name_zh="星展银行",
        country="SG",
        kind="financial",
        website="https://www.dbs.com",
        description_en="Line one\nline two, with \"quotes\" and 'apostrophes'",
        is_published=False,
    )
    raffles = make_project(
        slug="raffles-city",
        title_en="Raffles City Chongqing",
        title_zh="重庆来福士",
        summary_en="两江交汇\n第二行",
        focus_area=focus_area("transport-logistics"),
        scheme=scheme("business"),
        participants=[(port, "operator"), (bank, "funding")],
        signed_date=date(2019, 5, 1),
        signed_date_precision="month",
        operation_start_date=date(2021, 6, 17),
        **make_amount("1200000.50", "CNY", "170250.25"),
        usd_rate=Decimal("0.141876"),
        usd_rate_date=date(2019, 5, 2),
    )
    raffles.other_focus_areas.add(focus_area("ict"))
    raffles.sources.add(make_source(url="https://example.org/a"))
    make_project(slug="formula", title_en="-5+3", title_zh="=SUM(A1)", focus_area=focus_area("ict"))
    make_project(slug="draft", title_en="'@draft", focus_area=focus_area("ict"), is_published=False)


def project_state() -> list[dict]:
    return [
        {
            **model_to_dict(project, exclude=["updated_at", "search_vector"]),
            "other_focus_areas": sorted(project.other_focus_areas.values_list("code", flat=True)),
            "sources": sorted(project.sources.values_list("pk", flat=True)),
            "participants": list(
                project.participations.order_by("position").values_list("organization__slug", "role", "position")
            ),
            "created_at": project.created_at,
        }
        for project in Project.objects.order_by("public_id")
    ]


def organization_state() -> list[dict]:
    return [
        {
            **model_to_dict(organization, exclude=["updated_at", "search_vector"]),
            "sources": sorted(organization.sources.values_list("pk", flat=True)),
        }
        for organization in Organization.objects.order_by("slug")
    ]


ROUND_TRIPS = [
    (Project, ProjectResource, "projectresource", project_state),
    (Organization, OrganizationResource, "organizationresource", organization_state),
]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv-with-bom", "xlsx"])
@pytest.mark.parametrize(
    ("model", "resource", "resource_name", "state"), ROUND_TRIPS, ids=["projects", "organizations"]
)
def test_an_exported_file_imports_back_unchanged(client, registry, file_format, model, resource, resource_name, state):
    client.force_login(make_staff("publisher"))
    before = state()
    columns = [field.column_name for field in resource().get_user_visible_fields()]
    exported = export(client, model, resource_name, columns, file_format).content
    if file_format == CSV_FORMAT:
        assert exported.startswith(b"\xef\xbb\xbf")
        assert "重庆".encode() in exported

    previewed = import_file(client, model, exported, file_format, name="export." + ("csv", "xlsx")[int(file_format)])

    # Nothing changed, and the preview says so: every row skipped, none new or updated.
    assert previewed.context["result"].totals["skip"] == len(before)
    assert previewed.context["result"].totals["update"] == previewed.context["result"].totals["new"] == 0
    assert state() == before
    assert model.objects.count() == len(before)
