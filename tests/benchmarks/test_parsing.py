"""The arithmetic and the parsing the judging reads: percentiles, wrk's report, the captured
queries and their plans."""

import pytest

from benchmarks.explain import CapturedQuery, main_query, seq_scans_on
from benchmarks.latency import Latency, percentile
from benchmarks.load import duration_ms, parse_wrk


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
