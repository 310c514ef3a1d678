"""The performance harness (``benchmarks/``): end to end at a tiny size on the test server, the floors
against the API they stand beside, and the arithmetic and parsing that decide pass or fail."""

import json
import os
import subprocess
import sys
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg2
import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from psycopg2 import sql
from rest_framework.request import Request

from benchmarks import floors
from benchmarks.database import with_database
from benchmarks.explain import CapturedQuery, main_query, seq_scans_on
from benchmarks.facts import RegistryFacts, admin_organization_filter, drf_cursor
from benchmarks.harness import HarnessError
from benchmarks.judge import growth_results, judge_export, judge_growth, judge_latency, judge_load
from benchmarks.latency import Latency, percentile
from benchmarks.load import duration_ms, parse_wrk
from benchmarks.results import ExportResult, LatencyResult, LoadResult
from benchmarks.scenarios import EXPORTS, FILTERED_API_LIST, LOADS, SCENARIOS, growth_scenarios
from benchmarks.targets import TARGETS_FILE, load_targets
from core.api.pagination import CursorPages
from news.models import Article
from projects.models import Milestone, Organization, Project
from tests.factories import (
    ParticipantRole,
    focus_area,
    make_amount,
    make_article,
    make_district,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)

BASE_DIR = Path(__file__).resolve().parent.parent
SIZE, SMALL_SIZE = 200, 150  # from 150 on, the 22 demo projects leave a word in over 80 % of them


def server_url_of_this_run() -> str:
    """A DATABASE_URL of this run's test database, on the same server, for the harness's processes."""
    settings = connection.settings_dict
    credentials = f"{quote(settings['USER'] or '', safe='')}:{quote(settings['PASSWORD'] or '', safe='')}"
    # The embedded server is reached by a Unix socket, given as OPTIONS["host"] (a ?host= in its URL).
    options = urlencode(
        {key: value for key, value in settings["OPTIONS"].items() if isinstance(value, str)}, quote_via=quote
    )
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}@{settings['HOST'] or ''}{port}/{settings['NAME']}?{options}"


def drop_databases(server_url: str, names: list[str]) -> None:
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            for name in names:
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    finally:
        admin.close()


@pytest.fixture
def bench_databases():
    """The harness's databases for this run, named after the test database, dropped before and after."""
    server_url = server_url_of_this_run()
    prefix = f"{connection.settings_dict['NAME']}_bench_"
    names = [f"{prefix}{size}" for size in (SIZE, SMALL_SIZE)]
    drop_databases(server_url, names)
    yield server_url, prefix
    drop_databases(server_url, names)


@pytest.mark.django_db
def test_the_harness_measures_every_scenario_from_nothing_and_stops_gunicorn(tmp_path, bench_databases):
    server_url, prefix = bench_databases
    output, artifacts = tmp_path / "results.json", tmp_path / "artifacts"
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "benchmarks.run", "--size", str(SIZE), "--growth"),
            *("--growth-sizes", f"{SMALL_SIZE},{SIZE}", "--requests", "3", "--warmup", "1"),
            *("--wrk-duration", "2", "--no-targets", "--time-limit", "170", "--database-prefix", prefix),
            *("--output", str(output), "--artifacts", str(artifacts)),
        ],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": server_url},
        capture_output=True,
        text=True,
        timeout=200,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr[-5000:]
    results = json.loads(output.read_text(encoding="utf-8"))
    assert (results["passed"], results["targets_enforced"], results["harness_error"], results["errors"]) == (
        True,
        False,
        "",
        [],
    )
    assert results["size"] == SIZE
    assert results["data"]["databases_generated_now"] == {f"{prefix}{SIZE}": True, f"{prefix}{SMALL_SIZE}": True}
    assert results["machine"]["cores"] == os.cpu_count()
    assert results["machine"]["postgresql"]
    facts = results["data"]["facts"]
    published = facts["published_projects"]
    assert published >= SIZE * 0.9  # the synthetic projects, most of them published, and the demo data

    assert [entry["name"] for entry in results["latency"]] == [scenario.name for scenario in SCENARIOS]
    for entry in results["latency"]:
        assert entry["statuses"] == {"200": 6}, entry  # cold probe, warm-up, warm probe, 3 measured
        assert entry["requests"] == 3 and entry["queries"] > 0, entry
        assert 0 < entry["min_ms"] <= entry["median_ms"] <= entry["p95_ms"] <= entry["max_ms"], entry
        assert entry["target"].startswith("median ≤"), entry
        plan = json.loads(Path(entry["explain_file"]).read_text(encoding="utf-8"))
        assert plan["scenario"] == entry["name"] and plan["main"]["plan"][0]["Plan"], entry
    floored = {entry["name"] for entry in results["latency"] if entry["floor_median_ms"]}
    assert floored == {scenario.name for scenario in SCENARIOS if scenario.floor}
    assert all(entry["ratio"] > 0 for entry in results["latency"] if entry["name"] in floored)

    assert [entry["name"] for entry in results["exports"]] == [scenario.name for scenario in EXPORTS]
    for entry in results["exports"]:
        assert (entry["status"], entry["complete"], entry["records"]) == (200, True, published), entry
        assert entry["seconds"] > 0 and entry["worker_peak_rss_mb"] >= entry["worker_idle_rss_mb"] > 0, entry

    assert [entry["name"] for entry in results["load"]] == [scenario.name for scenario in LOADS]
    for entry in results["load"]:
        assert (entry["preflight_status"], entry["connections"], entry["duration_s"]) == (200, 64, 2), entry
        assert entry["requests"] > 0 and entry["requests_per_s"] > 0 and entry["p99_ms"] > 0, entry
        assert entry["failed_requests"] == 0, entry

    assert [entry["name"] for entry in results["growth"]] == [scenario.name for scenario in growth_scenarios()]
    for entry in results["growth"]:
        assert set(entry["medians_ms"]) == {str(SMALL_SIZE), str(SIZE)} and entry["factor"] > 0, entry

    table = completed.stdout
    for name in (scenario.name for scenario in (*SCENARIOS, *EXPORTS, *LOADS)):
        assert f"  {name}  " in table, name
    assert table.splitlines()[1].split() == [
        *("#", "scenario", "n", "median", "ms", "p95", "ms", "cold", "ms", "queries", "floor", "ms", "ratio"),
        *("target", "result", "reason"),
    ]
    log = (artifacts / "gunicorn.log").read_text(encoding="utf-8")
    assert "Booting worker" in log and "Handling signal: term" in log and "Shutting down: Master" in log


# The floors fetch what the API shows -------------------------------------------------------


def as_instants(value):
    """The same JSON with every ISO date-time as an aware datetime (the API writes +08:00, the floor UTC)."""
    if isinstance(value, dict):
        return {key: as_instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_instants(item) for item in value]
    if isinstance(value, str) and "T" in value and value[:4].isdigit():
        return datetime.fromisoformat(value)
    return value


def registry_facts(**known) -> RegistryFacts:
    blanks = {field.name: 0 if field.type is int else "" for field in fields(RegistryFacts)}
    return RegistryFacts(**{**blanks, **known})


def floor_body(query: floors.FloorQuery) -> dict:
    connection.ensure_connection()
    floor = floors.Floor(query, connection.connection)
    try:
        return json.loads(floor.run())
    finally:
        floor.close()


@pytest.fixture
def registry():
    """Projects with everything a project shows, and the drafts a reader must not see."""
    public, draft = make_organization(name_en="Port Operator", country="CN"), make_organization(is_published=False)
    source = make_source(published_on=date(2021, 5, 1))
    projects = [
        make_project(
            title_en=f"Cold chain logistics hub {n}",
            summary="A cooperation project",
            participants=[(public, ParticipantRole.OPERATOR), (draft, ParticipantRole.FUNDING)],
            zone=make_zone(is_published=n % 2 == 0),
            district=make_district(),
            scheme=scheme(),
            signed_date=date(2019 + n, 3, 1),
            status=["implementation", "completion", "preparation"][n % 3],
            **make_amount(f"{1000 * (n + 1)}.00"),
        )
        for n in range(5)
    ]
    projects[0].other_focus_areas.add(focus_area("ict"))
    projects[1].sources.add(source, make_source())
    Milestone.objects.create(project=projects[1], date=date(2021, 6, 1), title_en="Opened", source=source)
    for published in (True, False):
        make_article(is_published=published).projects.add(projects[1])
    make_project(title_en="A draft logistics hub", is_published=False)
    make_project(title_en="Aviation school", focus_area=focus_area("aviation"))
    assert Article.objects.count() == 2
    return projects


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/projects/", floors.default_page(registry_facts())),
        ("/api/v1/projects/?q=logistics", floors.search_page("logistics")),
        ("/api/v1/projects/?cursor=", floors.first_cursor_page(registry_facts())),
    ],
)
def test_a_floor_fetches_the_page_the_api_shows(client, registry, path, query):
    shown = client.get(path).json()
    fetched = floor_body(query)

    assert len(fetched["results"]) >= 5
    assert as_instants(fetched["results"]) == as_instants(shown["results"])
    assert fetched.get("count") == shown.get("count")  # the numbered pages count, the cursor pages do not


@pytest.mark.django_db
def test_the_filtered_floor_fetches_the_filtered_page(client, registry):
    logistics = focus_area("transport-logistics")
    shown = client.get(FILTERED_API_LIST.format(focus_area=logistics.code)).json()
    fetched = floor_body(floors.filtered_page(registry_facts(focus_area_id=logistics.pk)))

    assert shown["count"] == fetched["count"] == 4
    assert as_instants(fetched["results"]) == as_instants(shown["results"])


@pytest.mark.django_db
def test_the_deep_cursor_and_the_project_floors_fetch_what_the_api_shows(client, registry):
    after, project = registry[1].pk, registry[1]
    deep = client.get(f"/api/v1/projects/?cursor={quote(drf_cursor(after), safe='')}").json()
    one = client.get(f"/api/v1/projects/{project.public_id}/").json()
    later = [*registry[2:], Project.objects.get(title_en="Aviation school")]

    assert [item["id"] for item in deep["results"]] == [item.public_id for item in later]
    assert as_instants(floor_body(floors.deep_cursor_page(registry_facts(cursor_after_pk=after)))["results"]) == (
        as_instants(deep["results"])
    )
    assert as_instants(floor_body(floors.one_project(registry_facts(project_id=project.public_id)))) == (
        as_instants(one)
    )
    port_operator = Organization.objects.get(name_en="Port Operator")
    assert [item["organization"] for item in one["participants"]] == [port_operator.slug]
    assert (len(one["articles"]), len(one["sources"]), len(one["milestones"])) == (1, 2, 1)


@pytest.mark.django_db
def test_the_admin_organization_filter_is_the_admin_s_own_when_it_has_one(monkeypatch):
    organization = make_organization()
    project_admin = admin.site.get_model_admin(Project)

    undeclared = admin_organization_filter(organization)
    monkeypatch.setattr(
        project_admin, "list_filter", ["status", ("participations__organization", admin.RelatedOnlyFieldListFilter)]
    )
    declared = admin_organization_filter(organization)

    assert undeclared == f"participants__id__exact={organization.pk}"
    assert declared == f"participations__organization__id__exact={organization.pk}"


def test_the_deep_cursor_is_drf_s_own_format():
    request = Request(RequestFactory().get("/api/v1/projects/", {"cursor": drf_cursor(90_123)}))

    cursor = CursorPages().decode_cursor(request)

    assert (cursor.position, cursor.offset, cursor.reverse) == ("90123", 0, False)


# The arithmetic, the parsing and the judging -------------------------------------------------


def test_percentile_is_nearest_rank_and_latency_is_in_milliseconds():
    values = [float(value) for value in range(10, 101, 10)]

    assert (percentile(values, 50), percentile(values, 95), percentile([7.0], 95)) == (50, 100, 7)
    assert Latency.of([0.010, 0.030, 0.020]) == Latency(n=3, median_ms=20.0, p95_ms=30.0, min_ms=10.0, max_ms=30.0)


WRK_REPORT = """Running 30s test @ http://127.0.0.1:8765/api/v1/projects/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   855.15ms  171.59ms   1.09s    87.72%
    Req/Sec    35.61     18.00    80.00     74.44%
  Latency Distribution
     50%  894.36ms
     75%  933.82ms
     90%  956.40us
     99%    1.06s
  14342 requests in 30.04s, 34.88MB read
  Socket errors: connect 0, read 2, write 0, timeout 12
  Non-2xx or 3xx responses: 3
Requests/sec:    477.43
Transfer/sec:      6.92MB
"""


def test_wrk_s_report_is_parsed_with_its_units_and_errors():
    figures = parse_wrk(WRK_REPORT.replace("1.06s\n", "1.06s \n"))  # wrk pads a value in seconds

    assert figures == {
        "requests": 14342,
        "seconds": 30.04,
        "requests_per_s": 477.43,
        "p50_ms": 894.36,
        "p75_ms": 933.82,
        "p90_ms": 0.96,
        "p99_ms": 1060.0,
        "socket_errors": {"connect": 0, "read": 2, "write": 0, "timeout": 12},
        "non_2xx": 3,
    }
    assert (duration_ms("2.00m"), duration_ms("512.00us")) == (120_000.0, 0.512)
    with pytest.raises(ValueError, match="not a wrk report"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_the_main_query_is_the_project_page_query_and_seq_scans_are_found():
    queries = [
        CapturedQuery(
            'SELECT COUNT(*) AS "__count" FROM "projects_project" WHERE "projects_project"."is_published"', 9
        ),
        CapturedQuery('SELECT "projects_project"."id" FROM "projects_project" ORDER BY "id" DESC LIMIT 1', 1),
        CapturedQuery('SELECT "projects_project"."id" FROM "projects_project" WHERE (x) LIMIT 50', 3),
        CapturedQuery('SELECT "id" FROM "projects_projectparticipant" WHERE "project_id" IN (1, 2) LIMIT 50', 5),
    ]
    plan = [
        {"Plan": {"Node Type": "Limit", "Plans": [{"Node Type": "Seq Scan", "Relation Name": "projects_project"}]}}
    ]

    assert main_query(queries).ms == 3
    assert main_query(queries[:2]).ms == 9  # no page: the slowest SELECT
    assert seq_scans_on(plan) == 1
    assert seq_scans_on([{"Plan": {"Node Type": "Index Scan", "Relation Name": "projects_project"}}]) == 0


def latency(name: str = "api-list", **figures) -> LatencyResult:
    defaults = {"requests": 50, "statuses": {"200": 52}, "median_ms": 10.0, "queries": 5, "size": 100_000}
    return LatencyResult(name=name, **{**defaults, **figures})


def test_a_latency_scenario_fails_on_each_target_it_misses():
    targets = load_targets()
    first = latency("api-cursor-first", median_ms=10.0)
    deep = latency("api-cursor-deep", median_ms=19.0, main_seq_scans=1, explain_file="x.json")
    page = latency("project-page", median_ms=16.0, queries=12, ratio=4.5, floor_median_ms=3.5, statuses={"500": 1})
    small = latency("api-list", size=10_000, main_seq_scans=1, requests=12)
    everywhere = latency("api-search-everywhere", main_seq_scans=1, explain_file="y.json")

    for result in (first, deep, page, small, everywhere):
        judge_latency(result, targets, same_size={"api-cursor-first": first})

    assert first.passed is True
    assert deep.misses == [
        "median 19 ms > 1.2x api-cursor-first (10 ms)",
        "Seq Scan on projects_project in its list query (plan: x.json)",
    ]
    assert page.errors == ["responses other than 200: 500 x1"]
    assert page.misses == ["median 16 ms > 15 ms", "4.5x its floor (3.5 ms) > 4x", "12 queries > 10"]
    assert small.misses == ["only 12 requests in 0 s (at least 50)"]
    assert small.notes == ["Seq Scan on projects_project in its list query (plan: ): allowed below 50,000 projects"]
    assert (everywhere.passed, everywhere.notes) == (
        True,
        ["Seq Scan on projects_project in its list query (plan: y.json): allowed for this scenario"],
    )


def test_an_export_must_be_complete_and_a_load_free_of_errors():
    targets = load_targets()
    cut = ExportResult(name="csv-export", status=200, seconds=31.0, failure="cut off after 40.0 MB", records=9)
    heavy = ExportResult(name="csv-export", status=200, seconds=3.0, complete=True, worker_rss_growth_mb=151.0)
    busy = LoadResult(name="wrk-home", preflight_status=200, requests=900, requests_per_s=299.0, p99_ms=501.0)
    busy.failed_requests, busy.socket_errors = 12, {"timeout": 12}

    judge_export(cut, targets.export["csv-export"])
    judge_export(heavy, targets.export["csv-export"])
    judge_load(busy, targets.load["wrk-home"])

    assert (cut.errors, cut.misses) == (["cut off after 40.0 MB"], ["31 s > 15 s"])
    assert (heavy.errors, heavy.misses) == ([], ["the worker grew by 151 MB > 150 MB"])
    assert busy.misses == [
        "299 req/s < 300",
        "p99 501.0 ms > 500 ms",
        "12 errors (non-2xx 0; socket: timeout 12)",
    ]


def test_growth_compares_the_largest_size_with_the_smallest():
    by_size = {
        1000: [latency("api-list", median_ms=10.0), latency("stats", median_ms=8.0)],
        100_000: [latency("api-list", median_ms=25.0), latency("stats", median_ms=12.0)],
    }
    growth = growth_results(by_size, ["api-list", "stats"])
    for result in growth:
        judge_growth(result, load_targets().growth)

    assert [(result.medians_ms, result.factor, result.passed) for result in growth] == [
        ({"1000": 10.0, "100000": 25.0}, 2.5, False),
        ({"1000": 8.0, "100000": 12.0}, 1.5, True),
    ]
    assert growth[0].misses == ["grew 2.5x from 1,000 to 100,000 projects"]


def test_the_targets_cover_every_scenario_and_refuse_unknown_ones(tmp_path):
    targets = load_targets(TARGETS_FILE)
    assert set(targets.latency) == {scenario.name for scenario in SCENARIOS}
    assert (targets.latency["api-list"].median_ms, targets.latency["api-list"].floor_ratio) == (20, 2.5)
    assert targets.growth.sizes == (1000, 10_000, 100_000)

    broken = tmp_path / "targets.toml"
    broken.write_text(TARGETS_FILE.read_text(encoding="utf-8").replace("api-list =", "api-lists ="), encoding="utf-8")
    with pytest.raises(HarnessError, match=r"targets missing for \['api-list'\], unknown names \['api-lists'\]"):
        load_targets(broken)


def test_a_bench_database_is_the_same_server_under_another_name():
    url = "postgres://postgres:secret@/cci_portal?host=%2Fwork%2Fmain%2Fvar%2Fpgdata"

    assert with_database(url, "cci_bench_1000") == (
        "postgres://postgres:secret@/cci_bench_1000?host=%2Fwork%2Fmain%2Fvar%2Fpgdata"
    )
