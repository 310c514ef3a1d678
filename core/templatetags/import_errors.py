"""The dry run's errors as a list a person reads without hovering: row, column, value and message,
and the same list as a CSV to download (``{% import_errors result as errors %}``)."""

import csv
import io
from dataclasses import dataclass
from urllib.parse import quote

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class ImportErrors:
    errors: list[RowError]

    @property
    def csv_href(self) -> str:
        """The errors as a CSV (UTF-8 with a byte-order mark, for Excel), in a ``data:`` address."""
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow([_("Row"), _("Column"), _("Value"), _("Error")])
        for error in self.errors:
            writer.writerow([error.row, error.column, error.value, error.message])
        return "data:text/csv;charset=utf-8," + quote("\ufeff" + text.getvalue())


@register.simple_tag
def import_errors(result) -> ImportErrors:
    """Every validation error of ``result`` (an import's dry run), in row order, each with its cell's value."""
    headers = list(result.diff_headers)
    errors = []
    for row in result.invalid_rows:
        values = dict(zip(headers, row.values, strict=False))
        for column, messages in row.field_specific_errors.items():
            value = values.get(column, "")
            errors += [RowError(row.number, column, "" if value is None else str(value), m) for m in messages]
        errors += [RowError(row.number, "", "", message) for message in row.non_field_specific_errors]
    return ImportErrors(errors)
