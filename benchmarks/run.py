"""Measure the portal's pages and API over real HTTP against gunicorn, and check the targets.

``make bench`` runs ``python -m benchmarks.run``: migrate, load the demo data when the registry is
empty, collect the static files, start gunicorn on a free loopback port, then for each URL a
warm-up and N requests from a small thread pool. It prints a table, writes
``benchmarks/results/latest.json`` and exits non-zero when a request failed or a target was
missed. Standard library only; nothing leaves 127.0.0.1. See ``benchmarks/README.md``.
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
TARGETS_FILE = Path(__file__).resolve().parent / "targets.toml"
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "latest.json"
HOST = "127.0.0.1"
USER_AGENT = "cci-portal-bench/1"
# No single request may take longer than this, whatever time is left in the run.
REQUEST_TIMEOUT_S = 10.0
READY_TIMEOUT_S = 60.0

EXIT_PASSED = 0
EXIT_FAILED = 1  # a request failed or a target was missed
EXIT_HARNESS_ERROR = 2  # the site could not be set up or served

PROJECT_PAGE = "project-page"


@dataclass(frozen=True)
class Endpoint:
    """A URL to measure: its name (the key of its target), its path, and whether it is a page or the API."""

    name: str
    path: str
    kind: str


ENDPOINTS = (
    Endpoint("home", "/", "page"),
    Endpoint("project-list", "/projects/", "page"),
    Endpoint("project-list-filtered", "/projects/?focus_area=transport-logistics&partner_country=SG", "page"),
    # /projects/<identifier>/ of the API's first project, found once the server answers.
    Endpoint(PROJECT_PAGE, "", "page"),
    Endpoint("project-list-zh", "/zh-hans/projects/", "page"),
    Endpoint("stats", "/stats/", "page"),
    Endpoint("news", "/news/", "page"),
    Endpoint("search", "/search/?q=logistics", "page"),
    Endpoint("api-projects", "/api/v1/projects/", "api"),
    Endpoint("api-projects-csv", "/api/v1/projects/?format=csv", "api"),
    Endpoint("api-oc4ids", "/api/v1/projects/oc4ids/", "api"),
    Endpoint("api-stats", "/api/v1/stats/", "api"),
)


class HarnessError(Exception):
    """The site could not be prepared or served; nothing was measured."""


class Deadline:
    """The run's time budget: every set-up step, wait and request stops once it is spent."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0


@dataclass(frozen=True)
class Targets:
    """The p95 targets by endpoint name, and the requirement no target may exceed."""

    requirement_p95_ms: float
    p95_ms: dict[str, float]


def load_targets(path: Path) -> Targets:
    """Read ``targets.toml``; every endpoint needs a target, and none may be looser than the requirement."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    requirement = float(data["requirement_p95_ms"])
    p95_ms = {name: float(value) for name, value in data["p95_ms"].items()}
    missing = [endpoint.name for endpoint in ENDPOINTS if endpoint.name not in p95_ms]
    unknown = sorted(set(p95_ms) - {endpoint.name for endpoint in ENDPOINTS})
    looser = sorted(name for name, value in p95_ms.items() if value > requirement)
    if missing or unknown or looser:
        raise HarnessError(
            f"{path}: targets missing for {missing}, unknown names {unknown}, "
            f"above the {requirement:g} ms requirement {looser}."
        )
    return Targets(requirement_p95_ms=requirement, p95_ms=p95_ms)


@dataclass(frozen=True)
class Outcome:
    """One request: the HTTP status (None when no response came), its latency and size, or the error."""

    status: int | None
    seconds: float | None = None
    size: int = 0
    error: str = ""

    @property
    def failure(self) -> str:
        """What went wrong, as a short label; empty for a 200."""
        if self.status == 200:
            return ""
        return str(self.status) if self.status is not None else self.error


NOT_SENT = "not sent: time limit"


def fetch(port: int, path: str, deadline: Deadline) -> Outcome:
    """GET ``path`` from the server on a fresh connection (gunicorn's sync workers close each one)."""
    if deadline.expired:
        return Outcome(status=None, error=NOT_SENT)
    timeout = max(0.1, min(REQUEST_TIMEOUT_S, deadline.remaining()))
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException) as error:
        return Outcome(status=None, error=type(error).__name__)
    finally:
        connection.close()
    return Outcome(status=response.status, seconds=time.perf_counter() - started, size=len(body))


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with ``percent`` % of the values at or below it."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


@dataclass
class UrlResult:
    """The numbers for one URL, its target, and whether it passed."""

    name: str
    path: str
    kind: str
    requests: int
    sent: int
    ok: int
    failures: dict[str, int]
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None
    requests_per_s: float | None
    mean_kb: float | None
    p95_target_ms: float | None = None
    passed: bool = False
    problems: list[str] = field(default_factory=list)


def summarize(endpoint: Endpoint, warmup: list[Outcome], measured: list[Outcome], wall_s: float) -> UrlResult:
    """Latency figures over the measured responses; failures counted over warm-up and measured requests."""
    timed = [outcome for outcome in measured if outcome.seconds is not None]
    latencies_ms = [outcome.seconds * 1000 for outcome in timed]
    failures = Counter(outcome.failure for outcome in [*warmup, *measured] if outcome.failure)
    return UrlResult(
        name=endpoint.name,
        path=endpoint.path,
        kind=endpoint.kind,
        requests=len(measured),
        sent=sum(1 for outcome in measured if outcome.error != NOT_SENT),
        ok=sum(1 for outcome in measured if outcome.status == 200),
        failures=dict(sorted(failures.items())),
        p50_ms=round(percentile(latencies_ms, 50), 1) if timed else None,
        p95_ms=round(percentile(latencies_ms, 95), 1) if timed else None,
        max_ms=round(max(latencies_ms), 1) if timed else None,
        requests_per_s=round(len(timed) / wall_s, 1) if timed and wall_s > 0 else None,
        mean_kb=round(sum(outcome.size for outcome in timed) / len(timed) / 1024, 1) if timed else None,
    )


def judge(result: UrlResult, *, target_ms: float, enforce: bool) -> UrlResult:
    """Record the target and the problems: a failed or unsent request always fails; a slow p95 when enforced."""
    result.p95_target_ms = target_ms
    result.problems = []
    if result.failures:
        shown = ", ".join(f"{label} x{count}" for label, count in result.failures.items())
        result.problems.append(f"{result.path}: responses other than 200: {shown}")
    if enforce and result.p95_ms is not None and result.p95_ms > target_ms:
        result.problems.append(f"{result.path}: p95 {result.p95_ms:g} ms is over its {target_ms:g} ms target")
    result.passed = not result.problems
    return result


def measure(
    endpoint: Endpoint, *, port: int, requests: int, concurrency: int, warmup: int, deadline: Deadline
) -> UrlResult:
    """A warm-up, then ``requests`` GETs from ``concurrency`` threads."""
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        warmed = list(pool.map(lambda _: fetch(port, endpoint.path, deadline), range(warmup)))
        started = time.perf_counter()
        measured = list(pool.map(lambda _: fetch(port, endpoint.path, deadline), range(requests)))
        wall_s = time.perf_counter() - started
    return summarize(endpoint, warmed, measured, wall_s)


def say(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the table."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def server_environment(base: dict[str, str]) -> dict[str, str]:
    """The environment of every step: production settings, a throwaway key, and API rates too high to throttle."""
    env = dict(base)
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_API_RATE_ANON="100000/min",
        DJANGO_API_RATE_KEY="100000/min",
        DJANGO_API_RATE_STAFF="100000/min",
    )
    return env


def hold_embedded_database() -> None:
    """Join the embedded PostgreSQL (no ``DATABASE_URL``) for the whole run.

    Each step is its own process; holding the server here keeps it from stopping and starting
    again between them. It stops with the last process using it, as usual.
    """
    if os.environ.get("DATABASE_URL"):
        return
    from cci_portal.embedded_db import embedded_database_url

    embedded_database_url(BASE_DIR / "var")


def run_manage(args: list[str], *, env: dict[str, str], deadline: Deadline) -> None:
    """Run one ``manage.py`` command within the time budget; a failure stops the harness."""
    say(f"manage.py {' '.join(args)}")
    try:
        completed = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=deadline.remaining(),
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise HarnessError(f"manage.py {' '.join(args)} did not finish within the time limit.") from error
    if completed.returncode != 0:
        raise HarnessError(f"manage.py {' '.join(args)} failed:\n{(completed.stdout + completed.stderr)[-2000:]}")


def prepare_site(env: dict[str, str], deadline: Deadline) -> None:
    """Migrate, load the demo data into an empty registry, and collect the static files DEBUG-off serves."""
    run_manage(["migrate", "--no-input"], env=env, deadline=deadline)
    run_manage(["load_demo", "--if-empty"], env=env, deadline=deadline)
    run_manage(["collectstatic", "--no-input"], env=env, deadline=deadline)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class GunicornServer:
    """gunicorn serving the project on a free loopback port; always stopped on leaving the block."""

    def __init__(self, *, env: dict[str, str], workers: int, log_path: Path):
        self.env = env
        self.workers = workers
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "GunicornServer":
        say(f"gunicorn on {HOST}:{self.port} with {self.workers} workers (log: {self.log_path})")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "cci_portal.wsgi"),
                    *("--bind", f"{HOST}:{self.port}", "--workers", str(self.workers)),
                    *("--worker-class", "sync", "--timeout", "30", "--graceful-timeout", "5"),
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        """SIGTERM for a graceful stop, then SIGKILL if gunicorn has not gone within 10 seconds."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]

    def wait_until_ready(self, deadline: Deadline) -> None:
        """Poll ``/robots.txt`` until every worker can answer: both import Django before serving."""
        give_up = time.monotonic() + min(READY_TIMEOUT_S, deadline.remaining())
        while time.monotonic() < give_up:
            if self.process.poll() is not None:
                raise HarnessError(f"gunicorn exited with code {self.process.returncode}:\n{self.log_tail()}")
            if fetch(self.port, "/robots.txt", deadline).status == 200:
                return
            time.sleep(0.2)
        raise HarnessError(f"gunicorn did not answer within {READY_TIMEOUT_S:g} s:\n{self.log_tail()}")


def resolve_endpoints(port: int, deadline: Deadline) -> list[Endpoint]:
    """Fill in the project page with the identifier of the API's first project."""
    connection = http.client.HTTPConnection(HOST, port, timeout=max(0.1, min(REQUEST_TIMEOUT_S, deadline.remaining())))
    try:
        connection.request("GET", "/api/v1/projects/?page_size=1", headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException) as error:
        raise HarnessError(f"/api/v1/projects/?page_size=1 did not answer: {error!r}") from error
    finally:
        connection.close()
    if response.status != 200:
        raise HarnessError(f"/api/v1/projects/?page_size=1 answered {response.status}.")
    try:
        results = json.loads(body)["results"]
    except (ValueError, KeyError) as error:
        raise HarnessError(f"/api/v1/projects/?page_size=1 did not return a page of projects: {error!r}") from error
    if not results:
        raise HarnessError("The registry has no published project to measure a project page with.")
    project_path = f"/projects/{quote(results[0]['id'])}/"
    return [
        Endpoint(endpoint.name, project_path, endpoint.kind) if endpoint.name == PROJECT_PAGE else endpoint
        for endpoint in ENDPOINTS
    ]


def format_table(results: list[UrlResult], *, enforce: bool) -> str:
    """A plain-text table, one row per URL."""
    width = max(len("URL"), *(len(result.path) for result in results))
    columns = ("n", "ok", "p50 ms", "p95 ms", "max ms", "req/s", "KB", "target", "result")
    header = f"{'URL':<{width}}  " + "  ".join(f"{column:>7}" for column in columns)
    lines = [header, "-" * len(header)]

    def cell(value) -> str:
        return f"{'-' if value is None else f'{value:g}':>7}"

    for result in results:
        target = f"{result.p95_target_ms:g}" if enforce else "(off)"
        cells = (result.requests, result.ok, result.p50_ms, result.p95_ms, result.max_ms, result.requests_per_s)
        lines.append(
            f"{result.path:<{width}}  "
            + "  ".join(cell(value) for value in cells)
            + f"  {cell(result.mean_kb)}  {target:>7}  {'pass' if result.passed else 'FAIL':>7}"
        )
    return "\n".join(lines)


def write_report(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per URL (default 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--warmup", type=int, default=4, help="unmeasured requests per URL first (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds for the whole run (default 120)")
    parser.add_argument("--no-targets", action="store_true", help="measure only; fail on errors, not on latency")
    parser.add_argument("--targets", type=Path, default=TARGETS_FILE, help="targets file (TOML)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    args = parser.parse_args(argv)
    for name in ("requests", "concurrency", "warmup", "workers", "time_limit"):
        if getattr(args, name) < (0 if name == "warmup" else 1):
            parser.error(f"--{name.replace('_', '-')} is too small: {getattr(args, name)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    deadline = Deadline(args.time_limit)
    enforce = not args.no_targets
    report = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "settings": {
            "requests_per_url": args.requests,
            "concurrency": args.concurrency,
            "warmup_per_url": args.warmup,
            "gunicorn_workers": args.workers,
            "time_limit_s": args.time_limit,
            "targets_enforced": enforce,
        },
    }
    try:
        targets = load_targets(args.targets)
        report["targets"] = asdict(targets)
        hold_embedded_database()
        env = server_environment(dict(os.environ))
        prepare_site(env, deadline)
        with GunicornServer(env=env, workers=args.workers, log_path=args.output.parent / "gunicorn.log") as server:
            server.wait_until_ready(deadline)
            results = []
            for endpoint in resolve_endpoints(server.port, deadline):
                say(f"{endpoint.path}")
                result = measure(
                    endpoint,
                    port=server.port,
                    requests=args.requests,
                    concurrency=args.concurrency,
                    warmup=args.warmup,
                    deadline=deadline,
                )
                results.append(judge(result, target_ms=targets.p95_ms[endpoint.name], enforce=enforce))
    except HarnessError as error:
        report.update(passed=False, error=str(error), duration_s=round(args.time_limit - deadline.remaining(), 1))
        write_report(args.output, report)
        print(f"bench: {error}", file=sys.stderr)
        return EXIT_HARNESS_ERROR

    problems = [problem for result in results for problem in result.problems]
    report.update(
        passed=not problems,
        duration_s=round(args.time_limit - deadline.remaining(), 1),
        results=[asdict(result) for result in results],
        problems=problems,
    )
    write_report(args.output, report)
    print(format_table(results, enforce=enforce))
    total = sum(result.requests for result in results)
    if problems:
        print(f"\nFAILED ({len(problems)}):", *problems, sep="\n  ")
        return EXIT_FAILED
    met = "met their p95 targets" if enforce else "answered (targets not checked)"
    print(f"\nAll {len(results)} URLs {met}: {total} requests, every one 200. Results: {args.output}")
    return EXIT_PASSED


if __name__ == "__main__":
    sys.exit(main())
