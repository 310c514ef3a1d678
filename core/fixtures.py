"""Demo data as data: an app's fixture files read through the import resources the admin uses,
so the demo is checked by the same rules as a staff import. Used by each app's ``demo.py``."""

import csv
import functools
from collections.abc import Iterable
from pathlib import Path

import tablib
from django.db import models
from django.utils.translation import gettext_noop
from import_export.resources import ModelResource

CHANGE_REASON = gettext_noop("Loaded demo data")

Row = dict[str, str]


class DemoDataError(Exception):
    """A fixture row that the import's rules refuse."""


class _Loader:
    """Whom the demo is imported as, for the publish check alone: ``manage.py load_demo`` is run by
    the site's operator, who publishes the demo records. Their history names no user."""

    def has_perm(self, perm: str, obj=None) -> bool:
        return True


class DemoImport:
    """Mixed into a resource: it imports as the loader, and each record it saves says in its
    history that the demo loader made it (where a staff import says "Imported")."""

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **{**kwargs, "user": _Loader()})

    def do_instance_save(self, instance, is_create):
        instance._change_reason = CHANGE_REASON
        super().do_instance_save(instance, is_create)


@functools.cache
def demo_resource(resource_class: type[ModelResource]) -> type[ModelResource]:
    """``resource_class`` as the demo loader imports with it: the same fields and rules, and :class:`DemoImport`."""
    return type(f"Demo{resource_class.__name__}", (DemoImport, resource_class), {})


def read_fixture(path: Path) -> list[Row]:
    """The rows of a fixture file, as the column-to-text dicts a CSV import reads."""
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def keys_of(value: str) -> list[str]:
    """The keys a cell names: one, or several separated by semicolons."""
    return [key.strip() for key in value.split(";") if key.strip()]


def keys_in(rows: Iterable[Row], column: str) -> set[str]:
    """Every key a column names."""
    return {key for row in rows for key in keys_of(row[column])}


def with_keys_replaced(rows: list[Row], column: str, replacement: dict[str, str]) -> list[Row]:
    """The rows with each key of ``column`` (a fixture's source key, a project's slug) replaced by
    the name a staff file gives that record (the source's id, the project's public identifier)."""
    if unknown := keys_in(rows, column) - replacement.keys():
        raise DemoDataError(f"{column}: nothing is known by {', '.join(sorted(unknown))}")
    return [{**row, column: ";".join(replacement[key] for key in keys_of(row[column]))} for row in rows]


def import_fixture(resource: ModelResource, rows: list[Row], name: str) -> int:
    """Import ``rows`` (of the fixture ``name``) through ``resource``; returns how many records it created.

    Columns the resource keys on but the fixture leaves out are blank: every row adds a record.
    A row the rules refuse stops the load with :class:`DemoDataError`, naming the file and the row.
    """
    headers = list(dict.fromkeys([*(rows[0] if rows else {}), *resource.get_import_id_fields()]))
    dataset = tablib.Dataset(*[[row.get(header, "") for header in headers] for row in rows], headers=headers)
    result = resource.import_data(dataset, use_transactions=True, rollback_on_validation_errors=True)
    problems = [f"row {row.number}: {row.error_dict}" for row in result.invalid_rows]
    problems += [f"row {number}: {error.error}" for number, errors in result.row_errors() for error in errors]
    problems += [str(error.error) for error in result.base_errors]
    if problems:
        raise DemoDataError(f"{name}: {'; '.join(problems)}")
    return result.totals["new"]


def rows_not_loaded(rows: list[Row], model: type[models.Model], key: str = "slug") -> list[Row]:
    """The rows whose record does not exist yet: one that does, the demo's or staff's, is left as it is."""
    existing = set(
        model._default_manager.filter(**{f"{key}__in": [row[key] for row in rows]}).values_list(key, flat=True)
    )
    return [row for row in rows if row[key] not in existing]
