"""The release's ``datapackage.json`` (Frictionless Data Package v1): every table, every column's
type, format, codelist and description in English and Chinese, and the data's licence.

Built from :func:`cci_portal.releases.tables.release_tables`, as the data page's data dictionary
is (:func:`data_dictionary`), so the file a program reads and the prose a person reads are one.
The Chinese texts are kept beside the English as ``title_zh`` and ``description_zh`` (Frictionless
keeps a descriptor's other properties as they are), a codelist's labels as ``codelist``.
"""

from dataclasses import dataclass

from django.conf import settings

from cci_portal.releases.tables import Column, Table, in_languages, release_tables
from core.licensing import data_license

DATAPACKAGE_NAME = "cci-registry"


def field_descriptor(column: Column) -> dict:
    descriptor = {
        "name": column.name,
        "type": column.type,
        "title": column.title["en"],
        "title_zh": column.title["zh"],
        "description": column.description["en"],
        "description_zh": column.description["zh"],
    }
    if column.type == "boolean":
        descriptor |= {"trueValues": ["1"], "falseValues": ["0"]}
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.codelist:
        constraints["enum"] = [value for value, _labels in column.codelist]
        descriptor["codelist"] = [
            {"value": value, "label": labels["en"], "label_zh": labels["zh"]} for value, labels in column.codelist
        ]
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def resource_descriptor(table: Table, *, files: dict[str, dict] | None = None) -> dict:
    """``table`` as a tabular data resource over its CSV; ``files`` (by name) adds each file's size and hash."""
    csv_name = f"{table.name}.csv"
    descriptor = {
        "name": table.name,
        "path": csv_name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "title": in_languages(table.title)["en"],
        "title_zh": in_languages(table.title)["zh"],
        "description": in_languages(table.description)["en"],
        "description_zh": in_languages(table.description)["zh"],
        "schema": {
            "fields": [field_descriptor(column) for column in table.columns],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        },
    }
    if files and csv_name in files:
        descriptor |= {"bytes": files[csv_name]["bytes"], "hash": f"sha256:{files[csv_name]['sha256']}"}
        descriptor["other_formats"] = [
            {"path": name, "format": name.rsplit(".", 1)[1], "bytes": file["bytes"], "sha256": file["sha256"]}
            for name, file in files.items()
            if name.startswith(f"{table.name}.") and name != csv_name
        ]
    return descriptor


def datapackage(*, version: str, created: str, files: dict[str, dict] | None = None, tables=None) -> dict:
    """The descriptor of a release (``files``: each file's ``bytes`` and ``sha256`` by name)."""
    licence = data_license()
    return {
        "profile": "tabular-data-package",
        "name": DATAPACKAGE_NAME,
        "title": "CCI Portal: the registry of the China-Singapore (Chongqing) Demonstration Initiative",
        "title_zh": "中新（重庆）战略性互联互通示范项目合作项目登记册",
        "version": version,
        "created": created,
        "homepage": settings.SITE_URL,
        "licenses": [{"name": licence.name, "path": licence.url, "title": licence.name}],
        "resources": [resource_descriptor(table, files=files) for table in (tables or release_tables())],
    }


@dataclass(frozen=True)
class DictionaryField:
    name: str
    type: str
    title: str
    description: str
    required: bool
    codelist: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DictionaryTable:
    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    fields: tuple[DictionaryField, ...]


def data_dictionary(language: str) -> tuple[DictionaryTable, ...]:
    """The data page's data dictionary: the descriptor's resources, in ``language`` (``en`` or ``zh``)."""
    suffix = "_zh" if language == "zh" else ""
    descriptor = datapackage(version="", created="")
    tables = []
    for resource in descriptor["resources"]:
        fields = tuple(
            DictionaryField(
                name=field["name"],
                type=field["type"],
                title=field[f"title{suffix}"],
                description=field[f"description{suffix}"],
                required=field.get("constraints", {}).get("required", False),
                codelist=tuple((item["value"], item[f"label{suffix}"]) for item in field.get("codelist", ())),
            )
            for field in resource["schema"]["fields"]
        )
        tables.append(
            DictionaryTable(
                name=resource["name"],
                title=resource[f"title{suffix}"],
                description=resource[f"description{suffix}"],
                primary_key=tuple(resource["schema"]["primaryKey"]),
                fields=fields,
            )
        )
    return tuple(tables)
