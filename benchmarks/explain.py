"""Query plans behind a scenario: its main query and its slowest, explained and checked for full scans.

The main query is the one listing projects: a SELECT from ``projects_project`` whose outermost
LIMIT is above 1 (a page, or ``get()``'s LIMIT 21), the largest such; a scenario without one
(statistics, facets only) takes its slowest SELECT. A list scenario whose main query reads all
of ``projects_project`` (a ``Seq Scan`` node) at 100,000 projects fails the bench: every page
would then cost a pass over the whole table.
"""

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT_TABLE = "projects_project"
FROM_PROJECTS = re.compile(rf'\bFROM\s+"?{PROJECT_TABLE}"?(?=[\s,)]|$)')
OUTER_LIMIT = re.compile(r"\bLIMIT\s+(\d+)(?:\s+OFFSET\s+\d+)?\s*$")
EXPLAIN_TIMEOUT = "60s"


@dataclass(frozen=True)
class CapturedQuery:
    """One SQL statement a request ran, as executed (parameters interpolated), and its time."""

    sql: str
    ms: float

    @property
    def is_select(self) -> bool:
        return self.sql.lstrip().upper().startswith(("SELECT", "WITH"))

    @property
    def page_limit(self) -> int:
        """The outermost LIMIT of a SELECT from projects_project; 0 for any other statement."""
        match = OUTER_LIMIT.search(self.sql)
        return int(match.group(1)) if match and FROM_PROJECTS.search(self.sql) else 0


def captured(context_queries: list[dict]) -> list[CapturedQuery]:
    """CaptureQueriesContext's entries as CapturedQuery (its times are seconds, as strings)."""
    return [CapturedQuery(sql=query["sql"], ms=round(float(query["time"]) * 1000, 2)) for query in context_queries]


def main_query(queries: list[CapturedQuery]) -> CapturedQuery | None:
    """The project-listing query (largest LIMIT above 1, slowest on ties), else the slowest SELECT."""
    pages = [query for query in queries if query.page_limit > 1]
    if pages:
        return max(pages, key=lambda query: (query.page_limit, query.ms))
    return slowest_query(queries)


def slowest_query(queries: list[CapturedQuery]) -> CapturedQuery | None:
    selects = [query for query in queries if query.is_select]
    return max(selects, key=lambda query: query.ms) if selects else None


def plan_nodes(plan):
    """Every node of an EXPLAIN (FORMAT JSON) plan, depth first."""
    stack = [entry["Plan"] for entry in plan] if isinstance(plan, list) else [plan]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.get("Plans", []))


def seq_scans_on(plan, relation: str = PROJECT_TABLE) -> int:
    """How many (parallel or not) sequential scans of ``relation`` the plan has."""
    return sum(
        1 for node in plan_nodes(plan) if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") == relation
    )


def explain(sql: str) -> tuple[list, bool]:
    """EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) on Django's connection, within a statement timeout;
    a query too slow for that is explained without ANALYZE. Returns the plan and whether it was analysed."""
    from django.db import DatabaseError, connection, transaction

    for options in ("ANALYZE, BUFFERS, FORMAT JSON", "FORMAT JSON"):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = '{EXPLAIN_TIMEOUT}'")
                cursor.execute(f"EXPLAIN ({options}) {sql}")
                plan = cursor.fetchone()[0]
        except DatabaseError:
            continue
        return (json.loads(plan) if isinstance(plan, str) else plan), options.startswith("ANALYZE")
    raise RuntimeError(f"EXPLAIN failed for: {sql[:200]}")


@dataclass(frozen=True)
class ExplainedQuery:
    sql: str
    ms: float
    analyzed: bool
    seq_scans: int
    plan: list

    @classmethod
    def of(cls, query: CapturedQuery) -> "ExplainedQuery":
        plan, analyzed = explain(query.sql)
        return cls(sql=query.sql, ms=query.ms, analyzed=analyzed, seq_scans=seq_scans_on(plan), plan=plan)


@dataclass(frozen=True)
class QueryPlans:
    """What was found for one scenario: the main query's plan and, when another, the slowest query's."""

    main: ExplainedQuery | None
    slowest: ExplainedQuery | None

    @classmethod
    def of(cls, queries: list[CapturedQuery]) -> "QueryPlans":
        main, slowest = main_query(queries), slowest_query(queries)
        main_plan = ExplainedQuery.of(main) if main else None
        slowest_plan = ExplainedQuery.of(slowest) if slowest and slowest != main else main_plan
        return cls(main=main_plan, slowest=slowest_plan)

    @property
    def main_seq_scan(self) -> bool:
        return bool(self.main and self.main.seq_scans)

    def save(self, path: Path, *, scenario: str, url: str, size: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {"scenario": scenario, "path": url, "size": size, **asdict(self)}
        path.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
