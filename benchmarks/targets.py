"""``targets.toml`` read into dataclasses: one target per scenario, none missing, none unknown."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import BENCH_DIR, HarnessError
from benchmarks.scenarios import EXPORTS, LOADS, RELEASE, SCENARIOS

TARGETS_FILE = BENCH_DIR / "targets.toml"


@dataclass(frozen=True)
class LatencyTarget:
    median_ms: float
    floor_ratio: float | None = None
    max_queries: int | None = None
    of: str | None = None
    of_ratio: float | None = None
    seq_scan_allowed: bool = False  # its list query may read the whole table (it must rank every row)


@dataclass(frozen=True)
class ExportTarget:
    max_seconds: float
    max_rss_growth_mb: float | None = None


@dataclass(frozen=True)
class ReleaseTarget:
    max_seconds: float
    max_peak_rss_mb: float
    # Flat memory: no later quarter of the run peaks above this many times the first quarter's peak.
    max_rss_climb: float


@dataclass(frozen=True)
class LoadTarget:
    min_requests_per_s: float
    max_p99_ms: float
    max_errors: int = 0


@dataclass(frozen=True)
class GrowthTarget:
    sizes: tuple[int, ...]
    max_factor: float


@dataclass(frozen=True)
class Targets:
    min_requests: int
    seq_scan_from_projects: int
    latency: dict[str, LatencyTarget]
    export: dict[str, ExportTarget]
    load: dict[str, LoadTarget]
    growth: GrowthTarget
    release: dict[str, ReleaseTarget]


def _section(data: dict, key: str, kind: type, scenarios) -> dict:
    """One table of targets, checked against the scenarios it must cover."""
    table = data.get(key, {})
    names = [scenario.name for scenario in scenarios]
    missing = [name for name in names if name not in table]
    unknown = sorted(set(table) - set(names))
    if missing or unknown:
        raise HarnessError(f"[{key}] targets missing for {missing}, unknown names {unknown}.")
    try:
        return {name: kind(**table[name]) for name in names}
    except TypeError as error:
        raise HarnessError(f"[{key}]: {error}") from error


def load_targets(path: Path = TARGETS_FILE) -> Targets:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise HarnessError(f"{path}: {error}") from error
    latency = _section(data, "latency", LatencyTarget, SCENARIOS)
    bad_references = sorted(target.of for target in latency.values() if target.of and target.of not in latency)
    if bad_references:
        raise HarnessError(f"[latency] 'of' names unknown scenarios: {bad_references}")
    try:
        return Targets(
            min_requests=int(data["min_requests"]),
            seq_scan_from_projects=int(data["seq_scan_from_projects"]),
            latency=latency,
            export=_section(data, "export", ExportTarget, EXPORTS),
            load=_section(data, "load", LoadTarget, LOADS),
            growth=GrowthTarget(sizes=tuple(sorted(data["growth"]["sizes"])), max_factor=data["growth"]["max_factor"]),
            release=_section(data, "release", ReleaseTarget, (RELEASE,)),
        )
    except KeyError as error:
        raise HarnessError(f"{path}: {error} is missing") from error
