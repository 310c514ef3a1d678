"""Prove the registry is fast at 100,000 projects: ``make bench`` runs ``python -m benchmarks.run``.

1. Its own database per size (``cci_bench_<size>``): migrated, roles, demo data, and the synthetic
   registry from ``generate_synthetic`` unless it is there already (``benchmarks.database``).
2. In-process scenarios with Django's test client, DEBUG off, each beside its floor and with its
   query plans checked (``benchmarks.inprocess``, run as a process of its own).
3. Over HTTP to gunicorn: the CSV and OC4IDS exports in full, then ``wrk`` load.
4. A bulk release of the whole registry: ``manage.py publish_release``, its time and memory
   (``benchmarks.releases``).
5. With ``--growth``: the growth scenarios at every growth size, each in its own database.

It prints the tables, writes ``benchmarks/results.json`` and exits 0 when every target is met,
1 when one is missed or an answer is wrong (with ``--no-targets``: only when an answer is wrong),
2 when the registry could not be prepared, served or measured. Everything is bounded in time;
nothing leaves 127.0.0.1. See ``docs/performance.md``.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import exports, judge, releases, report
from benchmarks.database import DEFAULT_PREFIX, BenchDatabase, bench_database, prepare, run_manage
from benchmarks.harness import BASE_DIR, BENCH_DIR, Deadline, HarnessError, django_environment
from benchmarks.load import LoadSettings, ensure_wrk, run_wrk
from benchmarks.results import ExportResult, GrowthResult, LatencyResult, LoadResult, ReleaseResult
from benchmarks.scenarios import EXPORTS, LOADS, SCENARIOS, growth_scenarios
from benchmarks.server import GunicornServer
from benchmarks.targets import TARGETS_FILE, Targets, load_targets

DEFAULT_OUTPUT = BENCH_DIR / "results.json"
DEFAULT_ARTIFACTS = BENCH_DIR / "results"
EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_HARNESS_ERROR = 2
CHILD_MARGIN_S = 30  # the in-process child stops this long before the run's limit, to report


@dataclass
class Measured:
    """Everything measured so far; written out even when the run stops on an error."""

    facts: dict = field(default_factory=dict)
    postgresql: str = ""
    server: str = ""
    generated: dict[str, bool] = field(default_factory=dict)
    latency: list[LatencyResult] = field(default_factory=list)
    exports: list[ExportResult] = field(default_factory=list)
    load: list[LoadResult] = field(default_factory=list)
    release: list[ReleaseResult] = field(default_factory=list)
    by_size: dict[int, list[LatencyResult]] = field(default_factory=dict)
    growth: list[GrowthResult] = field(default_factory=list)

    def verdicts(self):
        return [*self.latency, *self.exports, *self.load, *self.release, *self.growth]


class Bench:
    """One run of the harness: its options, time budget, targets and what it measured."""

    def __init__(self, args: argparse.Namespace, targets: Targets):
        self.args = args
        self.targets = targets
        self.deadline = Deadline(args.time_limit)
        self.env = {**os.environ, **django_environment(secrets.token_urlsafe(50))}
        self.measured = Measured()

    def database(self, size: int) -> BenchDatabase:
        db = bench_database(size, prefix=self.args.database_prefix, env=self.env)
        self.measured.generated[db.name] = prepare(db, self.deadline)
        return db

    def in_process(self, db: BenchDatabase, names: list[str], explain_dir: Path) -> dict:
        """Run ``benchmarks.inprocess`` on ``db`` for the scenarios ``names``; returns its output."""
        output = self.args.artifacts / f"inprocess-{db.size}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.unlink(missing_ok=True)
        command = [
            *(sys.executable, "-m", "benchmarks.inprocess", "--size", str(db.size), "--scenarios", ",".join(names)),
            *("--requests", str(self.args.requests), "--warmup", str(self.args.warmup)),
            *("--scenario-seconds", str(self.args.scenario_seconds), "--explain-dir", str(explain_dir)),
            *("--time-limit", str(max(1.0, self.deadline.remaining() - CHILD_MARGIN_S)), "--output", str(output)),
        ]
        try:
            completed = subprocess.run(command, cwd=BASE_DIR, env=db.env, timeout=self.deadline.timeout())
        except subprocess.TimeoutExpired as error:
            raise HarnessError(f"The in-process scenarios at {db.size:,} did not finish in time.") from error
        if completed.returncode != 0 or not output.exists():
            raise HarnessError(f"The in-process scenarios at {db.size:,} failed (exit {completed.returncode}).")
        return json.loads(output.read_text(encoding="utf-8"))

    def measure_main_size(self) -> BenchDatabase:
        db = self.database(self.args.size)
        run_manage(["collectstatic", "--no-input"], env=db.env, deadline=self.deadline)
        names = [scenario.name for scenario in SCENARIOS]
        output = self.in_process(db, names, self.args.artifacts / "explain")
        self.measured.facts, self.measured.postgresql = output["facts"], output["postgresql"]
        self.measured.latency = [LatencyResult(**result) for result in output["results"]]
        self.measured.by_size[db.size] = self.measured.latency
        return db

    def measure_over_http(self, db: BenchDatabase, wrk: str) -> None:
        expected = self.measured.facts["published_projects"]
        log = self.args.artifacts / "gunicorn.log"
        with GunicornServer(env=db.env, workers=self.args.workers, log_path=log) as server:
            self.measured.server = server.settings
            server.wait_until_ready(self.deadline)
            exports.warm_up(server, self.deadline)
            for scenario in EXPORTS:
                export = exports.EXPORTERS[scenario.name]
                self.measured.exports.append(
                    export(server, scenario, expected=expected, cap_s=self.args.export_seconds, deadline=self.deadline)
                )
            settings = LoadSettings(connections=self.args.wrk_connections, duration_s=self.args.wrk_duration)
            for scenario in LOADS:
                self.measured.load.append(run_wrk(wrk, server.port, scenario, settings, self.deadline))

    def measure_release(self, db: BenchDatabase) -> None:
        expected = self.measured.facts["published_projects"]
        self.measured.release.append(releases.measure_release(db.env, expected=expected, deadline=self.deadline))

    def measure_growth(self) -> None:
        names = [scenario.name for scenario in growth_scenarios()]
        for size in self.growth_sizes():
            if size not in self.measured.by_size:
                db = self.database(size)
                output = self.in_process(db, names, self.args.artifacts / "explain" / str(size))
                self.measured.by_size[size] = [LatencyResult(**result) for result in output["results"]]
        by_size = {size: self.measured.by_size[size] for size in self.growth_sizes()}
        self.measured.growth = judge.growth_results(by_size, names)

    def growth_sizes(self) -> list[int]:
        return sorted(self.args.growth_sizes or self.targets.growth.sizes)

    def run(self) -> None:
        wrk = ensure_wrk()
        db = self.measure_main_size()
        self.measure_over_http(db, wrk)
        self.measure_release(db)
        if self.args.growth:
            self.measure_growth()

    def judge(self) -> None:
        by_name = {result.name: result for result in self.measured.latency}
        for result in self.measured.latency:
            judge.judge_latency(result, self.targets, same_size=by_name)
        for result in self.measured.exports:
            judge.judge_export(result, self.targets.export[result.name])
        for result in self.measured.load:
            judge.judge_load(result, self.targets.load[result.name])
        for result in self.measured.release:
            judge.judge_release(result, self.targets.release[result.name])
        for result in self.measured.growth:
            judge.judge_growth(result, self.targets.growth)

    def results(self, harness_error: str = "") -> dict:
        """The contents of results.json."""
        enforce = not self.args.no_targets
        verdicts = self.measured.verdicts()
        errors = [f"{result.name}: {reason}" for result in verdicts for reason in result.errors]
        misses = [f"{result.name}: {reason}" for result in verdicts for reason in result.misses]
        return {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "size": self.args.size,
            "passed": not harness_error and not errors and not (enforce and misses),
            "targets_enforced": enforce,
            "duration_s": round(self.deadline.elapsed(), 1),
            "harness_error": harness_error,
            "machine": report.machine(self.measured.postgresql),
            "settings": self.settings(),
            "data": {"databases_generated_now": self.measured.generated, "facts": self.measured.facts},
            "latency": [report.as_json(result) for result in self.measured.latency],
            "exports": [report.as_json(result) for result in self.measured.exports],
            "load": [report.as_json(result) for result in self.measured.load],
            "release": [report.as_json(result) for result in self.measured.release],
            "growth": [report.as_json(result) for result in self.measured.growth],
            "growth_sizes": self.growth_sizes() if self.args.growth else [],
            "errors": errors,
            "misses": misses,
            "findings": [f"{result.name}: {note}" for result in verdicts for note in result.notes],
        }

    def settings(self) -> dict:
        args = self.args
        return {
            "requests": args.requests,
            "warmup": args.warmup,
            "scenario_seconds": args.scenario_seconds,
            "export_seconds": args.export_seconds,
            "gunicorn": self.measured.server,
            "wrk": f"-t{LoadSettings.threads} -c{args.wrk_connections} -d{args.wrk_duration}s",
            "time_limit_s": args.time_limit,
            "database_prefix": args.database_prefix,
        }

    def tables(self) -> str:
        parts = [report.latency_table(self.measured.latency, self.args.size)]
        if self.measured.exports:
            parts.append(report.export_table(self.measured.exports))
        if self.measured.load:
            parts.append(report.load_table(self.measured.load))
        if self.measured.release:
            parts.append(report.release_table(self.measured.release))
        if self.measured.growth:
            parts.append(report.growth_table(self.measured.growth))
        return "\n\n".join(parts)


def sizes_list(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give sizes as whole numbers, comma-separated")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--size", type=int, default=100_000, help="synthetic projects: 1000, 10000 or 100000 (default)")
    add("--growth", action="store_true", help="also the growth scenarios at every growth size")
    add("--growth-sizes", type=sizes_list, help="comma-separated sizes for --growth (default: targets.toml)")
    add("--requests", type=int, default=50, help="measured requests per in-process scenario (default 50)")
    add("--warmup", type=int, default=5, help="warm-up requests per in-process scenario (default 5)")
    add("--scenario-seconds", type=float, default=60, help="time cap of one in-process scenario (default 60)")
    add("--export-seconds", type=float, default=180, help="time cap of one export download (default 180)")
    add("--wrk-duration", type=int, default=30, help="seconds of wrk load per URL (default 30)")
    add("--wrk-connections", type=int, default=64, help="wrk connections (default 64)")
    add("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    add("--time-limit", type=float, default=5400, help="seconds for the whole run, set-up included (default 5400)")
    add("--no-targets", action="store_true", help="report only: fail on wrong answers, not on missed targets")
    add("--targets", type=Path, default=TARGETS_FILE, help="targets file (TOML)")
    add("--output", type=Path, default=DEFAULT_OUTPUT, help="results file (default benchmarks/results.json)")
    add("--artifacts", type=Path, default=DEFAULT_ARTIFACTS, help="plans, logs (default benchmarks/results/)")
    add("--database-prefix", default=DEFAULT_PREFIX, help=f"database name before the size ({DEFAULT_PREFIX})")
    args = parser.parse_args(argv)
    for name in ("size", "requests", "scenario_seconds", "export_seconds", "wrk_duration", "workers", "time_limit"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        bench = Bench(args, load_targets(args.targets))
    except HarnessError as error:
        print(f"bench: {error}", file=sys.stderr)
        return EXIT_HARNESS_ERROR
    harness_error = ""
    try:
        bench.run()
    except HarnessError as error:
        harness_error = str(error)
    bench.judge()
    results = bench.results(harness_error)
    report.write_results(args.output, results)
    print(bench.tables())
    if harness_error:
        print(f"\nbench: {harness_error}", file=sys.stderr)
        return EXIT_HARNESS_ERROR
    problems = results["errors"] + (results["misses"] if results["targets_enforced"] else [])
    if problems:
        print(f"\nFAILED ({len(problems)}):", *problems, sep="\n  ")
        return EXIT_FAILED
    if results["misses"]:
        print(f"\n{len(results['misses'])} targets missed (not enforced: --no-targets). Results: {args.output}")
    else:
        print(f"\nEvery target met. Results: {args.output}")
    return EXIT_PASSED


if __name__ == "__main__":
    sys.exit(main())
