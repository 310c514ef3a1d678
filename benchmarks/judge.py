"""The targets applied to the figures: each result gets its target in words, its misses and errors."""

from benchmarks.results import ExportResult, GrowthResult, LatencyResult, LoadResult, ReleaseResult
from benchmarks.scenarios import GROWTH_NUMBER, SCENARIOS
from benchmarks.targets import ExportTarget, GrowthTarget, LatencyTarget, LoadTarget, ReleaseTarget, Targets

LISTS_PROJECTS = {scenario.name for scenario in SCENARIOS if scenario.lists_projects}


def describe_latency(target: LatencyTarget) -> str:
    parts = [f"median ≤ {target.median_ms:g} ms"]
    if target.floor_ratio:
        parts.append(f"≤ {target.floor_ratio:g}x floor")
    if target.max_queries:
        parts.append(f"≤ {target.max_queries} queries")
    if target.of:
        parts.append(f"≤ {target.of_ratio:g}x {target.of}")
    return ", ".join(parts)


def judge_latency(result: LatencyResult, targets: Targets, *, same_size: dict[str, LatencyResult]) -> None:
    """Statuses, request count, median, floor ratio, queries, a reference scenario, and the main query's plan."""
    target = targets.latency[result.name]
    result.target = describe_latency(target)
    wrong = {status: n for status, n in result.statuses.items() if status != "200"}
    if wrong:
        result.error("responses other than 200: " + ", ".join(f"{status} x{n}" for status, n in wrong.items()))
    if result.requests < targets.min_requests:
        result.miss(f"only {result.requests} requests in {result.seconds:g} s (at least {targets.min_requests})")
    if result.median_ms is not None and result.median_ms > target.median_ms:
        result.miss(f"median {result.median_ms:g} ms > {target.median_ms:g} ms")
    if target.floor_ratio and result.ratio is not None and result.ratio > target.floor_ratio:
        result.miss(f"{result.ratio:g}x its floor ({result.floor_median_ms:g} ms) > {target.floor_ratio:g}x")
    if target.max_queries and result.queries is not None and result.queries > target.max_queries:
        result.miss(f"{result.queries} queries > {target.max_queries}")
    reference = same_size.get(target.of) if target.of else None
    if reference and reference.median_ms and result.median_ms > target.of_ratio * reference.median_ms:
        result.miss(f"median {result.median_ms:g} ms > {target.of_ratio:g}x {target.of} ({reference.median_ms:g} ms)")
    if result.name in LISTS_PROJECTS and result.main_seq_scans:
        finding = f"Seq Scan on projects_project in its list query (plan: {result.explain_file})"
        if target.seq_scan_allowed:
            result.notes.append(f"{finding}: allowed for this scenario")
        elif result.size >= targets.seq_scan_from_projects:
            result.miss(finding)
        else:
            result.notes.append(f"{finding}: allowed below {targets.seq_scan_from_projects:,} projects")
    if result.slowest_seq_scans and result.slowest_query_ms and result.slowest_query_ms != result.main_query_ms:
        result.notes.append(f"Seq Scan on projects_project in its slowest query ({result.slowest_query_ms:g} ms)")


def describe_export(target: ExportTarget) -> str:
    parts = ["complete", f"≤ {target.max_seconds:g} s"]
    if target.max_rss_growth_mb is not None:
        parts.append(f"worker RSS +≤ {target.max_rss_growth_mb:g} MB")
    return ", ".join(parts)


def judge_export(result: ExportResult, target: ExportTarget) -> None:
    result.target = describe_export(target)
    if result.status != 200:
        result.error(f"status {result.status}")
    elif result.failure:
        result.error(result.failure)
    elif not result.complete:
        result.error(f"{result.records:,} of {result.expected_records:,} published projects")
    if result.seconds is not None and result.seconds > target.max_seconds:
        result.miss(f"{result.seconds:g} s > {target.max_seconds:g} s")
    growth = result.worker_rss_growth_mb
    if target.max_rss_growth_mb is not None and growth is not None and growth > target.max_rss_growth_mb:
        result.miss(f"the worker grew by {growth:g} MB > {target.max_rss_growth_mb:g} MB")


def rss_climb(result: ReleaseResult) -> float | None:
    """How many times the first quarter's peak memory a later quarter of the release reached."""
    first, *later = result.rss_quarters_mb or [None]
    return round(max(later) / first, 2) if first and later else None


def judge_release(result: ReleaseResult, target: ReleaseTarget) -> None:
    result.target = (
        f"complete, ≤ {target.max_seconds:g} s, RSS ≤ {target.max_peak_rss_mb:g} MB, "
        f"climb ≤ {target.max_rss_climb:g} times"
    )
    if result.status != 0:
        result.error(f"exit {result.status}: {result.failure}")
    elif result.failure:
        result.error(result.failure)
    elif not result.complete:
        result.error(f"{result.records:,} of {result.expected_records:,} published projects")
    if result.seconds is not None and result.seconds > target.max_seconds:
        result.miss(f"{result.seconds:g} s > {target.max_seconds:g} s")
    if result.peak_rss_mb is not None and result.peak_rss_mb > target.max_peak_rss_mb:
        result.miss(f"peak RSS {result.peak_rss_mb:g} MB > {target.max_peak_rss_mb:g} MB")
    climb = rss_climb(result)
    if climb is not None and climb > target.max_rss_climb:
        quarters = " / ".join(f"{value:g}" for value in result.rss_quarters_mb)
        result.miss(f"memory climbed {climb:g} times > {target.max_rss_climb:g} (MB by quarter: {quarters})")


def describe_load(target: LoadTarget) -> str:
    return f"≥ {target.min_requests_per_s:g} req/s, p99 ≤ {target.max_p99_ms:g} ms, ≤ {target.max_errors} errors"


def judge_load(result: LoadResult, target: LoadTarget) -> None:
    result.target = describe_load(target)
    if result.preflight_status != 200:
        result.error(f"the preflight GET answered {result.preflight_status}")
    if not result.requests:
        result.miss("no request completed")
    if result.requests_per_s < target.min_requests_per_s:
        result.miss(f"{result.requests_per_s:g} req/s < {target.min_requests_per_s:g}")
    if result.p99_ms is None or result.p99_ms > target.max_p99_ms:
        result.miss(f"p99 {result.p99_ms} ms > {target.max_p99_ms:g} ms")
    if result.failed_requests > target.max_errors:
        sockets = ", ".join(f"{kind} {n}" for kind, n in result.socket_errors.items() if n)
        result.miss(f"{result.failed_requests} errors (non-2xx {result.non_2xx}; socket: {sockets or 'none'})")


def growth_results(by_size: dict[int, list[LatencyResult]], names: list[str]) -> list[GrowthResult]:
    """Each growth scenario's median at every size, and the factor from the smallest size to the largest."""
    sizes = sorted(by_size)
    results = []
    for name in names:
        medians = {size: next((r.median_ms for r in by_size[size] if r.name == name), None) for size in sizes}
        first, last = medians[sizes[0]], medians[sizes[-1]]
        factor = round(last / first, 2) if first and last is not None else None
        results.append(
            GrowthResult(
                name=name,
                number=GROWTH_NUMBER,
                medians_ms={str(size): value for size, value in medians.items()},
                factor=factor,
            )
        )
    return results


def judge_growth(result: GrowthResult, target: GrowthTarget) -> None:
    sizes = list(result.medians_ms)
    result.target = f"median at {int(sizes[-1]):,} ≤ {target.max_factor:g}x median at {int(sizes[0]):,}"
    if result.factor is None:
        result.miss("not measured at every size")
    elif result.factor > target.max_factor:
        result.miss(f"grew {result.factor:g}x from {int(sizes[0]):,} to {int(sizes[-1]):,} projects")
