"""Part of a release written by a second process that reads the same snapshot of the database.

A release is Python's work more than the database's (rows turned into four formats and two OC4IDS
packages), so on two cores it takes half the time when the packages are written beside the tables.
Both processes must read one state of the registry: the publishing transaction exports its snapshot
(``pg_export_snapshot()``) and the worker's transaction adopts it (``SET TRANSACTION SNAPSHOT``), so
the packages and the tables agree however the registry changes meanwhile.

The worker is forked, so it runs with the caller's settings (a test's database too), and opens
database connections of its own: it must never use or close the ones it inherited, which belong to
the caller's session (closing one would end that session). They are kept, untouched, until the
worker ends, which multiprocessing does with ``os._exit`` (nothing inherited is finalised).
"""

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

from django.db import connection, connections, transaction

# The caller's connections, held in the worker so that they are never closed there.
_inherited = []


def exported_snapshot() -> str:
    """The identifier of the current transaction's snapshot, for another session to read the same."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def _own_connections() -> None:
    for inherited in connections.all(initialized_only=True):
        _inherited.append(inherited)
        connections[inherited.alias] = connections.create_connection(inherited.alias)


def _in_snapshot(snapshot: str, function: Callable, args: tuple):
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SET TRANSACTION SNAPSHOT %s", [snapshot])
            return function(*args)
    finally:
        connections.close_all()  # the worker's own: the inherited ones are no longer in the handler


@contextmanager
def snapshot_worker(function: Callable, *args):
    """Run ``function(*args)`` in a forked process, inside a read-only transaction on the current
    transaction's snapshot; yield its :class:`~concurrent.futures.Future` (``result()`` re-raises
    what the worker raised). The caller must hold its transaction open until the worker is done,
    as the snapshot lives only as long as it does: leaving the block waits for the worker."""
    snapshot = exported_snapshot()
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"), initializer=_own_connections) as pool:
        future: Future = pool.submit(_in_snapshot, snapshot, function, args)
        yield future
        future.result()
