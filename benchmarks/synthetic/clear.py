"""Removing the synthetic registry: every record with a marker, and every link to one, and nothing else."""

from django.db import connection, transaction

from benchmarks.synthetic.copying import analyze, through_table
from benchmarks.synthetic.counts import count_rows
from benchmarks.synthetic.errors import SyntheticRegistryError
from benchmarks.synthetic.markers import synthetic_ids
from news.models import Article
from projects.models import (
    District,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Source,
    Zone,
)

_DOOMED_PROJECTS = "cci_synthetic_projects_cleared"


def _links_to_clear() -> list[tuple[str, str, list[tuple[str, type]]]]:
    """(label, table, [(column, model)]): rows of ``table`` go when a column names a synthetic record.

    Children first, the records last, so no foreign key is left pointing at a deleted row.
    """
    return [
        ("article projects", through_table(Article, "projects"), [("article_id", Article), ("project_id", Project)]),
        ("article focus areas", through_table(Article, "focus_areas"), [("article_id", Article)]),
        (
            "article organizations",
            through_table(Article, "organizations"),
            [("article_id", Article), ("organization_id", Organization)],
        ),
        ("participants", ProjectParticipant._meta.db_table, [("project_id", Project)]),
        ("milestones", Milestone._meta.db_table, [("project_id", Project)]),
        ("project focus areas", through_table(Project, "other_focus_areas"), [("project_id", Project)]),
        ("project sources", through_table(Project, "sources"), [("project_id", Project), ("source_id", Source)]),
        # Links staff may have made to synthetic records; the generator makes none.
        (
            "organization sources",
            through_table(Organization, "sources"),
            [("organization_id", Organization), ("source_id", Source)],
        ),
        ("zone sources", through_table(Zone, "sources"), [("zone_id", Zone), ("source_id", Source)]),
        ("district sources", through_table(District, "sources"), [("district_id", District), ("source_id", Source)]),
        ("projects", Project._meta.db_table, [("id", Project)]),
        ("articles", Article._meta.db_table, [("id", Article)]),
        ("organizations", Organization._meta.db_table, [("id", Organization)]),
        ("zones", Zone._meta.db_table, [("id", Zone)]),
        ("districts", District._meta.db_table, [("id", District)]),
        ("sources", Source._meta.db_table, [("id", Source)]),
    ]


def _kept_records_pointing_at_synthetic(cursor) -> list[str]:
    """Records that are not synthetic but refer to synthetic ones, as "projects in a synthetic zone: 3"."""
    # (label, table, column, the synthetic records it refers to, the column and model that make
    # a row synthetic itself: a participant or milestone goes with its project).
    checks = [
        ("projects in a synthetic zone", Project, "zone_id", Zone, ("id", Project)),
        ("projects in a synthetic district", Project, "district_id", District, ("id", Project)),
        ("zones in a synthetic district", Zone, "district_id", District, ("id", Zone)),
        (
            "participants that are synthetic organizations",
            ProjectParticipant,
            "organization_id",
            Organization,
            ("project_id", Project),
        ),
        ("milestones citing a synthetic source", Milestone, "source_id", Source, ("project_id", Project)),
        ("reported figures citing a synthetic source", ReportedFigure, "source_id", Source, None),
    ]
    found = []
    for label, model, column, target, synthetic_owner in checks:
        targets, params = synthetic_ids(target)
        sql = f"SELECT count(*) FROM {model._meta.db_table} WHERE {column} IN ({targets})"
        if synthetic_owner:
            owner_column, owner_model = synthetic_owner
            owners, owner_params = synthetic_ids(owner_model)
            sql, params = f"{sql} AND {owner_column} NOT IN ({owners})", params + owner_params
        if count := count_rows(cursor, sql, params):
            found.append(f"{label}: {count:,}")
    return found


def synthetic_registry_clear() -> dict[str, int]:
    """Delete every synthetic record and every link to one, children first; returns how many rows of each.

    Demo data and staff records stay. A record that is not synthetic but refers to a synthetic one
    (a staff project in a synthetic zone) stops the clearing, with nothing deleted: change it first.
    """
    deleted = {}
    with transaction.atomic(), connection.cursor() as cursor:
        if blockers := _kept_records_pointing_at_synthetic(cursor):
            raise SyntheticRegistryError(
                f"Not cleared: records that are not synthetic refer to synthetic ones ({'; '.join(blockers)}). "
                "Change them first."
            )
        # The projects go first, their rows after (the foreign keys are checked at commit), so the
        # triggers that keep each project's facet arrays find no project left to rewrite.
        cursor.execute(f"DROP TABLE IF EXISTS {_DOOMED_PROJECTS}")  # a clear earlier in this transaction
        cursor.execute(
            f"CREATE TEMP TABLE {_DOOMED_PROJECTS} ON COMMIT DROP AS {synthetic_ids(Project)[0]}",
            synthetic_ids(Project)[1],
        )
        links = _links_to_clear()
        links.sort(key=lambda link: link[0] != "projects")
        for label, table, columns in links:
            conditions, params = [], []
            for column, model in columns:
                subquery, subquery_params = (
                    (f"SELECT id FROM {_DOOMED_PROJECTS}", []) if model is Project else synthetic_ids(model)
                )
                conditions.append(f"{column} IN ({subquery})")
                params += subquery_params
            cursor.execute(f"DELETE FROM {table} WHERE {' OR '.join(conditions)}", params)
            deleted[label] = cursor.rowcount
    with connection.cursor() as cursor:
        analyze(cursor)
    return deleted
