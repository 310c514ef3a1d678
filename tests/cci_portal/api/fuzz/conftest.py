"""The fuzzing harness: a registry to fuzz, the staff who write to it, each case in its own
savepoint, and the count of cases run, printed at the end of the run."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

CASES: Counter = Counter()


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: schemathesis against the API's own schema (make fuzz)")


def pytest_terminal_summary(terminalreporter):
    if not CASES:
        return
    operations = {label for _who, label in CASES}
    least = min(CASES.values())
    terminalreporter.write_sep("-", "schemathesis")
    for who in sorted({who for who, _label in CASES}):
        runs = {label: count for (caller, label), count in CASES.items() if caller == who}
        terminalreporter.write_line(f"{who}: {sum(runs.values())} cases over {len(runs)} operations")
    terminalreporter.write_line(
        f"schemathesis: {sum(CASES.values())} cases over {len(operations)} operations, at least {least} each"
    )
    # An operation with few possible requests (no parameters, say) runs out of new cases early.
    fewest = sorted(CASES.items(), key=lambda item: item[1])[:8]
    terminalreporter.write_line("fewest: " + ", ".join(f"{who} {label} {count}" for (who, label), count in fewest))


@pytest.fixture
def in_process_requests():
    """Requests through the WSGI app inside the test's transaction: Django would otherwise close
    the connection (and so the transaction) at the end of every request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Savepoint:
    """Each case starts from the same records: its writes are rolled back when it ends."""

    def __init__(self, who: str, label: str):
        self.key = (who, label)

    def __enter__(self):
        cache.clear()  # a fresh client each time: no throttle counts, no cached pages
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        CASES[self.key] += 1
        return self

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        return self.atomic.__exit__(*exc)
