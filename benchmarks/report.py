"""The printed tables and ``results.json``: the machine, the data, every scenario's figures and verdict."""

import json
import os
import platform
from dataclasses import asdict
from pathlib import Path

from benchmarks.results import ExportResult, GrowthResult, LatencyResult, LoadResult, ReleaseResult, Verdict

VERDICT_FIELDS = ("target", "passed", "errors", "misses", "notes")
VERDICT_HEADERS = ["target", "result", "reason"]


def machine(postgresql: str) -> dict:
    """What the figures were measured on."""
    import psutil

    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgresql,
    }


def as_json(result: Verdict) -> dict:
    """A result's fields with its verdict last."""
    data = asdict(result)
    verdict = {key: data.pop(key) for key in VERDICT_FIELDS}
    return {**data, **verdict}


def write_results(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 100 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _verdict_cells(result: Verdict) -> list[str]:
    return [result.target, "pass" if result.passed else "FAIL", "; ".join([*result.errors, *result.misses])]


def format_table(title: str, headers: list[str], rows: list[list]) -> str:
    """A plain-text table: numbers right-aligned, text left-aligned, the last column free."""
    cells = [[_cell(value) for value in row] for row in rows]
    numeric = [all(isinstance(row[i], int | float) or row[i] is None for row in rows) for i in range(len(headers))]
    widths = [max(len(headers[i]), *(len(row[i]) for row in cells)) for i in range(len(headers))]

    def line(values: list[str]) -> str:
        padded = [
            value if i == len(values) - 1 else (value.rjust(widths[i]) if numeric[i] else value.ljust(widths[i]))
            for i, value in enumerate(values)
        ]
        return "  ".join(padded).rstrip()

    header = line(headers)
    return "\n".join([title, header, "-" * len(header), *(line(row) for row in cells)])


def latency_table(results: list[LatencyResult], size: int) -> str:
    headers = ["#", "scenario", "n", "median ms", "p95 ms", "cold ms", "queries", "floor ms", "ratio"]
    rows = [
        [
            *(r.number, r.name, r.requests, r.median_ms, r.p95_ms, r.cold_ms, r.queries, r.floor_median_ms, r.ratio),
            *_verdict_cells(r),
        ]
        for r in results
    ]
    title = f"In-process (Django test client), {size:,} projects; cold: the first request"
    return format_table(title, [*headers, *VERDICT_HEADERS], rows)


def export_table(results: list[ExportResult]) -> str:
    headers = ["#", "scenario", "seconds", "MB", "records", "of", "RSS +MB"]
    rows = [
        [
            *(r.number, r.name, r.seconds, r.megabytes, r.records, r.expected_records, r.worker_rss_growth_mb),
            *_verdict_cells(r),
        ]
        for r in results
    ]
    return format_table("Exports (gunicorn)", [*headers, *VERDICT_HEADERS], rows)


def release_table(results: list[ReleaseResult]) -> str:
    headers = ["#", "scenario", "seconds", "files", "MB", "projects", "of", "peak RSS MB", "by quarter MB"]
    rows = [
        [
            *(r.number, r.name, r.seconds, r.files, r.megabytes, r.records, r.expected_records, r.peak_rss_mb),
            " / ".join(f"{value:g}" for value in r.rss_quarters_mb),
            *_verdict_cells(r),
        ]
        for r in results
    ]
    return format_table("Bulk release (manage.py publish_release)", [*headers, *VERDICT_HEADERS], rows)


def load_table(results: list[LoadResult]) -> str:
    headers = ["#", "scenario", "req/s", "p50 ms", "p99 ms", "requests", "errors"]
    rows = [
        [r.number, r.name, r.requests_per_s, r.p50_ms, r.p99_ms, r.requests, r.failed_requests, *_verdict_cells(r)]
        for r in results
    ]
    return format_table("Load (wrk, gunicorn)", [*headers, *VERDICT_HEADERS], rows)


def growth_table(results: list[GrowthResult]) -> str:
    sizes = list(results[0].medians_ms) if results else []
    headers = ["#", "scenario", *(f"{int(size):,} ms" for size in sizes), "factor"]
    rows = [[r.number, r.name, *(r.medians_ms[size] for size in sizes), r.factor, *_verdict_cells(r)] for r in results]
    return format_table("Growth (median)", [*headers, *VERDICT_HEADERS], rows)
