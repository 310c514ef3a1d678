"""Counts and US-dollar totals of a set of projects, by focus area, scheme, zone, district,
partner, partner country, status and signing year: the one home of these numbers, read by the
project list's facets, the statistics, the home page and the API.

Each breakdown is one ``GROUP BY`` query over the set, never a subquery per option, so it costs
the same for four focus areas or five thousand partners. Every row carries two sets of figures:
``all_projects`` counts every status (facets: what ticking the option would list), while
``projects`` and ``amount_usd`` follow the counting rule (:data:`projects.querysets.UNCOUNTED_STATUS`).

A project counts once per option: once in each focus area it names (primary or further), once
for each of its partners and each of its partners' countries, whatever their roles.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from projects.choices import ProjectStatus
from projects.models import District, FocusArea, Organization, Scheme, Zone
from projects.querysets import UNCOUNTED_STATUS

ZERO = Decimal("0")
FACET_WORK_MEM = "64MB"


@dataclass(frozen=True)
class Tally:
    """One option of a breakdown. ``record`` is the focus area, scheme, zone, district or
    organization (``None`` for a country, a status or a year); ``key`` its code, slug, ISO code,
    status or year ("" for projects without one)."""

    key: str
    record: object
    all_projects: int
    projects: int
    amount_usd: Decimal


@dataclass(frozen=True)
class Breakdown:
    """The options of a breakdown, and how many options have projects at all (when a ``limit``
    left some out)."""

    rows: list[Tally]
    option_count: int

    def __iter__(self):
        return iter(self.rows)


def _scope(projects: QuerySet) -> tuple[str, list]:
    """The set's primary keys as SQL: ``SELECT id FROM projects_project WHERE ...``."""
    sql, params = projects.order_by().values("pk").query.sql_with_params()
    return sql, list(params)


def _fetch(sql: str, params: Sequence) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# What every link row carries: the project, whether the counting rule counts it, its amount.
_LINK_COLUMNS = f"p.id AS project_id, p.status <> '{UNCOUNTED_STATUS.value}' AS counted, p.contract_amount_usd AS amt"
_FIGURES = (
    "COUNT(x.project_id), COUNT(x.project_id) FILTER (WHERE x.counted), "
    "COALESCE(SUM(x.amt) FILTER (WHERE x.counted), 0)"
)


def _project_links(column: str, scope: str) -> str:
    """One row per project and value of one of its columns (scheme, status, signing date)."""
    return f"SELECT {_LINK_COLUMNS}, p.{column} AS ref FROM projects_project p WHERE p.id IN ({scope})"


def _array_links(array: str, scope: str) -> str:
    """One row per project and element of one of its facet arrays (focus areas: primary or
    further; partner countries: of published partners), each once."""
    return f"SELECT {_LINK_COLUMNS}, unnest(p.{array}) AS ref FROM projects_project p WHERE p.id IN ({scope})"


def _by_vocabulary(model, *, links: str, params: list) -> Breakdown:
    """Tallies of every focus area or scheme (each joined to the ``links`` that point at it), in order."""
    sql = (
        f"SELECT v.id, v.code, v.name_en, v.name_zh, v.position, {_FIGURES} "
        f"FROM {model._meta.db_table} v LEFT JOIN ({links}) x ON x.ref = v.id GROUP BY v.id "
        "ORDER BY v.position, v.code"
    )
    rows = []
    for pk, code, name_en, name_zh, position, *figures in _fetch(sql, params):
        record = model(id=pk, code=code, name_en=name_en, name_zh=name_zh, position=position)
        rows.append(Tally(code, record, *figures))
    return Breakdown(rows, sum(1 for row in rows if row.all_projects))


def _python_ordering(model):
    if model in (FocusArea, Scheme):
        return lambda record: (record.position, record.code)
    return lambda record: (record.name_en, record.id)


def by_focus_area(projects: QuerySet) -> Breakdown:
    scope, params = _scope(projects)
    return _by_vocabulary(FocusArea, links=_array_links("facet_focus_areas", scope), params=params)


def by_scheme(projects: QuerySet) -> Breakdown:
    scope, params = _scope(projects)
    return _by_vocabulary(Scheme, links=_project_links("scheme_id", scope), params=params)


def by_partner_country(projects: QuerySet) -> Breakdown:
    """One row a country (ISO code) among published partners, by code."""
    scope, params = _scope(projects)
    links = _array_links("facet_countries", scope)
    sql = f"SELECT x.ref, {_FIGURES} FROM ({links}) x GROUP BY x.ref ORDER BY x.ref"
    rows = [Tally(code, None, *figures) for code, *figures in _fetch(sql, params)]
    return Breakdown(rows, len(rows))


def by_status(projects: QuerySet) -> Breakdown:
    """Every status of the codelist, in its order; cancelled rows have ``projects`` 0 by the rule."""
    scope, params = _scope(projects)
    sql = (
        f"SELECT x.ref, {_FIGURES}, COALESCE(SUM(x.amt), 0) FROM ({_project_links('status', scope)}) x GROUP BY x.ref"
    )
    found = {status: figures for status, *figures in _fetch(sql, params)}
    rows = []
    for status in ProjectStatus:
        all_projects, _counted, _counted_amount, amount = found.get(status.value, (0, 0, ZERO, ZERO))
        # The status breakdown shows what each status holds, cancelled included (marked apart).
        rows.append(Tally(status.value, status, all_projects, all_projects, amount))
    return Breakdown(rows, sum(1 for row in rows if row.all_projects))


def by_signing_year(projects: QuerySet) -> Breakdown:
    """One row a signing year, oldest first; projects with no signing date last (key "")."""
    scope, params = _scope(projects)
    links = _project_links("signed_date", scope)
    sql = (
        f"SELECT EXTRACT(YEAR FROM x.ref)::int AS year, {_FIGURES} FROM ({links}) x "
        "GROUP BY year HAVING COUNT(x.project_id) FILTER (WHERE x.counted) > 0 ORDER BY year NULLS LAST"
    )
    rows = [Tally("" if year is None else str(year), None, *figures) for year, *figures in _fetch(sql, params)]
    return Breakdown(rows, len(rows))


# Facets: every breakdown of the project list in one statement.
# The project list's facets, in the order the page shows them.
FACETS = ("focus_area", "scheme", "status", "zone", "district", "partner_country", "organization")
# Those with many options: the list shows their top ones, their own page every one.
LONG_FACETS = ("zone", "district", "organization")
_RECORD_FACETS = {
    # facet: (model, the field that names an option in the URL)
    "focus_area": (FocusArea, "code"),
    "scheme": (Scheme, "code"),
    "zone": (Zone, "slug"),
    "district": (District, "slug"),
    "organization": (Organization, "slug"),
}


def _matches(name: str, values: Sequence) -> Q:
    """What the list's filter ``name`` lets through, read from the project's own row (its facet
    arrays): the same projects as the FilterSet's filter for readers who see no drafts, without a join
    (for staff, the list counts a partner-country filter's rows itself: projects/project_list.py)."""
    if name == "focus_area":
        return Q(facet_focus_areas__overlap=list(values))
    if name == "organization":
        return Q(facet_partners__overlap=list(values))
    if name == "partner_country":
        return Q(facet_countries__overlap=list(values))
    column = {"scheme": "scheme_id", "zone": "zone_id", "district": "district_id", "status": "status"}[name]
    return Q(**{f"{column}__in": list(values)})


def facet_counts(
    projects: QuerySet, narrowed_by: dict[str, Sequence], *, limit: int | None, chosen: dict[str, Sequence]
) -> tuple[dict[str, Breakdown], int]:
    """Every facet of the project list, and how many projects it lists, in one SQL statement.

    ``projects`` are the published projects matching the filters that are not facets (search,
    dates, amounts); ``narrowed_by`` maps each active facet filter to its chosen ids or codes.
    The statement reads ``projects`` once into a materialized set with one flag per active
    facet filter, then counts each facet over the rows whose other flags hold (a facet counts
    what ticking its option would list). Focus areas, partners and partner countries come from
    each project's facet arrays (kept by triggers), so no count joins the participants. Long
    facets (zones, districts, partners) keep their ``limit`` options with most projects plus the
    ``chosen`` ids (every option with projects when ``limit`` is None). Every count is of
    projects of any status (what the list shows).
    """
    flags = {f"f{index}": name for index, name in enumerate(narrowed_by)}
    rows = projects.order_by().annotate(
        **{
            flag: ExpressionWrapper(_matches(name, narrowed_by[name]), output_field=BooleanField())
            for flag, name in flags.items()
        }
    )
    rows = rows.values(
        "id",
        "scheme_id",
        "zone_id",
        "district_id",
        "status",
        "facet_focus_areas",
        "facet_partners",
        "facet_countries",
        *flags,
    )
    scope_sql, params = rows.query.sql_with_params()
    params = list(params)

    def where(facet: str | None) -> str:
        conditions = [f"s.{flag}" for flag, name in flags.items() if name != facet]
        return f"WHERE {' AND '.join(conditions)}" if conditions else ""

    links = {
        "focus_area": f"SELECT s.id, unnest(s.facet_focus_areas) AS ref FROM s {where('focus_area')}",
        "scheme": f"SELECT s.id, s.scheme_id AS ref FROM s {where('scheme')}",
        "zone": f"SELECT s.id, s.zone_id AS ref FROM s {where('zone')}",
        "district": f"SELECT s.id, s.district_id AS ref FROM s {where('district')}",
        "organization": f"SELECT s.id, unnest(s.facet_partners) AS ref FROM s {where('organization')}",
    }

    branches = [
        f"SELECT 'total', NULL::bigint, NULL::text, COUNT(*), 0 FROM s {where(None)}",
        f"SELECT 'status', NULL, s.status, COUNT(*), 0 FROM s {where('status')} GROUP BY s.status",
        "SELECT 'partner_country', NULL, x.country, COUNT(*), 0 FROM "
        f"(SELECT unnest(s.facet_countries) AS country FROM s {where('partner_country')}) x GROUP BY x.country",
    ]
    for name in _RECORD_FACETS:
        join = {
            "zone": "JOIN projects_zone v ON v.id = x.ref AND v.is_published",
            "organization": "JOIN projects_organization v ON v.id = x.ref AND v.is_published",
        }.get(name, "")
        branch = f"SELECT '{name}', x.ref, NULL, COUNT(*), COUNT(*) OVER () FROM ({links[name]}) x {join} "
        branch += "WHERE x.ref IS NOT NULL GROUP BY x.ref"
        if name in LONG_FACETS and limit is not None:
            branch += f" ORDER BY x.ref = ANY(%s) DESC, COUNT(*) DESC, x.ref LIMIT {int(limit)}"
            params.append(list(chosen.get(name, ())))
        branches.append(f"({branch})")
    sql = f"WITH s AS MATERIALIZED ({scope_sql}) " + " UNION ALL ".join(branches)
    with transaction.atomic(), connection.cursor() as cursor:
        # The materialized set of a 100,000-project registry is about 16 MB: in memory, not on disk.
        cursor.execute(f"SET LOCAL work_mem = '{FACET_WORK_MEM}'")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return _facet_breakdowns(rows, chosen)


def _facet_breakdowns(rows, chosen: dict[str, Sequence]) -> tuple[dict[str, Breakdown], int]:
    """Tallies from the statement's rows; options chosen but counting nothing are kept at 0."""
    counts: dict[str, dict] = {name: {} for name in FACETS}
    option_counts: dict[str, int] = {}
    total = 0
    for facet, ref_id, ref, count, options in rows:
        if facet == "total":
            total = count
        else:
            counts[facet][ref_id if ref_id is not None else ref] = count
            option_counts[facet] = options
    breakdowns: dict[str, Breakdown] = {}
    for name, (model, key) in _RECORD_FACETS.items():
        if model in (FocusArea, Scheme):  # four of each: every option, in their order
            records = {record.pk: record for record in model.objects.all()}
        else:
            wanted = [*counts[name], *chosen.get(name, ())]
            records = model.objects.in_bulk(wanted) if wanted else {}
        tallies = [
            Tally(str(getattr(record, key)), record, counts[name].get(pk, 0), 0, ZERO)
            for pk, record in records.items()
        ]
        ordering = _python_ordering(model)
        tallies.sort(key=lambda tally, ordering=ordering: ordering(tally.record))
        breakdowns[name] = Breakdown(tallies, option_counts.get(name, 0))
    statuses = [
        Tally(status.value, status, counts["status"].get(status.value, 0), 0, ZERO) for status in ProjectStatus
    ]
    breakdowns["status"] = Breakdown(statuses, len(counts["status"]))
    codes = sorted({*counts["partner_country"], *chosen.get("partner_country", ())})
    countries = [Tally(code, None, counts["partner_country"].get(code, 0), 0, ZERO) for code in codes]
    breakdowns["partner_country"] = Breakdown(countries, len(counts["partner_country"]))
    return breakdowns, total
