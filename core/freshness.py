"""When the records behind a read last changed, read from indexed timestamps in one query.

Every table a public read draws on keeps an indexed ``updated_at`` (records) or ``history_date``
(history tables, which also move when a record is deleted). The latest of each is one index
probe, whatever the size of the table, so the API's ETags and Last-Modified, and the caches of
aggregates, can be keyed by them: a write that changes what a reader sees moves one of them.
"""

import functools
import hashlib
from datetime import datetime

from django.db import connection
from django.db.models import F, Func, QuerySet
from django.db.models.expressions import RawSQL

# Entries cached under a version are never stale (an edit changes the key); this only bounds
# how long an entry nobody asks for any more is kept.
VERSIONED_CACHE_SECONDS = 24 * 60 * 60


def stamp_field(model) -> str | None:
    """When a row last changed: ``updated_at``, ``history_date`` for a history table, or ``None``
    for a reference list that keeps no stamp."""
    names = {field.name for field in model._meta.concrete_fields}
    return next((name for name in ("updated_at", "history_date") if name in names), None)


def has_stamp(model) -> bool:
    return stamp_field(model) is not None


def latest_changes(querysets: tuple[QuerySet, ...]) -> list[datetime | str | None]:
    """A marker of each queryset's rows that moves with every change, in one SQL query.

    For a model with a stamp, its latest stamp: PostgreSQL answers ``MAX`` of an indexed column
    by reading the index from its end, so it costs the same at a hundred rows or a million. For
    a small reference list without one (focus areas, schemes, districts), a digest of its rows.
    """
    if not querysets:
        return []
    selects, params = [], []
    for queryset in querysets:
        model = queryset.model
        if not queryset.query.where and has_stamp(model):
            # A whole table, the usual case: no need to compile a queryset for it on every read.
            selects.append(_whole_table_latest(model))
            continue
        if has_stamp(model):
            marker = Func(F(stamp_field(model)), function="MAX")
        else:
            table = connection.ops.quote_name(model._meta.db_table)
            marker = RawSQL(f"md5(string_agg({table}::text, ',' ORDER BY {table}.id))", [])
        sql, sql_params = queryset.order_by().annotate(_marker=marker).values("_marker")[:1].query.sql_with_params()
        selects.append(f"({sql})")
        params.extend(sql_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}", params)
        return list(cursor.fetchone())


@functools.cache
def _whole_table_latest(model) -> str:
    quote = connection.ops.quote_name
    return f"(SELECT MAX({quote(stamp_field(model))}) FROM {quote(model._meta.db_table)})"


def version_of(markers) -> str:
    return hashlib.sha256("|".join(str(marker) for marker in markers).encode()).hexdigest()[:32]
