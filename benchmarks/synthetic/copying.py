"""Writing with PostgreSQL ``COPY``: no model ``save`` runs, so no history rows and no ``auto_now``.

About a million rows go in at full size; ``analyze`` then leaves the tables as autovacuum would.
"""

import functools
import io

from django.db import connection

from core.chinese import pinyin_sort_key, segment
from news.models import Article
from projects.models import District, Milestone, Organization, Project, ProjectParticipant, Source, Zone

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value) -> str:
    """One field in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


@functools.cache
def chinese_vector(texts_by_weight: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """The ``tsvector`` text of what :func:`core.models.chinese_search_vector` stores for these texts
    (``(weight, texts)`` pairs): the same words, written without a round trip to the database.
    Cached: synthetic texts repeat, and cutting 100,000 of them would take a minute."""
    lexemes: dict[str, list[str]] = {}
    position = 0
    for weight, texts in texts_by_weight:
        for word in segment(" ".join(texts)):
            position += 1
            lexemes.setdefault(word, []).append(f"{min(position, 16383)}{weight}")
    return " ".join(
        "'" + word.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(at) for word, at in lexemes.items()
    )


sort_key = functools.cache(pinyin_sort_key)


def copy_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> int:
    """Load ``rows`` into ``table`` with one COPY (generated columns fill themselves); returns how many."""
    if rows:
        buffer = io.StringIO("".join("\t".join(map(copy_text, row)) + "\n" for row in rows))
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer, 1 << 20)  # 1 MB reads
    return len(rows)


def reserve_ids(cursor, model, count: int) -> list[int]:
    """``count`` fresh primary keys from the table's own sequence, so rows can refer to each other."""
    if not count:
        return []
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [model._meta.db_table, count]
    )
    return sorted(row[0] for row in cursor.fetchall())


def through_table(model, field_name: str) -> str:
    """The table of a many-to-many field."""
    return model._meta.get_field(field_name).remote_field.through._meta.db_table


def analyze(cursor) -> None:
    """Fresh planner statistics and visibility map after a million rows come or go.

    ``VACUUM`` sets the visibility map that index-only scans (counts, the admin's dates) need;
    rows written by COPY leave it empty until autovacuum comes by. ``VACUUM`` cannot run inside a
    transaction block (a test's transaction, a caller's ``atomic``): there only ``ANALYZE`` runs.
    """
    tables = [model._meta.db_table for model in (District, Zone, Organization, Source, Project, Article)]
    tables += [ProjectParticipant._meta.db_table, Milestone._meta.db_table]
    tables += [through_table(Project, "other_focus_areas"), through_table(Project, "sources")]
    tables += [through_table(Article, name) for name in ("projects", "focus_areas", "organizations")]
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    cursor.execute(f"{command} {', '.join(tables)}")
