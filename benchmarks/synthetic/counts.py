"""How many synthetic records the database holds, and how many more projects the identifiers allow."""

from django.db import connection

from benchmarks.synthetic.dates import MAX_SEQUENCE, YEARS
from benchmarks.synthetic.markers import synthetic_ids
from news.models import Article
from projects.models import District, Organization, Project, Source, Zone

RECORD_LABELS = {
    "districts": District,
    "zones": Zone,
    "organizations": Organization,
    "sources": Source,
    "projects": Project,
    "articles": Article,
}


def count_rows(cursor, sql: str, params: list) -> int:
    """The one number a ``SELECT count(*)`` returns."""
    cursor.execute(sql, params)
    return cursor.fetchone()[0]


def synthetic_registry_counts() -> dict[str, int]:
    """How many synthetic records of each kind the database holds."""
    with connection.cursor() as cursor:
        counts = {}
        for label, model in RECORD_LABELS.items():
            subquery, params = synthetic_ids(model)
            counts[label] = count_rows(cursor, f"SELECT count(*) FROM ({subquery}) AS synthetic", params)
    return counts


def synthetic_project_capacity() -> dict[int, int]:
    """How many more identifiers each year from 2015 to the base year has room for."""
    largest = dict.fromkeys(YEARS, 0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT substr(public_id, 5, 4)::int, max(substr(public_id, 10, 4)::int) "
            f"FROM {Project._meta.db_table} GROUP BY 1"
        )
        for year, sequence in cursor.fetchall():
            if year in largest:
                largest[year] = sequence
    return {year: MAX_SEQUENCE - sequence for year, sequence in largest.items()}
