"""The figures of every kind of scenario, as written to ``results.json`` and judged against the targets."""

from dataclasses import dataclass, field


@dataclass
class Verdict:
    """What the judge said: the target in words, whether it was met, and why not.

    ``errors`` are wrong answers (a status other than 200, an incomplete export): they fail the
    run even with ``--no-targets``. ``misses`` are targets not met; ``notes`` only inform.
    """

    target: str = ""
    passed: bool = True
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def miss(self, reason: str) -> None:
        self.passed = False
        self.misses.append(reason)

    def error(self, reason: str) -> None:
        self.passed = False
        self.errors.append(reason)


@dataclass
class ScenarioResult(Verdict):
    """A scenario's name and its number in the tables, which every kind of result has."""

    name: str = ""
    number: int = 0


@dataclass
class LatencyResult(ScenarioResult):
    """One in-process scenario at one size: the app beside its floor, its queries and their plans."""

    path: str = ""
    size: int = 0
    requests: int = 0  # measured
    statuses: dict[str, int] = field(default_factory=dict)  # every response: probe, warm-up and measured
    median_ms: float | None = None
    p95_ms: float | None = None
    min_ms: float | None = None
    max_ms: float | None = None
    cold_ms: float | None = None  # the first request, with its SQL captured: before any cache is warm
    queries: int | None = None  # SQL statements of a request after the warm-up
    cold_queries: int | None = None  # ... and of the first request
    floor_median_ms: float | None = None
    floor_p95_ms: float | None = None
    ratio: float | None = None  # median / floor median
    capped: bool = False  # the scenario's time ran out before the requested number of requests
    seconds: float = 0.0
    main_query_ms: float | None = None
    main_seq_scans: int = 0
    slowest_query_ms: float | None = None
    slowest_seq_scans: int = 0
    explain_file: str = ""


@dataclass
class ExportResult(ScenarioResult):
    """A whole export downloaded from gunicorn: time, completeness and the serving worker's memory."""

    path: str = ""
    status: int | None = None
    seconds: float | None = None
    megabytes: float = 0.0
    pages: int = 0
    records: int = 0  # CSV data rows, or OC4IDS projects
    expected_records: int = 0  # published projects
    complete: bool = False
    failure: str = ""  # why the download stopped short
    worker_pid: int | None = None
    worker_idle_rss_mb: float | None = None
    worker_peak_rss_mb: float | None = None
    worker_rss_growth_mb: float | None = None


@dataclass
class ReleaseResult(ScenarioResult):
    """A bulk release published from the command line: time, completeness and the process's memory."""

    status: int | None = None  # the command's exit code
    seconds: float | None = None
    version: str = ""
    files: int = 0
    megabytes: float = 0.0
    records: int = 0  # projects the release counts
    expected_records: int = 0  # published projects
    complete: bool = False
    failure: str = ""
    peak_rss_mb: float | None = None
    rss_quarters_mb: list[float] = field(default_factory=list)  # the peak of each quarter of the run


@dataclass
class LoadResult(ScenarioResult):
    """``wrk`` against one URL: throughput, latency percentiles and every kind of error."""

    path: str = ""
    threads: int = 0
    connections: int = 0
    duration_s: float = 0.0
    requests: int = 0
    requests_per_s: float = 0.0
    p50_ms: float | None = None
    p75_ms: float | None = None
    p90_ms: float | None = None
    p99_ms: float | None = None
    non_2xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    failed_requests: int = 0  # non-2xx (and non-3xx, as wrk counts them) + socket errors
    preflight_status: int | None = None


@dataclass
class GrowthResult(ScenarioResult):
    """One scenario's median at each size, and how much it grew from the smallest to the largest."""

    medians_ms: dict[str, float | None] = field(default_factory=dict)  # by size
    factor: float | None = None
