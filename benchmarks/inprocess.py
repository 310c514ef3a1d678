"""``python -m benchmarks.inprocess``: the in-process scenarios, in a process of their own per database.

The orchestrator (``benchmarks.run``) starts it with the environment of one bench database; it
sets Django up with DEBUG off (Django is imported only once that environment is in place), reads
the registry's facts, and for each scenario: a cold probe (the first request, its SQL captured
for EXPLAIN), a warm-up, a warm probe (the query count of a steady request), then the measured
requests, each followed by a run of the scenario's floor when it has one, so the app and its
floor see the same cache and load. It writes the figures as JSON for the orchestrator.
"""

import argparse
import json
import os
import secrets
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.harness import Deadline, HarnessError, display_path, django_environment, say
from benchmarks.latency import Latency
from benchmarks.results import LatencyResult
from benchmarks.scenarios import Scenario, by_names

WARMUP_SHARE = 0.25  # a slow scenario stops warming up once a quarter of its time is spent


@dataclass(frozen=True)
class MeasureSettings:
    requests: int
    warmup: int
    scenario_seconds: float
    explain_dir: Path


def timed_get(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    return seconds, response.status_code


@dataclass(frozen=True)
class Probe:
    """One request with its SQL captured (which makes it a little slower than a measured one)."""

    status: int
    seconds: float
    queries: list

    @classmethod
    def of(cls, client, url: str) -> "Probe":
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from benchmarks.explain import captured

        with CaptureQueriesContext(connection) as context:
            seconds, status = timed_get(client, url)
        return cls(status=status, seconds=seconds, queries=captured(context.captured_queries))


def open_floor(scenario: Scenario, facts):
    """The scenario's floor on the psycopg2 connection under Django's, or None."""
    if scenario.floor is None:
        return None
    from django.db import connection

    from benchmarks.floors import Floor

    connection.ensure_connection()
    return Floor(scenario.floor(facts), connection.connection)


def measure(scenario: Scenario, client, facts, settings: MeasureSettings, deadline: Deadline) -> LatencyResult:
    """A cold probe (its SQL is explained), a warm-up, a warm probe (the steady query count), then
    scenario request and floor in turn until enough requests or the scenario's time is spent."""
    from benchmarks.explain import QueryPlans

    url = scenario.url(facts)
    budget = deadline.within(settings.scenario_seconds)
    cold = Probe.of(client, url)
    floor = open_floor(scenario, facts)
    statuses = Counter([cold.status])
    for _ in range(settings.warmup):
        if budget.elapsed() > WARMUP_SHARE * budget.seconds:
            break
        statuses[timed_get(client, url)[1]] += 1
        if floor:
            floor.run()
    warm = Probe.of(client, url)
    statuses[warm.status] += 1
    app_seconds, floor_seconds = [], []
    while len(app_seconds) < settings.requests and not (app_seconds and budget.expired):
        seconds, status = timed_get(client, url)
        statuses[status] += 1
        app_seconds.append(seconds)
        if floor:
            floor_seconds.append(floor.timed())
    if floor:
        floor.close()
    plans = QueryPlans.of(cold.queries)
    explain_file = settings.explain_dir / f"{scenario.name}.json"
    plans.save(explain_file, scenario=scenario.name, url=url, size=facts.size)
    app = Latency.of(app_seconds)
    floor_latency = Latency.of(floor_seconds) if floor_seconds else None
    return LatencyResult(
        name=scenario.name,
        number=scenario.number,
        path=url,
        size=facts.size,
        requests=app.n,
        statuses={str(code): count for code, count in sorted(statuses.items())},
        median_ms=app.median_ms,
        p95_ms=app.p95_ms,
        min_ms=app.min_ms,
        max_ms=app.max_ms,
        cold_ms=round(cold.seconds * 1000, 2),
        queries=len(warm.queries),
        cold_queries=len(cold.queries),
        floor_median_ms=floor_latency.median_ms if floor_latency else None,
        floor_p95_ms=floor_latency.p95_ms if floor_latency else None,
        ratio=round(app.median_ms / floor_latency.median_ms, 2) if floor_latency else None,
        capped=app.n < settings.requests,
        seconds=round(budget.elapsed(), 1),
        main_query_ms=plans.main.ms if plans.main else None,
        main_seq_scans=plans.main.seq_scans if plans.main else 0,
        slowest_query_ms=plans.slowest.ms if plans.slowest else None,
        slowest_seq_scans=plans.slowest.seq_scans if plans.slowest else 0,
        explain_file=display_path(explain_file),
    )


def clients():
    """An anonymous test client and one logged in as the bench superuser."""
    from django.test import Client

    from benchmarks.facts import bench_superuser

    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(bench_superuser())
    return anonymous, staff


def postgresql_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def run(args: argparse.Namespace) -> dict:
    import django

    django.setup()
    from benchmarks.facts import discover

    deadline = Deadline(args.time_limit)
    say(f"size {args.size}: reading the registry's facts")
    facts = discover(args.size)
    settings = MeasureSettings(
        requests=args.requests,
        warmup=args.warmup,
        scenario_seconds=args.scenario_seconds,
        explain_dir=args.explain_dir,
    )
    anonymous, staff = clients()
    results = []
    for scenario in by_names(args.scenarios.split(",")):
        say(f"size {args.size}: {scenario.name} {scenario.url(facts)}")
        client = staff if scenario.staff else anonymous
        results.append(measure(scenario, client, facts, settings, deadline))
    return {
        "postgresql": postgresql_version(),
        "facts": asdict(facts),
        "results": [asdict(result) for result in results],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inprocess", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="the registry's synthetic size")
    parser.add_argument("--scenarios", required=True, help="comma-separated scenario names")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--scenario-seconds", type=float, default=60.0)
    parser.add_argument("--time-limit", type=float, default=1800.0)
    parser.add_argument("--explain-dir", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for name, value in django_environment(secrets.token_urlsafe(50)).items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cci_portal.settings")
    # The same request fifty times would be fifty hits of the whole-page caches (home, statistics,
    # API pages): measure the work behind them. The registry's cached figures stay on; gunicorn,
    # for wrk and the exports, runs with every cache as shipped.
    os.environ["DJANGO_PAGE_CACHE"] = "false"
    try:
        output = run(args)
    except HarnessError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    args.output.write_text(json.dumps(output, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
