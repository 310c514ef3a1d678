"""A table's rows written to a file in each format of a release, a batch at a time.

- CSV: UTF-8 with a byte-order mark (Excel on a Chinese Windows reads it as UTF-8), each cell as the
  import reads it, text guarded against formula injection (:mod:`core.spreadsheets`);
- XLSX: a write-only workbook (openpyxl streams its rows to disk), numbers and dates as typed cells;
- JSON Lines: one object a row, decimals as strings (as the API gives them, exact), dates in ISO 8601;
- Parquet: typed columns (decimal128 with the model field's digits, date32, int64, bool, string),
  one row group a batch (pyarrow).
"""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from cci_portal.releases.tables import Column, Table, text_cell
from core.spreadsheets import neutralised, workbook_cell

FORMATS = ("csv", "xlsx", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/jsonl",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
    "txt": "text/plain",
}


def _arrow_type(column: Column) -> pa.DataType:
    if column.type == "integer":
        return pa.int64()
    if column.type == "number":
        return pa.decimal128(column.max_digits or 38, column.decimal_places or 0)
    if column.type == "date":
        return pa.date32()
    if column.type == "boolean":
        return pa.bool_()
    return pa.string()


def arrow_schema(table: Table) -> pa.Schema:
    """The Parquet schema of ``table``: the types its ``datapackage.json`` declares, in arrow's terms."""
    return pa.schema([pa.field(column.name, _arrow_type(column), nullable=True) for column in table.columns])


def _text(value, column: Column) -> str:
    text = text_cell(value)
    return neutralised(text) if column.type == "string" else text


def _json_value(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError


def _parquet_value(value, column: Column):
    if value is None or (value == "" and column.type != "string"):
        return None
    if column.type == "integer":
        return int(value)
    if column.type == "date" and not isinstance(value, date):
        return date.fromisoformat(str(value))
    return value


def write_table(table: Table, directory: Path) -> dict[str, int]:
    """Write ``table`` in every format into ``directory``: ``{format: rows}``, the same count for each."""
    columns = table.columns
    names = [column.name for column in columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.name[:31])
    sheet.append(names)
    rows = 0
    with (
        open(directory / f"{table.name}.csv", "w", encoding="utf-8-sig", newline="") as csv_file,
        open(directory / f"{table.name}.jsonl", "wb") as jsonl_file,
        pq.ParquetWriter(directory / f"{table.name}.parquet", arrow_schema(table), compression="zstd") as parquet,
    ):
        writer = csv.writer(csv_file)
        writer.writerow(names)
        for batch in table.batches():
            for row in batch:
                writer.writerow([_text(value, column) for value, column in zip(row, columns, strict=True)])
                sheet.append([workbook_cell(value) for value in row])
                jsonl_file.write(
                    orjson.dumps(
                        dict(zip(names, row, strict=True)), default=_json_value, option=orjson.OPT_APPEND_NEWLINE
                    )
                )
            arrays = [
                pa.array([_parquet_value(row[index], column) for row in batch], type=_arrow_type(column))
                for index, column in enumerate(columns)
            ]
            parquet.write_batch(pa.record_batch(arrays, schema=arrow_schema(table)))
            rows += len(batch)
    workbook.save(directory / f"{table.name}.xlsx")
    return dict.fromkeys(FORMATS, rows)
