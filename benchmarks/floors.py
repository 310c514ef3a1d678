"""Floors: what a scenario's rows cost at the least, to set the app's time beside.

A floor fetches the rows a response shows (the same projects, in the same order, with their
focus areas, partners, milestones, sources and articles as ``json_agg`` subqueries, and the
match count when the page shows one) in ONE hand-written SQL statement on a raw psycopg2
cursor, and serialises them with orjson. The scenario's median divided by its floor's median
says how much the app adds on top of the database work that cannot be avoided.
"""

import time
from dataclasses import dataclass, field
from typing import Any

import orjson

from benchmarks.facts import PAGE_SIZE, RegistryFacts

FILTERED_STATUSES = ("implementation", "completion")
SIGNED_AFTER = "2018-01-01"
DEFAULT_ORDER = "p.signed_date DESC NULLS LAST, p.public_id"
SEARCH_QUERY = "websearch_to_tsquery('english', %(q)s)"


@dataclass(frozen=True)
class FloorQuery:
    """Which published projects (``where``, ``order``, ``limit``) and whether the page counts them all."""

    where: str
    order: str
    limit: int = PAGE_SIZE
    params: dict[str, Any] = field(default_factory=dict)
    counted: bool = True
    single: bool = False  # a detail: one object, not a page

    def sql(self) -> str:
        count_cte = f", counted AS (SELECT count(*) AS total FROM projects_project p WHERE {self.where})"
        return PAGE_SQL.format(
            where=self.where,
            order=self.order,
            count_cte=count_cte if self.counted else "",
            count_column=", counted.total AS total_count" if self.counted else "",
            count_join="CROSS JOIN counted" if self.counted else "",
        )


# The project's own columns, its related records as JSON, in the API's field order.
PAGE_SQL = """
WITH page AS (
    SELECT p.* FROM projects_project p WHERE {where} ORDER BY {order} LIMIT %(limit)s
){count_cte}
SELECT
    p.public_id AS id,
    'http://testserver/api/v1/projects/' || p.public_id || '/' AS url,
    'http://testserver/projects/' || p.public_id || '/' AS public_url,
    p.slug, p.title_en, p.title_zh, p.summary_en, p.summary_zh, p.description_en, p.description_zh, p.status,
    fa.code AS focus_area,
    (SELECT coalesce(json_agg(f.code ORDER BY f.position, f.code), '[]')
       FROM projects_project_other_focus_areas pf JOIN projects_focusarea f ON f.id = pf.focusarea_id
      WHERE pf.project_id = p.id) AS other_focus_areas,
    sc.code AS scheme,
    z.slug AS zone,
    d.slug AS district,
    p.latitude, p.longitude, p.location_precision,
    (SELECT coalesce(json_agg(json_build_object(
                'organization', o.slug, 'name_en', o.name_en, 'name_zh', o.name_zh,
                'country', o.country, 'role', pp.role) ORDER BY pp.position, pp.id), '[]')
       FROM projects_projectparticipant pp
       JOIN projects_organization o ON o.id = pp.organization_id AND o.is_published
      WHERE pp.project_id = p.id) AS participants,
    p.contract_amount, p.currency, p.contract_amount_usd, p.usd_rate, p.usd_rate_date,
    p.signed_date, p.signed_date_precision, p.operation_start_date, p.operation_start_date_precision,
    (SELECT coalesce(json_agg(json_build_object(
                'date', m.date, 'date_precision', m.date_precision, 'title_en', m.title_en, 'title_zh', m.title_zh,
                'source', CASE WHEN ms.id IS NOT NULL THEN json_build_object(
                    'id', ms.id, 'title_en', ms.title_en, 'title_zh', ms.title_zh,
                    'publisher_en', ms.publisher_en, 'publisher_zh', ms.publisher_zh, 'url', ms.url,
                    'document_en', ms.document_en, 'document_zh', ms.document_zh,
                    'published_on', ms.published_on) END) ORDER BY m.date, m.id), '[]')
       FROM projects_milestone m LEFT JOIN projects_source ms ON ms.id = m.source_id
      WHERE m.project_id = p.id) AS milestones,
    (SELECT coalesce(json_agg(json_build_object(
                'id', s.id, 'title_en', s.title_en, 'title_zh', s.title_zh,
                'publisher_en', s.publisher_en, 'publisher_zh', s.publisher_zh, 'url', s.url,
                'document_en', s.document_en, 'document_zh', s.document_zh,
                'published_on', s.published_on) ORDER BY s.published_on DESC, s.title_en), '[]')
       FROM projects_project_sources ps JOIN projects_source s ON s.id = ps.source_id
      WHERE ps.project_id = p.id) AS sources,
    (SELECT coalesce(json_agg(a.slug ORDER BY a.published_on DESC), '[]')
       FROM news_article_projects ap JOIN news_article a ON a.id = ap.article_id AND a.is_published
      WHERE ap.project_id = p.id) AS articles,
    p.is_published, p.created_at, p.updated_at{count_column}
FROM page p
LEFT JOIN projects_focusarea fa ON fa.id = p.focus_area_id
LEFT JOIN projects_scheme sc ON sc.id = p.scheme_id
LEFT JOIN projects_zone z ON z.id = p.zone_id AND z.is_published
LEFT JOIN projects_district d ON d.id = p.district_id
{count_join}
ORDER BY {order}
"""


def default_page(facts: RegistryFacts) -> FloorQuery:
    """``/api/v1/projects/``: the first 50 published projects, newest signing first."""
    return FloorQuery(where="p.is_published", order=DEFAULT_ORDER)


def filtered_page(facts: RegistryFacts) -> FloorQuery:
    """Focus area (primary or further), two statuses, signed after a date, largest amount first."""
    return FloorQuery(
        where=(
            "p.is_published AND (p.focus_area_id = %(focus_area)s OR p.id IN ("
            "SELECT project_id FROM projects_project_other_focus_areas WHERE focusarea_id = %(focus_area)s))"
            " AND p.status = ANY(%(statuses)s) AND p.signed_date >= %(signed_after)s"
        ),
        order="p.contract_amount_usd DESC NULLS LAST, p.id",
        params={"focus_area": facts.focus_area_id, "statuses": list(FILTERED_STATUSES), "signed_after": SIGNED_AFTER},
    )


def search_page(word: str) -> FloorQuery:
    """Full-text match (or the Chinese title as a substring), best rank first: the API's ``q``."""
    return FloorQuery(
        where=f"p.is_published AND (p.search_vector @@ {SEARCH_QUERY} OR upper(p.title_zh) LIKE upper(%(like)s))",
        order=f"ts_rank(p.search_vector, {SEARCH_QUERY}) DESC, p.id",
        params={"q": word, "like": f"%{word}%"},
    )


def common_search_page(facts: RegistryFacts) -> FloorQuery:
    return search_page(facts.common_word)


def everywhere_search_page(facts: RegistryFacts) -> FloorQuery:
    return search_page(facts.everywhere_word)


def first_cursor_page(facts: RegistryFacts) -> FloorQuery:
    """``?cursor=``: the first 50 in primary-key order, no count."""
    return FloorQuery(where="p.is_published", order="p.id", counted=False)


def deep_cursor_page(facts: RegistryFacts) -> FloorQuery:
    """The cursor page after the 90,000th project: 50 with a greater primary key."""
    return FloorQuery(
        where="p.is_published AND p.id > %(after)s",
        order="p.id",
        params={"after": facts.cursor_after_pk},
        counted=False,
    )


def one_project(facts: RegistryFacts) -> FloorQuery:
    """``/api/v1/projects/<id>/`` (and the project page): one project with everything it shows."""
    return FloorQuery(
        where="p.is_published AND p.public_id = %(public_id)s",
        order="p.id",
        limit=1,
        params={"public_id": facts.project_id},
        counted=False,
        single=True,
    )


class Floor:
    """A floor query ready to run on a psycopg2 connection, JSON from orjson in and out."""

    def __init__(self, query: FloorQuery, raw_connection):
        from psycopg2.extras import register_default_json

        self.query = query
        self.sql = query.sql()
        self.params = {**query.params, "limit": query.limit}
        self.cursor = raw_connection.cursor()
        register_default_json(self.cursor, loads=orjson.loads)

    def run(self) -> bytes:
        """Fetch and serialise once; returns the JSON body."""
        self.cursor.execute(self.sql, self.params)
        names = [column.name for column in self.cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in self.cursor.fetchall()]
        if self.query.single:
            if not rows:
                raise LookupError("the floor found no project")
            return orjson.dumps(rows[0], default=str)
        if not self.query.counted:
            return orjson.dumps({"results": rows}, default=str)
        total = rows[0]["total_count"] if rows else 0
        for row in rows:
            del row["total_count"]
        return orjson.dumps({"count": total, "results": rows}, default=str)

    def timed(self) -> float:
        started = time.perf_counter()
        self.run()
        return time.perf_counter() - started

    def close(self) -> None:
        self.cursor.close()
