"""The project list's downloads: the listed projects (published only) under the list's filters, as a
CSV that Excel opens correctly on a Chinese Windows (UTF-8 with a byte-order mark) and as a workbook.

The rows and columns are the API's CSV (``ProjectViewSet``'s records, ``PROJECT_CSV_COLUMNS``), so the
three files never drift apart; the API's own CSV stays plain UTF-8 for programs. Every text cell is
guarded against formula injection (:mod:`core.spreadsheets`).
"""

from datetime import datetime, time
from decimal import Decimal
from itertools import chain

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from core.api.renderers import cell, csv_lines, numeric_columns
from core.licensing import data_license
from core.listing import known_filters, refused_filter_notices
from core.spreadsheets import workbook_bytes, workbook_cell
from projects.api.views import PROJECT_CSV_COLUMNS, ProjectViewSet
from projects.filtersets import ProjectFilterSet
from projects.models import Project

BYTE_ORDER_MARK = "\ufeff"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Download:
    """The listed projects of a request, a chunk at a time, and how the API's CSV serialises them."""

    def __init__(self, request, filterset):
        self.view = ProjectViewSet(request=request, format_kwarg=None)
        self.records = self.view.all_records(filterset.qs)
        self.serialize = self.view.get_serializer().to_representation


def _filtered(request):
    """The list's FilterSet over the published projects, or the answer refusing its values."""
    filterset = ProjectFilterSet(
        known_filters(ProjectFilterSet, request.GET), queryset=Project.objects.published(), request=request
    )
    if not filterset.is_valid():
        return None, HttpResponseBadRequest(
            "\n".join(refused_filter_notices(filterset)), content_type="text/plain; charset=utf-8"
        )
    return filterset, None


def _filename(extension: str) -> str:
    return f"cci-projects-{timezone.localdate().isoformat()}.{extension}"


def _attachment(response, extension: str):
    """``response`` as a download under a dated name, naming the data's licence (``Link: rel=license``)."""
    response["Content-Disposition"] = f'attachment; filename="{_filename(extension)}"'
    response["Link"] = data_license().link_header()
    return response


@require_safe
def projects_csv(request):
    """The listed projects as CSV in UTF-8 with a byte-order mark, streamed row by row."""
    filterset, refusal = _filtered(request)
    if refusal:
        return refusal
    download = _Download(request, filterset)
    lines = csv_lines(objects=download.records, serialize=download.serialize, columns=PROJECT_CSV_COLUMNS)
    response = StreamingHttpResponse(chain([BYTE_ORDER_MARK], lines), content_type="text/csv; charset=utf-8")
    return _attachment(response, "csv")


def _query(request) -> str:
    """The download's filters as the list's query string ("" for none)."""
    query = request.GET.urlencode()
    return f"?{query}" if query else ""


def _number(value):
    """A numeric column's value as a workbook number (a serializer writes decimals as strings)."""
    if value is None or value == "":
        return None
    return Decimal(value) if isinstance(value, str) else value


@require_safe
def projects_xlsx(request):
    """The listed projects as a workbook: the CSV's columns and rows, numbers as number cells."""
    filterset, refusal = _filtered(request)
    if refusal:
        return refusal
    download = _Download(request, filterset)
    numeric = numeric_columns(download.serialize)
    workbook = Workbook(write_only=True)
    license = data_license()
    workbook.properties.creator = "CCI Portal"
    workbook.properties.title = _("CCI Portal projects")
    workbook.properties.description = _("Published under %(license)s (%(url)s). Source: %(source)s") % {
        "license": license.name,
        "url": license.url,
        "source": request.build_absolute_uri(reverse("projects:project-list") + _query(request)),
    }
    sheet = workbook.create_sheet("Projects")
    sheet.append([header for header, _value in PROJECT_CSV_COLUMNS])
    cells = [(value, header in numeric) for header, value in PROJECT_CSV_COLUMNS]
    for record in download.records:
        data = download.serialize(record)
        sheet.append(
            [_number(value(data)) if is_numeric else workbook_cell(cell(value(data))) for value, is_numeric in cells]
        )
    # Dated the day of its name, so that the same rows on the same day give the same bytes.
    content = workbook_bytes(workbook, stamp=datetime.combine(timezone.localdate(), time()))
    return _attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), "xlsx")
