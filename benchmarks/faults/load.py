"""The client load: threads, each GETting pages and API calls in turn on fresh loopback connections,
and a few writers PATCHing a draft project's summary as the staff publisher; every request timed,
every write answered 2xx remembered by its token."""

import http.client
import json
import random
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.harness import HOST
from benchmarks.server import USER_AGENT

REQUEST_TIMEOUT_S = 30.0
RECOVERY_S = 3.0  # the load runs on at least this long after a fault has ended
MAX_REQUESTS_PER_CLIENT = 20_000  # a bound on the count whatever the duration


@dataclass(frozen=True)
class Outcome:
    kind: str  # "read" or "write"
    path: str
    started: float  # seconds since the load began
    seconds: float
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400

    @property
    def ended(self) -> float:
        return self.started + self.seconds


@dataclass(frozen=True)
class Writer:
    """How a writer signs in: the editor's session, and a CSRF secret as cookie and header."""

    session_cookie: str
    session: str
    csrf_cookie: str
    csrf: str

    def headers(self) -> dict[str, str]:
        return {
            "Cookie": f"{self.session_cookie}={self.session}; {self.csrf_cookie}={self.csrf}",
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }


@dataclass
class Load:
    """What one run of the load saw: every request, the acknowledged writes, the faults' times."""

    outcomes: list[Outcome] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    fault_window: tuple[float, float] | None = None
    fault_note: str = ""
    seconds: float = 0.0


def request(port: int, method: str, path: str, *, body: bytes | None = None, headers=None) -> tuple[int | None, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    try:
        connection.request(method, path, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response.status, ""
    except (OSError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"
    finally:
        connection.close()


def read_paths(published: list[str]) -> list[str]:
    """Pages and API calls, as a visitor and a partner's mirror would ask for them."""
    first, second = published[0], published[min(1, len(published) - 1)]
    return [
        "/",
        "/projects/",
        f"/projects/{first}/",
        "/projects/?page=2",
        "/news/",
        "/search/?q=port",
        "/stats/",
        f"/projects/{second}/",
        "/api/v1/projects/",
        f"/api/v1/projects/{first}/",
        "/api/v1/projects/?q=road",
        "/api/v1/organizations/",
        "/api/v1/articles/",
        "/api/v1/stats/",
    ]


class Runner:
    """``clients`` readers and ``len(drafts)`` writers for ``seconds``; ``fault`` is called part-way."""

    def __init__(self, port: int, paths: list[str], writer: Writer, drafts: list[str], label: str):
        self.port, self.paths, self.writer, self.drafts, self.label = port, paths, writer, drafts, label
        self.load = Load()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.t0 = 0.0

    def now(self) -> float:
        return time.monotonic() - self.t0

    def record(self, outcome: Outcome, token: str | None = None) -> None:
        with self.lock:
            self.load.outcomes.append(outcome)
            if token is not None and outcome.status is not None and 200 <= outcome.status < 300:
                self.load.acknowledged.append(token)

    def reader(self, number: int) -> None:
        order = random.Random(number)
        paths = self.paths[:]
        order.shuffle(paths)
        for count in range(MAX_REQUESTS_PER_CLIENT):
            if self.stop.is_set():
                return
            path = paths[count % len(paths)]
            started = self.now()
            status, error = request(self.port, "GET", path)
            self.record(Outcome("read", path, started, self.now() - started, status, error))

    def write(self, public_id: str, number: int) -> None:
        path = f"/api/v1/projects/{public_id}/"
        for count in range(MAX_REQUESTS_PER_CLIENT):
            if self.stop.is_set():
                return
            token = f"faults {self.label} {number}.{count} {secrets.token_hex(4)}"
            body = json.dumps({"summary_en": token}).encode()
            started = self.now()
            status, error = request(self.port, "PATCH", path, body=body, headers=self.writer.headers())
            self.record(Outcome("write", path, started, self.now() - started, status, error), token)

    def run(self, clients: int, seconds: float, fault: Callable[[], str] | None = None, at: float = 0.4) -> Load:
        """The load for ``seconds``; ``fault`` runs at ``at`` of the way, its span kept as the fault window,
        and the load goes on for ``RECOVERY_S`` after it at least."""
        threads = [threading.Thread(target=self.reader, args=(n,), daemon=True) for n in range(clients)]
        threads += [
            threading.Thread(target=self.write, args=(public_id, n), daemon=True)
            for n, public_id in enumerate(self.drafts)
        ]
        self.t0 = time.monotonic()
        for thread in threads:
            thread.start()
        if fault is not None:
            time.sleep(seconds * at)
            begun = self.now()
            self.load.fault_note = fault()
            self.load.fault_window = (begun, self.now())
            seconds = max(seconds, self.now() + RECOVERY_S)
        time.sleep(max(0.0, seconds - self.now()))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT_S + 5)
        self.load.seconds = self.now()
        return self.load
