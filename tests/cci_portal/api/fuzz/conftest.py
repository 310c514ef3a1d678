"""The fuzzing harness: a registry to fuzz, the staff who write to it, each case in its own
savepoint, and the count of cases run, reported to the end of the run's summary (:mod:`.report`)."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

from tests.cci_portal.api.fuzz.report import CASES_PROPERTY

CASES: Counter = Counter()  # cases run in this process, by caller and operation


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: schemathesis against the API's own schema (make fuzz)")


@pytest.fixture(autouse=True)
def _cases_reported(request):
    """The cases a fuzz test ran go into its report, so that the summary (:mod:`.report`) counts them
    from whichever test process ran it (``pytest -n``)."""
    before = Counter(CASES)
    yield
    ran = CASES - before
    request.node.user_properties.append((CASES_PROPERTY, [[who, label, count] for (who, label), count in ran.items()]))


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
