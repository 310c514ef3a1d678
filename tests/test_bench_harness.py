"""The performance harness (``benchmarks/run.py``): end to end against a real gunicorn in a tiny
mode, and the arithmetic that decides pass or fail."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.db.models import F

from benchmarks.run import (
    ENDPOINTS,
    NOT_SENT,
    TARGETS_FILE,
    Endpoint,
    HarnessError,
    Outcome,
    judge,
    load_targets,
    percentile,
    summarize,
)
from projects.models import Project

BASE_DIR = Path(__file__).resolve().parent.parent


def database_url_of_this_run() -> str:
    """A DATABASE_URL naming this run's test database, on the same server, for the harness's processes."""
    settings = connection.settings_dict
    credentials = f"{quote(settings['USER'] or '', safe='')}:{quote(settings['PASSWORD'] or '', safe='')}"
    # The embedded server is reached by a Unix socket, given as OPTIONS["host"] (a ?host= in its URL).
    options = urlencode({key: value for key, value in settings["OPTIONS"].items() if isinstance(value, str)})
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}@{settings['HOST'] or ''}{port}/{settings['NAME']}?{options}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_vocabularies")
def test_the_harness_measures_every_url_over_gunicorn_and_stops_it(tmp_path):
    output = tmp_path / "latest.json"
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "benchmarks.run", "--requests", "5", "--warmup", "1", "--no-targets"),
            *("--time-limit", "60", "--output", str(output)),
        ],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url_of_this_run()},
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    # The harness loaded the demo data into the empty database before serving it.
    assert Project.objects.published().count() == 22
    first_project = (
        Project.objects.published().order_by(F("signed_date").desc(nulls_last=True), "public_id").first().public_id
    )
    project_path = f"/projects/{first_project}/"
    expected_paths = [endpoint.path or project_path for endpoint in ENDPOINTS]

    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["passed"] is True
    assert report["problems"] == []
    assert report["machine"]["cpu_count"] == os.cpu_count()
    assert report["settings"] == {
        "requests_per_url": 5,
        "concurrency": 4,
        "warmup_per_url": 1,
        "gunicorn_workers": 2,
        "time_limit_s": 60.0,
        "targets_enforced": False,
    }
    assert report["targets"]["requirement_p95_ms"] == 250
    assert [result["path"] for result in report["results"]] == expected_paths
    for result in report["results"]:
        assert (result["requests"], result["sent"], result["ok"], result["failures"]) == (5, 5, 5, {}), result
        assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"], result
        assert result["requests_per_s"] > 0 and result["mean_kb"] > 0, result
        assert result["passed"] is True

    table = completed.stdout.splitlines()
    assert table[0].split() == [
        *("URL", "n", "ok", "p50", "ms", "p95", "ms", "max", "ms", "req/s", "KB", "target", "result")
    ]
    assert [line.split()[0] for line in table[2:14]] == expected_paths
    assert all(line.split()[1:3] == ["5", "5"] and line.split()[-2:] == ["(off)", "pass"] for line in table[2:14])
    assert table[-1] == f"All 12 URLs answered (targets not checked): 60 requests, every one 200. Results: {output}"

    # gunicorn was asked to stop and did.
    log = (tmp_path / "gunicorn.log").read_text(encoding="utf-8")
    assert "Booting worker" in log
    assert "Handling signal: term" in log
    assert "Shutting down: Master" in log


ENDPOINT = Endpoint("home", "/", "page")


def test_percentile_is_nearest_rank():
    values = [float(value) for value in range(10, 101, 10)]

    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 100
    assert percentile([30.0, 10.0, 20.0], 50) == 20
    assert percentile([7.0], 95) == 7


def test_summary_times_the_responses_and_counts_every_failure():
    warmup = [Outcome(status=500, seconds=0.5, size=100)]
    measured = [
        Outcome(status=200, seconds=0.010, size=2048),
        Outcome(status=200, seconds=0.030, size=2048),
        Outcome(status=404, seconds=0.020, size=1024),
        Outcome(status=None, error="TimeoutError"),
        Outcome(status=None, error=NOT_SENT),
    ]

    result = summarize(ENDPOINT, warmup, measured, wall_s=0.5)

    assert (result.requests, result.sent, result.ok) == (5, 4, 2)
    assert result.failures == {"404": 1, "500": 1, "TimeoutError": 1, NOT_SENT: 1}
    assert (result.p50_ms, result.p95_ms, result.max_ms) == (20.0, 30.0, 30.0)
    assert result.requests_per_s == 6.0
    assert result.mean_kb == 1.7


def test_a_failed_request_fails_the_url_even_without_targets():
    result = summarize(ENDPOINT, [], [Outcome(status=200, seconds=0.01), Outcome(status=503, seconds=0.01)], 0.1)

    judge(result, target_ms=250, enforce=False)

    assert result.passed is False
    assert result.problems == ["/: responses other than 200: 503 x1"]


def test_a_slow_p95_fails_only_when_targets_are_enforced():
    measured = [Outcome(status=200, seconds=0.1), Outcome(status=200, seconds=0.3)]

    enforced = judge(summarize(ENDPOINT, [], measured, 0.4), target_ms=250, enforce=True)
    measured_only = judge(summarize(ENDPOINT, [], measured, 0.4), target_ms=250, enforce=False)
    met = judge(summarize(ENDPOINT, [], measured, 0.4), target_ms=300, enforce=True)

    assert enforced.passed is False
    assert enforced.problems == ["/: p95 300 ms is over its 250 ms target"]
    assert measured_only.passed is True
    assert met.passed is True


def test_the_targets_cover_every_url_within_the_requirement():
    targets = load_targets(TARGETS_FILE)

    assert targets.requirement_p95_ms == 250
    assert set(targets.p95_ms) == {endpoint.name for endpoint in ENDPOINTS}
    assert max(targets.p95_ms.values()) <= 250


def test_a_target_looser_than_the_requirement_is_refused(tmp_path):
    names = "\n".join(f"{endpoint.name} = 100" for endpoint in ENDPOINTS if endpoint.name != "stats")
    path = tmp_path / "targets.toml"
    path.write_text(f"requirement_p95_ms = 250\n[p95_ms]\n{names}\nstats = 300\n", encoding="utf-8")

    with pytest.raises(HarnessError, match=r"above the 250 ms requirement \['stats'\]"):
        load_targets(path)
