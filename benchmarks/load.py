"""Concurrent load with ``wrk`` (Debian's package; ``bin/ensure-wrk`` installs it), its report parsed.

``wrk -t2 -c64 -d30s --latency --timeout 5s`` against one loopback URL. wrk counts as an error
every socket error (connect, read, write, timeout: a request waiting over 5 s) and every response
other than 2xx or 3xx; a preflight GET first makes sure the URL answers 200 and not a redirect.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass

from benchmarks.harness import BASE_DIR, HOST, Deadline, HarnessError, say
from benchmarks.results import LoadResult
from benchmarks.scenarios import HttpScenario
from benchmarks.server import get

ENSURE_WRK = BASE_DIR / "bin" / "ensure-wrk"
WRK_TIMEOUT = "5s"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
SIZE_UNITS = {"": 1, "k": 1e3, "m": 1e6, "g": 1e9}


@dataclass(frozen=True)
class LoadSettings:
    threads: int = 2
    connections: int = 64
    duration_s: int = 30


def ensure_wrk() -> str:
    """The wrk binary: installed by ``bin/ensure-wrk`` when missing (as root on Debian), else an error saying how."""
    completed = subprocess.run([str(ENSURE_WRK)], capture_output=True, text=True, timeout=600, check=False)
    path = shutil.which("wrk")
    if completed.returncode != 0 or path is None:
        raise HarnessError(f"wrk is not available:\n{(completed.stdout + completed.stderr).strip()}")
    return path


def duration_ms(text: str) -> float:
    """wrk's durations: ``512.00us``, ``10.03ms``, ``1.20s``, ``2.00m``."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def count(text: str) -> int:
    """wrk's counts: ``17927`` or, in some versions, ``1.79k``."""
    match = re.fullmatch(r"([\d.]+)([kKmMgG]?)", text)
    if not match:
        raise ValueError(f"not a wrk count: {text!r}")
    return round(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])


def parse_wrk(output: str) -> dict:
    """The figures of wrk's text report (with ``--latency``)."""
    total = re.search(r"^\s*(\S+) requests in ([\d.]+\w+),", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not total or not rate:
        raise ValueError(f"not a wrk report:\n{output}")
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = dict(
        zip(("connect", "read", "write", "timeout"), (int(value) for value in socket.groups()), strict=True)
        if socket
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    )
    return {
        "requests": count(total.group(1)),
        "seconds": duration_ms(total.group(2)) / 1000,
        "requests_per_s": float(rate.group(1)),
        **{f"p{key}_ms": round(duration_ms(value), 2) for key, value in percentiles.items()},
        "socket_errors": socket_errors,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def run_wrk(wrk: str, port: int, scenario: HttpScenario, settings: LoadSettings, deadline: Deadline) -> LoadResult:
    """Preflight, then wrk for ``duration_s``; wrk itself is killed if it overruns by 60 s."""
    say(f"{scenario.name}: wrk -c{settings.connections} -d{settings.duration_s}s {scenario.path}")
    result = LoadResult(
        name=scenario.name,
        number=scenario.number,
        path=scenario.path,
        threads=settings.threads,
        connections=settings.connections,
        duration_s=settings.duration_s,
    )
    result.preflight_status = get(port, scenario.path, deadline).status
    if deadline.remaining() < settings.duration_s:
        result.notes.append("not run: the run's time limit is spent")
        return result
    command = [
        wrk,
        *(f"-t{settings.threads}", f"-c{settings.connections}", f"-d{settings.duration_s}s"),
        *("--latency", "--timeout", WRK_TIMEOUT, f"http://{HOST}:{port}{scenario.path}"),
    ]
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=settings.duration_s + 60, check=False
        )
        figures = parse_wrk(completed.stdout)
    except (subprocess.TimeoutExpired, ValueError) as error:
        raise HarnessError(f"wrk failed on {scenario.path}: {error}") from error
    result.requests = figures["requests"]
    result.requests_per_s = figures["requests_per_s"]
    result.p50_ms, result.p75_ms = figures.get("p50_ms"), figures.get("p75_ms")
    result.p90_ms, result.p99_ms = figures.get("p90_ms"), figures.get("p99_ms")
    result.socket_errors = figures["socket_errors"]
    result.non_2xx = figures["non_2xx"]
    result.failed_requests = result.non_2xx + sum(result.socket_errors.values())
    return result
