"""Latency statistics over a batch of timed requests."""

from dataclasses import dataclass
from statistics import median


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with ``percent`` % of the values at or below it."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


@dataclass(frozen=True)
class Latency:
    """Median, 95th percentile and extremes of a batch, in milliseconds (rounded to 0.01 ms)."""

    n: int
    median_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> "Latency":
        if not seconds:
            raise ValueError("latency of no requests")
        ms = [value * 1000 for value in seconds]
        return cls(
            n=len(ms),
            median_ms=round(median(ms), 2),
            p95_ms=round(percentile(ms, 95), 2),
            min_ms=round(min(ms), 2),
            max_ms=round(max(ms), 2),
        )
