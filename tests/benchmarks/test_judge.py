"""The judging: each target a scenario misses, in words, and the targets file that names them."""

import pytest

from benchmarks.harness import HarnessError
from benchmarks.judge import growth_results, judge_export, judge_growth, judge_latency, judge_load
from benchmarks.results import ExportResult, LatencyResult, LoadResult
from benchmarks.scenarios import SCENARIOS
from benchmarks.targets import TARGETS_FILE, load_targets


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
