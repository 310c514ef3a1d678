"""The performance harness (``benchmarks/``) end to end at a tiny size on the test server: every
scenario measured from nothing, the results and the table written, gunicorn stopped."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg2
import pytest
from django.db import connection
from psycopg2 import sql

from benchmarks.scenarios import EXPORTS, LOADS, RELEASE, SCENARIOS, growth_scenarios

BASE_DIR = Path(__file__).resolve().parent.parent.parent
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

    (release,) = results["release"]
    assert (release["name"], release["status"], release["complete"], release["records"]) == (
        RELEASE.name,
        0,
        True,
        published,
    )
    assert release["files"] == 41 and release["seconds"] > 0 and release["peak_rss_mb"] > 0, release
    assert len(release["rss_quarters_mb"]) == 4, release

    assert [entry["name"] for entry in results["growth"]] == [scenario.name for scenario in growth_scenarios()]
    for entry in results["growth"]:
        assert set(entry["medians_ms"]) == {str(SMALL_SIZE), str(SIZE)} and entry["factor"] > 0, entry

    table = completed.stdout
    for name in (scenario.name for scenario in (*SCENARIOS, *EXPORTS, *LOADS, RELEASE)):
        assert f"  {name}  " in table, name
    assert table.splitlines()[1].split() == [
        *("#", "scenario", "n", "median", "ms", "p95", "ms", "cold", "ms", "queries", "floor", "ms", "ratio"),
        *("target", "result", "reason"),
    ]
    log = (artifacts / "gunicorn.log").read_text(encoding="utf-8")
    assert "Booting worker" in log and "Handling signal: term" in log and "Shutting down: Master" in log
