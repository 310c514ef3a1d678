"""gunicorn serving one bench database on a free loopback port, and plain GETs to it.

The server runs as shipped: when the project has a ``gunicorn.conf.py`` gunicorn reads it (its
timeout and the rest); otherwise the defaults, with gunicorn's 30-second worker timeout written
out. Only the address and the 2 sync workers are always given.
"""

import http.client
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import BASE_DIR, HOST, Deadline, HarnessError, say

GUNICORN_CONFIG = BASE_DIR / "gunicorn.conf.py"
DEFAULT_TIMEOUT_S = 30
READY_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 30.0
USER_AGENT = "cci-portal-bench/2"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Reply:
    status: int | None
    body: bytes = b""
    error: str = ""


def get(port: int, path: str, deadline: Deadline, *, timeout: float = REQUEST_TIMEOUT_S) -> Reply:
    """GET ``path`` on a fresh connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=deadline.timeout(timeout))
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        return Reply(status=response.status, body=response.read())
    except (OSError, http.client.HTTPException) as error:
        return Reply(status=None, error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()


class GunicornServer:
    """``python -m gunicorn cci_portal.wsgi``; always stopped (SIGTERM, then SIGKILL) on leaving the block."""

    def __init__(self, *, env: dict[str, str], workers: int, log_path: Path):
        self.env = env
        self.workers = workers
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def settings(self) -> str:
        """How the server is configured, for the report."""
        shipped = f"{GUNICORN_CONFIG.name}" if GUNICORN_CONFIG.exists() else f"defaults, timeout {DEFAULT_TIMEOUT_S} s"
        return f"{self.workers} sync workers, {shipped}"

    def command(self) -> list[str]:
        command = [
            *(sys.executable, "-m", "gunicorn", "cci_portal.wsgi"),
            *("--bind", f"{HOST}:{self.port}", "--workers", str(self.workers), "--worker-class", "sync"),
            "--no-control-socket",  # gunicorn's default control socket is one path for every server
        ]
        if not GUNICORN_CONFIG.exists():
            command += ["--timeout", str(DEFAULT_TIMEOUT_S)]
        return command

    def __enter__(self) -> "GunicornServer":
        say(f"gunicorn on {HOST}:{self.port}: {self.settings} (log: {self.log_path})")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        """SIGTERM for a graceful stop, then SIGKILL if gunicorn has not gone within 10 seconds."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]

    def worker_pids(self) -> list[int]:
        import psutil

        return sorted(child.pid for child in psutil.Process(self.process.pid).children())

    def wait_until_ready(self, deadline: Deadline) -> None:
        """Poll ``/robots.txt`` until it answers and every worker has booted."""
        give_up = time.monotonic() + min(READY_TIMEOUT_S, deadline.remaining())
        while time.monotonic() < give_up:
            if self.process.poll() is not None:
                raise HarnessError(f"gunicorn exited with code {self.process.returncode}:\n{self.log_tail()}")
            if len(self.worker_pids()) >= self.workers and get(self.port, "/robots.txt", deadline).status == 200:
                return
            time.sleep(0.2)
        raise HarnessError(f"gunicorn did not answer within {READY_TIMEOUT_S:g} s:\n{self.log_tail()}")
