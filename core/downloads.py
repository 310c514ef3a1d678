"""The downloads of the public lists: the records a list shows (published only) under the list's own
filters, as a CSV that Excel opens correctly on a Chinese Windows (UTF-8 with a byte-order mark) and
as a workbook (XLSX) with numbers as number cells.

Each app declares its lists (:class:`ListDownload`): the FilterSet, the published records, the API
ViewSet whose CSV columns and serializer the files reuse, and the file name's stem. The rows and
columns are the API's CSV, so the three files never drift apart; the API's own CSV stays plain
UTF-8 for programs. Every text cell is guarded against formula injection (:mod:`core.spreadsheets`).
"""

from collections.abc import Callable
from datetime import datetime, time
from decimal import Decimal
from itertools import chain

from django.db.models import QuerySet
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

BYTE_ORDER_MARK = "\ufeff"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Rows:
    """The listed records of a request, a chunk at a time, with the API CSV's columns and serializer."""

    def __init__(self, viewset_class, request, filterset):
        view = viewset_class(request=request, format_kwarg=None)
        self.columns = view.csv_columns()
        self.records = view.all_records(filterset.qs)
        self.serialize = view.get_serializer().to_representation


def _number(value):
    """A numeric column's value as a workbook number (a serializer writes decimals as strings)."""
    if value is None or value == "":
        return None
    return Decimal(value) if isinstance(value, str) else value


def _query(request) -> str:
    """The download's filters as the list's query string ("" for none)."""
    query = request.GET.urlencode()
    return f"?{query}" if query else ""


class ListDownload:
    """A public list's two downloads, ``<route>-csv`` and ``<route>-xlsx``: ``csv`` and ``xlsx`` are
    their views. Every download takes a fixed number of queries (the API's export of one chunk)."""

    def __init__(
        self,
        *,
        filterset_class,
        records: Callable[[], QuerySet],
        viewset_class,
        stem: str,
        title,
        sheet: str,
        list_route: str,
        route: str,
    ):
        self.filterset_class = filterset_class
        self.records = records  # the published records, with what the serializer reads of them
        self.viewset_class = viewset_class
        self.stem = stem  # cci-<stem>-<date>.csv
        self.title = title  # the workbook's title, translated when it is written
        self.sheet = sheet
        self.list_route = list_route  # the list page, named as the workbook's source
        self.route = route  # the downloads' URL names, without -csv / -xlsx
        self.csv = require_safe(self.csv_response)
        self.xlsx = require_safe(self.xlsx_response)

    def links(self, filter_query: str) -> dict[str, str]:
        """The addresses of both downloads carrying a list page's filters (its ``filter_query``)."""
        query = f"?{filter_query}" if filter_query else ""
        return {extension: reverse(f"{self.route}-{extension}") + query for extension in ("csv", "xlsx")}

    def filtered(self, request):
        """The list's FilterSet over the published records, or the answer refusing its values."""
        filterset = self.filterset_class(
            known_filters(self.filterset_class, request.GET), queryset=self.records(), request=request
        )
        if not filterset.is_valid():
            return None, HttpResponseBadRequest(
                "\n".join(refused_filter_notices(filterset)), content_type="text/plain; charset=utf-8"
            )
        return filterset, None

    def filename(self, extension: str) -> str:
        return f"cci-{self.stem}-{timezone.localdate().isoformat()}.{extension}"

    def attachment(self, response, extension: str):
        """``response`` as a download under a dated name, naming the data's licence (``Link: rel=license``)."""
        response["Content-Disposition"] = f'attachment; filename="{self.filename(extension)}"'
        response["Link"] = data_license().link_header()
        return response

    def csv_response(self, request):
        """The listed records as CSV in UTF-8 with a byte-order mark, streamed row by row."""
        filterset, refusal = self.filtered(request)
        if refusal:
            return refusal
        rows = _Rows(self.viewset_class, request, filterset)
        lines = csv_lines(objects=rows.records, serialize=rows.serialize, columns=rows.columns)
        response = StreamingHttpResponse(chain([BYTE_ORDER_MARK], lines), content_type="text/csv; charset=utf-8")
        return self.attachment(response, "csv")

    def xlsx_response(self, request):
        """The listed records as a workbook: the CSV's columns and rows, numbers as number cells."""
        filterset, refusal = self.filtered(request)
        if refusal:
            return refusal
        rows = _Rows(self.viewset_class, request, filterset)
        numeric = numeric_columns(rows.serialize)
        workbook = Workbook(write_only=True)
        license = data_license()
        workbook.properties.creator = "CCI Portal"
        workbook.properties.title = str(self.title)
        workbook.properties.description = _("Published under %(license)s (%(url)s). Source: %(source)s") % {
            "license": license.name,
            "url": license.url,
            "source": request.build_absolute_uri(reverse(self.list_route) + _query(request)),
        }
        sheet = workbook.create_sheet(self.sheet)
        sheet.append([header for header, _value in rows.columns])
        cells = [(value, header in numeric) for header, value in rows.columns]
        for record in rows.records:
            data = rows.serialize(record)
            sheet.append(
                [
                    _number(value(data)) if is_numeric else workbook_cell(cell(value(data)))
                    for value, is_numeric in cells
                ]
            )
        # Dated the day of its name, so that the same rows on the same day give the same bytes.
        content = workbook_bytes(workbook, stamp=datetime.combine(timezone.localdate(), time()))
        return self.attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), "xlsx")
