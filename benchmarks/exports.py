"""Whole exports from gunicorn: the CSV of every project and the OC4IDS package, timed and checked.

A download is complete when the response ends as HTTP says it should (no cut-off chunked body)
and holds every published project: one CSV row each after the header, or one entry of the
package's ``projects`` over all its pages (``links.next`` is followed when the package is paged).
While it runs, the resident memory of every gunicorn worker is sampled every 100 ms; the worker
that served it is the one that used the most CPU meanwhile, and its growth is peak minus idle.
"""

import csv
import http.client
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import orjson

from benchmarks.harness import HOST, Deadline, say
from benchmarks.results import ExportResult
from benchmarks.scenarios import HttpScenario
from benchmarks.server import USER_AGENT, GunicornServer, get

READ_TIMEOUT_S = 60.0  # the longest wait for the next bytes
CHUNK = 1 << 16
SAMPLE_INTERVAL_S = 0.1
MAX_PAGES = 1000
MB = 1024 * 1024
# Requests that go through the export code paths and return no row: the workers' warm-up.
EMPTY_EXPORTS = (
    "/api/v1/projects/?format=csv&signed_after=2999-01-01",
    "/api/v1/projects/oc4ids/?signed_after=2999-01-01",
)


class RssSampler:
    """Samples the resident memory of some processes every 100 ms in a thread, while in the block."""

    def __init__(self, pids: list[int]):
        import psutil

        self.processes = {pid: psutil.Process(pid) for pid in pids}
        self.idle = {pid: process.memory_info().rss for pid, process in self.processes.items()}
        self.peak = dict(self.idle)
        self.cpu_start = {pid: sum(process.cpu_times()[:2]) for pid, process in self.processes.items()}
        self.cpu_used: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.wait(SAMPLE_INTERVAL_S):
            for pid, process in self.processes.items():
                try:
                    self.peak[pid] = max(self.peak[pid], process.memory_info().rss)
                except psutil.NoSuchProcess:  # a worker killed on timeout; gunicorn boots another
                    continue

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        import psutil

        self._stop.set()
        self._thread.join()
        for pid, process in self.processes.items():
            try:
                self.cpu_used[pid] = sum(process.cpu_times()[:2]) - self.cpu_start[pid]
            except psutil.NoSuchProcess:
                self.cpu_used[pid] = float("inf")  # killed while serving: it was the busy one

    def busiest(self) -> int:
        return max(self.cpu_used, key=self.cpu_used.get)

    def record(self, result: ExportResult) -> None:
        """The serving worker's idle and peak memory, and the growth, in MB."""
        pid = self.busiest()
        result.worker_pid = pid
        result.worker_idle_rss_mb = round(self.idle[pid] / MB, 1)
        result.worker_peak_rss_mb = round(self.peak[pid] / MB, 1)
        result.worker_rss_growth_mb = round((self.peak[pid] - self.idle[pid]) / MB, 1)


@dataclass(frozen=True)
class Download:
    status: int | None
    seconds: float
    size: int
    error: str = ""


def download(port: int, path: str, target: Path, *, cap_s: float, deadline: Deadline) -> Download:
    """Stream ``path`` into ``target``; stops (and says so) after ``cap_s`` or when the run's time is up."""
    budget = deadline.within(cap_s)
    connection = http.client.HTTPConnection(HOST, port, timeout=budget.timeout(READ_TIMEOUT_S))
    started = time.perf_counter()
    size, status, error = 0, None, ""
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        status = response.status
        with target.open("wb") as out:
            while chunk := response.read(CHUNK):
                out.write(chunk)
                size += len(chunk)
                if budget.expired:
                    error = f"stopped after {budget.seconds:g} s, not finished"
                    break
    except http.client.IncompleteRead as cut:
        with target.open("ab") as out:
            out.write(cut.partial)
        size += len(cut.partial)
        error = f"cut off after {size / MB:.1f} MB (the server closed the connection mid-body)"
    except (OSError, http.client.HTTPException) as failure:
        error = f"{type(failure).__name__}: {failure}"
    finally:
        connection.close()
    return Download(status=status, seconds=time.perf_counter() - started, size=size, error=error)


def csv_data_rows(path: Path) -> int:
    """Records in a CSV file: its rows less the header (quoted fields may hold line breaks)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open(encoding="utf-8", errors="replace", newline="") as lines:
        return max(0, sum(1 for _row in csv.reader(lines)) - 1)


def next_page(package: dict) -> str | None:
    """The path of a paged package's next page (``links.next``), or None."""
    links = package.get("links") or {}
    next_url = links.get("next") if isinstance(links, dict) else None
    if not next_url:
        return None
    parts = urlsplit(next_url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def warm_up(server: GunicornServer, deadline: Deadline) -> None:
    """Send both workers through the export code paths once or twice, so idle memory is warm memory."""
    for path in EMPTY_EXPORTS * 4:
        get(server.port, path, deadline)


def export_csv(
    server: GunicornServer, scenario: HttpScenario, *, expected: int, cap_s: float, deadline: Deadline
) -> ExportResult:
    say(f"{scenario.name}: {scenario.path}")
    result = ExportResult(name=scenario.name, number=scenario.number, path=scenario.path, expected_records=expected)
    with tempfile.TemporaryDirectory(prefix="cci-bench-") as folder:
        target = Path(folder) / "projects.csv"
        with RssSampler(server.worker_pids()) as memory:
            fetched = download(server.port, scenario.path, target, cap_s=cap_s, deadline=deadline)
        result.records = csv_data_rows(target)
    memory.record(result)
    result.status, result.failure, result.pages = fetched.status, fetched.error, 1
    result.seconds, result.megabytes = round(fetched.seconds, 2), round(fetched.size / MB, 1)
    result.complete = fetched.status == 200 and not fetched.error and result.records == expected
    return result


def export_oc4ids(
    server: GunicornServer, scenario: HttpScenario, *, expected: int, cap_s: float, deadline: Deadline
) -> ExportResult:
    say(f"{scenario.name}: {scenario.path}")
    result = ExportResult(name=scenario.name, number=scenario.number, path=scenario.path, expected_records=expected)
    budget = deadline.within(cap_s)
    seconds, size, path = 0.0, 0, scenario.path
    with tempfile.TemporaryDirectory(prefix="cci-bench-") as folder, RssSampler(server.worker_pids()) as memory:
        target = Path(folder) / "package.json"
        while path and result.pages < MAX_PAGES:
            fetched = download(server.port, path, target, cap_s=budget.remaining(), deadline=deadline)
            result.pages += 1
            seconds += fetched.seconds
            size += fetched.size
            result.status, result.failure = fetched.status, fetched.error
            if fetched.status != 200 or fetched.error:
                break
            try:
                package = orjson.loads(target.read_bytes())
            except orjson.JSONDecodeError as error:
                result.failure = f"page {result.pages} is not JSON: {error}"
                break
            result.records += len(package.get("projects") or [])
            path = next_page(package)
    memory.record(result)
    result.seconds, result.megabytes = round(seconds, 2), round(size / MB, 1)
    result.complete = result.status == 200 and not result.failure and result.records == expected
    return result


# Each export scenario's download, by name.
EXPORTERS = {"csv-export": export_csv, "oc4ids-export": export_oc4ids}
