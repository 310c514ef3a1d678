"""Helpers of the admin tests: the admin's URLs, each role's answers, the change forms as a browser
posts them, and the steps of an import and an export."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from news.models import Article
from projects.models import District, Organization, Project, ReportedFigure, Zone
from tests.factories import (
    focus_area,
    make_district,
    make_figure,
    make_organization,
    make_project,
    make_source,
    make_zone,
)

ROLES = ["editor", "publisher", "viewer"]
ADD_STATUS = {"editor": 302, "publisher": 302, "viewer": 403}
CHANGE_STATUS = {"editor": 302, "publisher": 302, "viewer": 403}
DELETE_STATUS = {"editor": 403, "publisher": 302, "viewer": 403}
PUBLISH_STATUS = {"editor": 403, "publisher": 302, "viewer": 403}

PROJECT_INLINES = ("participations", "milestones", "Project_sources")


def admin_url(model: type[models.Model], view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def changelist_action(client, model: type[models.Model], action: str, records, **options):
    """Run the changelist's ``action`` on ``records``, as its Go button posts it."""
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [record.pk for record in records], "index": 0},
        **options,
    )


def inline_management(prefixes, **initial) -> dict:
    """Management-form data for inlines; ``initial`` gives how many rows each inline already has."""
    data = {}
    for prefix in prefixes:
        data[f"{prefix}-TOTAL_FORMS"] = str(initial.get(prefix, 0))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial.get(prefix, 0))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return data


def titled_form(record, kind: str, title_field: str = "title_en", /, **fields) -> dict:
    """A change form's English title, an empty Chinese one and the slug (the record's own, or "Added
    <kind>" and "added-<kind>" for a new record), then ``fields``, which may replace any of them."""
    return {
        title_field: getattr(record, title_field) if record else f"Added {kind}",
        title_field.removesuffix("_en") + "_zh": "",
        "slug": record.slug if record else f"added-{kind}",
        **fields,
    }


def project_form(project: Project | None = None, **fields) -> dict:
    """The project change form as a browser posts it (no inline rows)."""
    return titled_form(
        project,
        "project",
        **{
            "summary_en": "",
            "summary_zh": "",
            "description_en": "",
            "description_zh": "",
            "focus_area": str(project.focus_area_id if project else focus_area().pk),
            "status": project.status if project else "implementation",
            "signed_date": project.signed_date.isoformat() if project and project.signed_date else "",
            "signed_date_precision": "day",
            "operation_start_date": "",
            "operation_start_date_precision": "day",
            "contract_amount": "",
            "currency": "",
            "contract_amount_usd": "",
            "usd_rate": "",
            "usd_rate_date": "",
            **inline_management(PROJECT_INLINES),
            **fields,
        },
    )


# A directory record's empty establishment date (at the default precision) and descriptions.
ESTABLISHED_AND_DESCRIBED = {
    "established_date": "",
    "established_date_precision": "day",
    "description_en": "",
    "description_zh": "",
}


def organization_form(record=None) -> dict:
    return titled_form(
        record, "organization", "name_en", country="SG", kind="private", website="", **ESTABLISHED_AND_DESCRIBED
    )


def zone_form(record=None) -> dict:
    return titled_form(record, "zone", "name_en", kind="park", **ESTABLISHED_AND_DESCRIBED)


def district_form(record=None) -> dict:
    return titled_form(record, "district", "name_en", description_en="", description_zh="", latitude="", longitude="")


def figure_form(record=None) -> dict:
    return {
        "label_en": record.label_en if record else "Added figure",
        "label_zh": "",
        "metric": "projects_signed",
        "value": "44",
        "unit": "count",
        "qualifier": "exact",
        "scope": "liangjiang",
        "share_percent": "",
        "share_scope": "",
        "counted_since": "",
        "counted_since_precision": "day",
        "as_of": "",
        "source": str(record.source_id if record else make_source().pk),
    }


def article_form(article: Article | None = None, **fields) -> dict:
    """The article change form as a browser posts it."""
    return titled_form(
        article,
        "article",
        **{
            "summary_en": "",
            "summary_zh": "",
            "body_en": "",
            "body_zh": "",
            "published_on": "2024-03-01",
            "category": "business",
            "source_name_en": "",
            "source_name_zh": "",
            "source_url": "",
            "source_published_on": "",
            **fields,
        },
    )


@dataclass(frozen=True)
class Case:
    """How to make, add and change one kind of record through its admin."""

    model: type[models.Model]
    title_field: str
    make: callable
    form: callable  # (record or None) -> POST data with the title left as it is

    def __str__(self):
        return self.model._meta.model_name

    @property
    def publishable(self) -> bool:
        return any(field.name == "is_published" for field in self.model._meta.get_fields())

    def title(self, record) -> str:
        return getattr(record, self.title_field)


CASES = [
    Case(Project, "title_en", lambda: make_project(title_en="Original", is_published=False), project_form),
    Case(
        Organization, "name_en", lambda: make_organization(name_en="Original", is_published=False), organization_form
    ),
    Case(Zone, "name_en", lambda: make_zone(name_en="Original", is_published=False), zone_form),
    Case(District, "name_en", lambda: make_district(name_en="Original"), district_form),
    Case(ReportedFigure, "label_en", lambda: make_figure(label_en="Original", is_published=False), figure_form),
]
PUBLISHABLE_CASES = [case for case in CASES if case.publishable]

# Import and export

DATA = Path(__file__).resolve().parent / "data"
CSV_FORMAT, XLSX_FORMAT = "0", "1"
PROJECT_COLUMNS = (DATA / "projects.csv").read_text(encoding="utf-8").splitlines()[0].split(",")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def csv_bytes(rows: list[dict], columns=PROJECT_COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return out.getvalue().encode("utf-8")


def preview(client, model, file: SimpleUploadedFile, file_format: str = CSV_FORMAT):
    """The first step of an import: upload, dry run, and the preview page."""
    return client.post(admin_url(model, "import"), {"resource": "0", "format": file_format, "import_file": file})


def confirm(client, model, preview_response):
    """The second step: press Confirm import on the preview page."""
    form = preview_response.context["confirm_form"]
    return client.post(admin_url(model, "process_import"), {name: form.initial[name] for name in form.fields})


def invalid_rows(response) -> list[tuple[int, dict]]:
    """What the preview reports: each bad row's number and its errors by column."""
    return [(row.number, row.field_specific_errors) for row in response.context["result"].invalid_rows]


def refused_then_imported(client, model, columns, *, refused: list[dict], imported: list[dict]):
    """Preview a file of the ``refused`` rows, then import one of the ``imported`` rows (preview and
    confirmation); gives the refused file's preview."""
    name = f"{model._meta.model_name}.csv"
    refused_preview = preview(client, model, upload(name, csv_bytes(refused, columns)))
    confirm(client, model, preview(client, model, upload(name, csv_bytes(imported, columns))))
    return refused_preview


def export(client, model, resource: str, columns, file_format=CSV_FORMAT, query: str = ""):
    """Press Export on the changelist (with its filters in ``query``) and download the file."""
    data = {"format": file_format, "resource": "0", **{f"{resource}_{column}": "on" for column in columns}}
    return client.post(admin_url(model, "export") + query, data)
