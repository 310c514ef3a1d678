"""The embedded server survives its users being interrupted anywhere: the next command works, committed
rows stay, and a server left with no user stops.

The users run in subprocesses on a server of their own under a temporary directory (its socket lives in
its data directory, so it shares no port with the server of this test run, which is never touched).
"""

import contextlib
import fcntl
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from cci_portal import databases, embedded_db
from cci_portal.embedded_db import USERS_FILE, ServerUsers, users_lock_path, watchdog_lock_path

ROOT = Path(embedded_db.__file__).resolve().parents[1]
ROUNDS = 21
WAIT_SECONDS = 30  # the bound on every wait; a round takes under two seconds

# One user of the server: start or join it, list the rows, commit row argv[2] if given, work (or,
# with a third argument, hold the server until killed), exit.
USER = """
import json, sys
from pathlib import Path
import psycopg2
from cci_portal.embedded_db import embedded_database_url

connection = psycopg2.connect(embedded_database_url(Path(sys.argv[1]), "interrupted"))
print("started", flush=True)
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS round (number integer PRIMARY KEY)")
    connection.commit()
    cursor.execute("SELECT number FROM round ORDER BY number")
    print("rows", json.dumps([number for (number,) in cursor.fetchall()]), flush=True)
    if len(sys.argv) > 2:
        cursor.execute("INSERT INTO round VALUES (%s)", [int(sys.argv[2])])
        connection.commit()
        print("committed", flush=True)
        cursor.execute("SELECT pg_sleep(0.2)")
    if len(sys.argv) > 3:  # "hold": stay until killed
        print("holding", flush=True)
        cursor.execute("SELECT pg_sleep(60)")
connection.close()
print("exiting", flush=True)
"""

# Where a round interrupts its user: after the line it waits for (none: during the start-up).
PHASES = {"start-up": None, "work": "committed", "shutdown": "exiting"}
INTERRUPTIONS = [(signal.SIGTERM,), (signal.SIGKILL,), (signal.SIGTERM, signal.SIGTERM)]
BROKEN_LISTS = ["", "[12, ", "{}"]  # the first as the reported crash left it


class User:
    """A user process in a process group of its own (as ``make run`` is), its output in a file."""

    def __init__(self, var_dir: Path, *args: str):
        self.output = var_dir.parent / f"user-{time.monotonic_ns()}.out"
        with self.output.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-c", USER, str(var_dir), *args],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def said(self, word: str) -> bool:
        return any(line.split(" ")[0] == word for line in self.output.read_text().splitlines())

    def rows(self) -> set[int]:
        (line,) = (line for line in self.output.read_text().splitlines() if line.startswith("rows "))
        return set(json.loads(line.removeprefix("rows ")))

    def wait_for(self, word: str) -> None:
        """Until the user says ``word`` or exits."""
        wait_until(lambda: self.said(word) or self.process.poll() is not None, f"a user to say {word!r}")

    def wait_for_child(self, name: str) -> None:
        """Until the user runs a program ``name`` or exits."""

        def running() -> bool:
            with contextlib.suppress(psutil.NoSuchProcess):
                return any(child.name() == name for child in psutil.Process(self.process.pid).children())
            return False

        wait_until(lambda: running() or self.process.poll() is not None, f"a user to run {name}")

    def signal_group(self, signum: int) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signum)

    def finish(self) -> int:
        return self.process.wait(timeout=WAIT_SECONDS)


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT_SECONDS} s for {what}")
        time.sleep(0.02)


def next_command(var_dir: Path) -> set[int]:
    """A user left to finish: it must succeed. Returns the rows it found."""
    user = User(var_dir)
    assert user.finish() == 0, user.output.read_text()
    return user.rows()


def server_gone(pgdata: Path) -> bool:
    """No server runs on ``pgdata`` and no watchdog watches it."""
    with watchdog_lock_path(pgdata).open("a") as watchdog:
        try:
            fcntl.flock(watchdog, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
    return not embedded_db.postmasters(pgdata)


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    """A data directory for this module's tests; whatever a failed test leaves running on it is stopped."""
    var_dir = tmp_path_factory.mktemp("embedded").resolve() / "var"
    yield var_dir
    for process in psutil.process_iter(["name", "cmdline"]):
        if process.info["name"] != "postgres" and str(var_dir) in " ".join(process.info["cmdline"] or []):
            process.kill()  # a user or the watchdog of this directory, started by this module
    embedded_db.stop_server(var_dir / "pgdata")


def test_interrupted_users_leave_a_working_server_and_none_running_at_the_end(var_dir):
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    pgdata = var_dir / "pgdata"
    known: set[int] = set()
    for number in range(ROUNDS):
        phase = list(PHASES)[number % len(PHASES)]
        signals = INTERRUPTIONS[number // len(PHASES) % len(INTERRUPTIONS)]
        context = f"round {number} (seed {seed}): {phase}, {' then '.join(signal.Signals(s).name for s in signals)}"
        user = User(var_dir, str(number))
        if number == 0:  # the first start of all, during initdb
            user.wait_for_child("initdb")
        elif PHASES[phase]:
            user.wait_for(PHASES[phase])
        time.sleep(rng.uniform(0, 0.5 if phase == "start-up" else 0.3))  # the point of interruption
        for signum in signals:
            user.signal_group(signum)
            time.sleep(rng.uniform(0, 0.1))
        user.finish()
        if number % 4 == 3:
            (pgdata / USERS_FILE).write_text(BROKEN_LISTS[number // 4 % len(BROKEN_LISTS)])
        rows = next_command(var_dir)
        # A user killed between its commit and saying so may leave its row: the one row not known.
        committed = {number} if user.said("committed") else set()
        assert known | committed <= rows <= known | {number}, context
        known = rows
    assert User(var_dir, str(ROUNDS)).finish() == 0
    assert next_command(var_dir) == known | {ROUNDS}
    wait_until(lambda: server_gone(pgdata), "the server to stop after its last user")
    assert json.loads((pgdata / USERS_FILE).read_text()) == []


def test_a_server_whose_only_user_was_killed_stops_though_nobody_comes(var_dir):
    pgdata = var_dir / "pgdata"
    user = User(var_dir, "0", "hold")
    wait_until(lambda: user.said("holding"), "the server to start")
    assert embedded_db.postmasters(pgdata)
    user.signal_group(signal.SIGKILL)
    user.finish()
    wait_until(lambda: server_gone(pgdata), "the watchdog to stop the server")


def test_a_broken_list_of_users_is_rebuilt_from_the_processes_holding_the_users_file(tmp_path):
    pgdata = tmp_path / "pgdata"
    pgdata.mkdir()
    users = ServerUsers(pgdata / USERS_FILE)
    with users_lock_path(pgdata).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_SH)
        for broken in [*BROKEN_LISTS, None]:
            if broken is None:
                users.path.unlink()
            else:
                users.path.write_text(broken)
            assert users.get() == [os.getpid()], broken
            assert json.loads(users.path.read_text()) == [os.getpid()], broken


def test_dead_processes_are_dropped_from_the_list(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    users = ServerUsers(tmp_path / USERS_FILE)
    users.put([os.getpid(), dead.pid])

    assert users.get() == [os.getpid()]
    assert json.loads(users.path.read_text()) == [os.getpid()]
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(
    ("environ", "var_dir"), [({}, Path("/srv/portal/var")), ({"DJANGO_EMBEDDED_DIR": "/tmp/x"}, Path("/tmp/x"))]
)
def test_the_embedded_data_directory_can_be_chosen(monkeypatch, environ, var_dir):
    started = []
    monkeypatch.setattr(databases, "embedded_database_url", lambda *args: started.append(args) or "postgres:///x")

    databases.database_settings(Path("/srv/portal"), environ)

    assert started == [(var_dir, "cci_portal")]
