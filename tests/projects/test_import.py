"""Import of the registry in the admin, in CSV and XLSX: previewed first, then all rows or nothing, each bad
value named on its row and column."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from import_export.tmp_storages import TempFolderStorage

from projects.models import Organization, Project, ReportedFigure
from tests.admin_client import (
    DATA,
    PROJECT_COLUMNS,
    XLSX_FORMAT,
    admin_url,
    confirm,
    csv_bytes,
    export,
    invalid_rows,
    preview,
    refused_then_imported,
    upload,
)
from tests.factories import make_district, make_organization, make_project, make_source, make_staff, make_zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """The organizations, zone and district that the sample file names."""
    for slug in [
        "liangjiang-new-area-administrative-committee",
        "chongqing-airport-group",
        "national-university-of-singapore",
        "gds",
    ]:
        make_organization(slug=slug, name_en=slug.replace("-", " ").title())
    make_zone(slug="guoyuan-port", name_en="Guoyuan Port")
    make_district(slug="jiangbei", name_en="Jiangbei")


def project_row(**fields) -> dict:
    """A valid project row; ``fields`` change it."""
    row = {
        "slug": "sample-data-centre",
        "title_en": "Sample: data centre",
        "focus_area": "ict",
        "participants": "gds:investor",
        "status": "preparation",
        "signed_date": "2020-06-01",
        "signed_date_precision": "month",
        "contract_amount": "1000000000",
        "currency": "CNY",
        "is_published": "0",
    }
    row.update(fields)
    return row


def test_a_good_file_is_previewed_then_creates_exactly_its_rows(client, registry):
    editor = make_staff("editor")
    client.force_login(editor)

    previewed = preview(client, Project, upload("projects.csv", (DATA / "projects.csv").read_bytes()))

    assert previewed.status_code == 200
    assert previewed.context["result"].totals["new"] == 3
    assert invalid_rows(previewed) == []
    assert Project.objects.count() == 0  # the preview is a dry run
    assert "Confirm import" in previewed.text
    # The preview shows each row's participants as the file gives them.
    assert (
        "liangjiang-new-area-administrative-committee:accountable;chongqing-airport-group:operator" in previewed.text
    )
    assert "Organization.None" not in previewed.text

    confirmed = confirm(client, Project, previewed)

    assert confirmed.status_code == 302
    assert list(Project.objects.order_by("public_id").values_list("public_id", "slug", "is_published")) == [
        ("CCI-2019-0001", "sample-cold-chain-hub", False),
        ("CCI-2019-0002", "sample-talent-exchange", False),
        ("CCI-2020-0001", "sample-data-centre", False),
    ]
    centre = Project.objects.get(slug="sample-cold-chain-hub")
    assert centre.title_zh == "示例：冷链分拨枢纽"
    assert (centre.focus_area.code, centre.zone.slug, centre.district.slug) == (
        "transport-logistics",
        "guoyuan-port",
        "jiangbei",
    )
    assert centre.operation_start_date == date(2020, 6, 17)
    assert [(p.organization.slug, p.role, p.position) for p in centre.participations.all()] == [
        ("liangjiang-new-area-administrative-committee", "accountable", 0),
        ("chongqing-airport-group", "operator", 1),
    ]
    data_center = Project.objects.get(slug="sample-data-centre")
    assert (data_center.contract_amount, data_center.currency, data_center.contract_amount_usd) == (
        Decimal("1000000000.00"),
        "CNY",
        Decimal("141000000.00"),
    )
    assert list(data_center.other_focus_areas.values_list("code", flat=True)) == ["transport-logistics"]
    assert Project.objects.get(slug="sample-talent-exchange").scheme.code == "talent"
    latest = data_center.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Imported")


RMB_REFUSED = "“RMB” is not one of the accepted values: USD, CNY, SGD."


def test_a_file_with_one_bad_row_changes_nothing_and_names_the_row_and_column(client, registry):
    client.force_login(make_staff("editor"))

    previewed = preview(client, Project, upload("projects_bad.csv", (DATA / "projects_bad.csv").read_bytes()))

    assert previewed.status_code == 200
    assert invalid_rows(previewed) == [(2, {"currency": [RMB_REFUSED]})]
    assert "confirm_form" not in previewed.context
    assert "Confirm import" not in previewed.text
    assert "currency" in previewed.text
    assert "“RMB” is not one of the accepted values: USD, CNY, SGD." in previewed.text
    assert Project.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"currency": "XYZ"}, {"currency": ["“XYZ” is not one of the accepted values: USD, CNY, SGD."]}),
        ({"contract_amount": "-5"}, {"contract_amount": ["Ensure this value is greater than or equal to 0."]}),
        ({"contract_amount": "five"}, {"contract_amount": ["“five” is not a number; write it like 1250000.50."]}),
        ({"focus_area": "shipping"}, {"focus_area": ["No focus area with code “shipping”."]}),
        ({"other_focus_areas": "ict;space"}, {"other_focus_areas": ["No focus area with code “space”."]}),
        ({"zone": "atlantis"}, {"zone": ["No zone with slug “atlantis”."]}),
        (
            {"signed_date": "2020-13-45"},
            {"signed_date": ["“2020-13-45” is not a date; write it as YYYY-MM-DD, such as 2019-11-06."]},
        ),
        ({"participants": "nobody:investor"}, {"participants": ["No organization with slug “nobody”."]}),
        (
            {"participants": "gds:landlord"},
            {
                "participants": [
                    "“landlord” is not a participant role; use one of: "
                    "funding, accountable, extending, implementing, investor, operator."
                ]
            },
        ),
        (
            {"status": "finished"},
            {
                "status": [
                    "“finished” is not one of the accepted values: identification, preparation, implementation, "
                    "completion, maintenance, decommissioning, decommissioned, cancelled."
                ]
            },
        ),
        ({"is_published": "maybe"}, {"is_published": ["Write 1 for published or 0 for a draft, not “maybe”."]}),
        (
            {"public_id": "CCI-2020-0999"},
            {"public_id": ["No project with identifier “CCI-2020-0999”; leave it blank to add a new one."]},
        ),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, dict) and len(value) == 1 else None,
)
def test_each_kind_of_bad_value_is_reported_on_its_row_and_column(client, registry, change, expected):
    client.force_login(make_staff("editor"))
    rows = [project_row(slug="first", title_en="First"), project_row(**change)]

    previewed = preview(client, Project, upload("projects.csv", csv_bytes(rows)))

    assert invalid_rows(previewed) == [(2, expected)]
    assert Project.objects.count() == 0


def test_a_row_breaking_a_rule_of_the_registry_is_reported_on_its_row(client, registry):
    client.force_login(make_staff("editor"))
    rows = [project_row(), project_row(slug="no-area", focus_area="", currency="")]

    previewed = preview(client, Project, upload("projects.csv", csv_bytes(rows)))

    [row] = previewed.context["result"].invalid_rows
    assert row.number == 2
    assert sorted(row.error_dict["__all__"]) == [
        "A project belongs to a focus area, a scheme, or both.",
        "An amount needs its currency.",
    ]
    assert Project.objects.count() == 0


def test_a_confirmed_import_whose_file_has_an_error_writes_nothing(client, registry):
    """A crafted confirmation (the preview refused the file) is rolled back as a whole."""
    client.force_login(make_staff("editor"))
    storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
    storage.save((DATA / "projects_bad.csv").read_bytes())

    response = client.post(
        admin_url(Project, "process_import"),
        {"import_file_name": storage.name, "original_file_name": "projects_bad.csv", "format": "0", "resource": "0"},
        follow=True,
    )

    assert Project.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was imported: the file has errors. Import it again to see them row by row."
    ]


def test_an_editor_cannot_publish_through_an_import(client, registry):
    client.force_login(make_staff("editor"))

    previewed = preview(client, Project, upload("projects.csv", csv_bytes([project_row(is_published="1")])))

    assert invalid_rows(previewed) == [(1, {"is_published": ["You do not have permission to publish."]})]
    assert Project.objects.count() == 0


def test_a_publisher_publishes_through_an_import(client, registry):
    client.force_login(make_staff("publisher"))

    previewed = preview(client, Project, upload("projects.csv", csv_bytes([project_row(is_published="1")])))
    confirm(client, Project, previewed)

    assert Project.objects.get().is_published is True


def test_a_viewer_cannot_import(client, registry):
    client.force_login(make_staff("viewer"))

    response = preview(client, Project, upload("projects.csv", (DATA / "projects.csv").read_bytes()))

    assert response.status_code == 403
    assert Project.objects.count() == 0


def test_an_xlsx_file_imports_like_a_csv(client, registry):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(PROJECT_COLUMNS)
    row = project_row(signed_date=date(2020, 6, 1), contract_amount=1000000000, is_published=0)
    sheet.append([row.get(column) for column in PROJECT_COLUMNS])
    content = io.BytesIO()
    workbook.save(content)
    client.force_login(make_staff("editor"))

    previewed = preview(client, Project, upload("projects.xlsx", content.getvalue()), XLSX_FORMAT)
    confirm(client, Project, previewed)

    project = Project.objects.get()
    assert (project.public_id, project.signed_date, project.contract_amount) == (
        "CCI-2020-0001",
        date(2020, 6, 1),
        Decimal("1000000000.00"),
    )


def test_an_exported_file_imports_back_as_updates(client, registry):
    project = make_project(slug="centre", title_en="Centre", is_published=False)
    client.force_login(make_staff("editor"))
    exported = export(client, Project, "projectresource", PROJECT_COLUMNS).content
    changed = exported.decode("utf-8").replace(",Centre,", ",Centre (renamed),").encode("utf-8")

    previewed = preview(client, Project, upload("projects.csv", changed))
    confirm(client, Project, previewed)

    assert previewed.context["result"].totals["update"] == 1
    assert Project.objects.count() == 1
    project.refresh_from_db()
    assert project.title_en == "Centre (renamed)"


ORGANIZATION_COLUMNS = ["slug", "name_en", "name_zh", "country", "kind", "website", "description", "is_published"]


def test_organizations_import_and_report_a_bad_country(client):
    client.force_login(make_staff("editor"))
    good = {
        "slug": "psa",
        "name_en": "PSA International",
        "name_zh": "新加坡港务集团",
        "country": "sg",
        "kind": "private",
    }
    bad = {"slug": "cq-port", "name_en": "Chongqing Port", "country": "C1", "kind": "state_owned"}

    refused = refused_then_imported(client, Organization, ORGANIZATION_COLUMNS, refused=[good, bad], imported=[good])

    assert invalid_rows(refused) == [(2, {"country": ["Use an ISO 3166-1 alpha-2 code, such as SG."]})]
    assert list(Organization.objects.values_list("slug", "name_zh", "country", "is_published")) == [
        ("psa", "新加坡港务集团", "SG", False)
    ]


FIGURE_COLUMNS = ["id", "label_en", "metric", "value", "unit", "qualifier", "scope", "as_of", "source", "is_published"]


def test_reported_figures_import_and_report_an_unknown_source(client):
    source = make_source()
    client.force_login(make_staff("editor"))
    row = {
        "label_en": "Projects signed in Liangjiang",
        "metric": "projects_signed",
        "value": "44",
        "unit": "count",
        "qualifier": "exact",
        "scope": "liangjiang",
        "as_of": "2022-06-30",
        "source": str(source.pk),
    }

    refused = refused_then_imported(
        client, ReportedFigure, FIGURE_COLUMNS, refused=[row, {**row, "source": "999999"}], imported=[row]
    )

    assert invalid_rows(refused) == [(2, {"source": ["No source with id “999999”."]})]
    figure = ReportedFigure.objects.get()
    assert (figure.value, figure.as_of, figure.source, figure.is_published) == (
        Decimal("44.00"),
        date(2022, 6, 30),
        source,
        False,
    )
