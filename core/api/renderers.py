"""CSV output: streamed row by row from the database, so a large export never sits in memory.

Every text cell goes through :func:`core.spreadsheets.neutralised`, so none can run as a formula;
the numbers of numeric fields are written as they are.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from numbers import Number

from django.http import StreamingHttpResponse
from rest_framework import renderers, serializers

from core.spreadsheets import neutralised

CSV_CHUNK_SIZE = 2000

CsvColumn = tuple[str, Callable[[dict], object]]
# A serializer gives these as strings ("-104.25000"), yet they are numbers, not text to guard.
NUMERIC_FIELDS = (serializers.IntegerField, serializers.FloatField, serializers.DecimalField)


class CsvRenderer(renderers.BaseRenderer):
    """Selected by ``?format=csv`` or ``Accept: text/csv``; list and detail views stream the rows
    themselves (see :func:`streaming_csv_response`), so this renders only what is left: errors,
    which go out as JSON."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return renderers.JSONRenderer().render(data, "application/json", renderer_context)


class GeoJsonRenderer(renderers.JSONRenderer):
    """Selected by ``?format=geojson`` or ``Accept: application/geo+json`` on endpoints whose records
    carry points; the view builds the FeatureCollection (RFC 7946), errors are plain JSON bodies."""

    media_type = "application/geo+json"
    format = "geojson"


def cell(value) -> str:
    """One CSV cell: lists of plain values joined by ``; ``, objects as JSON, ``None`` empty."""
    if type(value) is str:  # most cells: checked first, as a full export writes millions of them
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        if all(not isinstance(item, dict | list) for item in value):
            return "; ".join(cell(item) for item in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def spreadsheet_cell(value, *, numeric: bool = False) -> str:
    """:func:`cell`, guarded against formula injection unless it is a number: a value of a
    ``numeric`` column (a numeric serializer field) or of a numeric Python type."""
    text = cell(value)
    if numeric or (isinstance(value, Number) and not isinstance(value, bool)):
        return text
    return neutralised(text)


def numeric_columns(serialize: Callable[[object], dict]) -> frozenset[str]:
    """The names of the numeric fields of the serializer whose ``to_representation`` is ``serialize``
    (what every view streams with); none for another callable."""
    serializer = getattr(serialize, "__self__", None)
    if not isinstance(serializer, serializers.Serializer):
        return frozenset()
    return frozenset(name for name, field in serializer.fields.items() if isinstance(field, NUMERIC_FIELDS))


def columns_from_fields(field_names: Iterable[str]) -> list[CsvColumn]:
    """One column per serializer field, the value as :func:`cell` writes it."""
    return [(name, lambda data, name=name: data.get(name)) for name in field_names]


class _Echo:
    """A file-like object whose ``write`` hands the line back, for ``csv.writer`` in a generator."""

    def write(self, value):
        return value


def csv_lines(*, objects: Iterable, serialize: Callable[[object], dict], columns: list[CsvColumn]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([header for header, _value in columns])
    numeric = numeric_columns(serialize)
    cells = [(value, header in numeric) for header, value in columns]
    for obj in objects:
        data = serialize(obj)
        yield writer.writerow([spreadsheet_cell(value(data), numeric=is_numeric) for value, is_numeric in cells])


def streaming_csv_response(
    *, objects: Iterable, serialize, columns: list[CsvColumn], filename: str
) -> StreamingHttpResponse:
    """A response that writes one line per record as it is read from ``objects``: give a queryset's
    ``iterator(chunk_size=CSV_CHUNK_SIZE)`` so rows (and their prefetches) come a chunk at a time."""
    response = StreamingHttpResponse(
        csv_lines(objects=objects, serialize=serialize, columns=columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
