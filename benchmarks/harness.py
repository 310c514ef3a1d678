"""The harness's plumbing: where things are, the time budget, progress messages and its one error."""

import math
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
HOST = "127.0.0.1"


class HarnessError(Exception):
    """The registry could not be prepared, served or measured: no figure can be trusted."""


class Deadline:
    """A time budget: every step, wait and request stops once it is spent."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.started = time.monotonic()
        self.end = self.started + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def within(self, seconds: float) -> "Deadline":
        """A budget of ``seconds`` that also ends when this one does."""
        return Deadline(min(seconds, self.remaining()))

    def timeout(self, cap: float = math.inf) -> float:
        """A timeout for one blocking call: at most ``cap``, never past the deadline, never zero."""
        return max(0.1, min(cap, self.remaining()))


def display_path(path: Path) -> str:
    """``path`` relative to the project when it is inside it, for messages and results."""
    resolved = path.resolve()
    return str(resolved.relative_to(BASE_DIR)) if resolved.is_relative_to(BASE_DIR) else str(resolved)


def say(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the table."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


API_RATE = "1000000/min"  # throttling must not answer in the app's place


def django_environment(secret_key: str) -> dict[str, str]:
    """Production settings for every process of the bench: DEBUG off, a throwaway key, both the
    test client's and gunicorn's host names, and API rates too high to throttle."""
    return {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": f"testserver,{HOST}",
        "DJANGO_API_RATE_ANON": API_RATE,
        "DJANGO_API_RATE_KEY": API_RATE,
        "DJANGO_API_RATE_STAFF": API_RATE,
        "DJANGO_API_RATE_FAILED_LOGIN": API_RATE,
        "DJANGO_PAGE_RATE": API_RATE,
        "DJANGO_SEARCH_RATE": API_RATE,
        # Plain http on the loopback: production in every other way.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        # Standard output carries the bench's table: the site logs only its errors there.
        "DJANGO_LOG_LEVEL": "ERROR",
    }
