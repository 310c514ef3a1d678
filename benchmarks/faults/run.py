"""``python -m benchmarks.faults``: gunicorn with production settings on its own PostgreSQL, under
a load of pages, API calls and staff writes, through three scenarios on the same server:

1. steady: no fault; no request may fail;
2. restart: PostgreSQL restarted (``pg_ctl restart -m fast``) half-way; a request may fail only
   if it overlapped the restart (or the ``GRACE_S`` after it), and gunicorn's workers are the
   same ones afterwards (the app recovered by itself);
3. worker: one gunicorn worker SIGKILLed half-way; only a request in flight at that moment may
   fail (one at most per killed sync worker), and gunicorn is back to its workers.

After each, every write answered 2xx must be in the database (checked by query) and every URL
of the mix must answer. Prints, per scenario, requests, errors (and when), p50 and p99; exits 1
when a rule is broken, 2 when the run itself could not be done.
"""

import argparse
import os
import secrets
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.faults.database import DATABASE, Prepared, csrf_token, missing_writes, prepare
from benchmarks.faults.load import Load, Runner, Writer, read_paths, request
from benchmarks.faults.postgres import PrivateServer
from benchmarks.harness import BENCH_DIR, Deadline, HarnessError, django_environment, say
from benchmarks.latency import percentile
from benchmarks.server import GunicornServer

GRACE_S = 1.0  # after the restart: the retry's pause and a reconnection
WORKER_BACK_S = 30.0  # gunicorn's arbiter replaces a dead worker within a second or two
SCENARIOS = ("steady", "restart", "worker")


@dataclass
class Verdict:
    name: str
    load: Load
    missing: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    retried: int = 0  # reads run a second time, as the server's log says
    unavailable: int = 0  # requests answered 503 for want of the database

    @property
    def failures(self):
        return [outcome for outcome in self.load.outcomes if not outcome.ok]

    def latency_ms(self, percent: float) -> float:
        seconds = [outcome.seconds for outcome in self.load.outcomes]
        return round(percentile(seconds, percent) * 1000, 1) if seconds else float("nan")

    def when(self) -> str:
        """The failures' times, and the fault's, in seconds from the start of the load."""
        window = self.load.fault_window
        fault = f"fault {window[0]:.2f}-{window[1]:.2f} s" if window else ""
        failures = self.failures
        if not failures:
            return fault
        span = f"{min(f.started for f in failures):.2f}-{max(f.ended for f in failures):.2f} s"
        statuses = sorted({f"{f.kind} {f.status or f.error.split(':')[0]}" for f in failures})
        return f"{span} ({', '.join(statuses)}); {fault}".strip("; ")


def options(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.faults", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64, help="concurrent readers (64)")
    parser.add_argument("--seconds", type=float, default=30.0, help="load per scenario (30)")
    parser.add_argument("--writers", type=int, default=2, help="concurrent writers, one draft each (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--small", action="store_true", help="CI scale: 8 clients, 5 s per scenario")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="which, in order (all)")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds for the whole run")
    args = parser.parse_args(argv)
    if args.small:
        args.clients, args.seconds = 8, 5.0
    args.scenarios = [name for name in args.scenarios.split(",") if name]
    if unknown := set(args.scenarios) - set(SCENARIOS):
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    if not 1 <= args.clients <= 256 or not 1 <= args.seconds <= 600 or not 0 <= args.writers <= 8:
        parser.error("bounded: 1-256 clients, 1-600 s, 0-8 writers")
    if args.time_limit is None:
        args.time_limit = 120 + len(args.scenarios) * (args.seconds + 90)
    return args


class FaultsRun:
    def __init__(self, args, pg: PrivateServer, server: GunicornServer, db: Prepared):
        self.args, self.pg, self.server, self.db = args, pg, server, db
        self.paths = read_paths(db.published)
        self.writer = Writer(db.session_cookie, db.session, db.csrf_cookie, csrf_token())

    def runner(self, label: str) -> Runner:
        return Runner(self.server.port, self.paths, self.writer, self.db.drafts[: self.args.writers], label)

    def answers(self) -> list[str]:
        """Every URL of the mix once, and one write: what does not answer 2xx."""
        broken = []
        for path in self.paths:
            status, error = request(self.server.port, "GET", path)
            if not 200 <= (status or 0) < 300:
                broken.append(f"GET {path}: {status or error}")
        write = request(
            self.server.port,
            "PATCH",
            f"/api/v1/projects/{self.db.drafts[0]}/",
            body=b'{"summary_en": "faults: after the scenario"}',
            headers=self.writer.headers(),
        )
        if not (200 <= (write[0] or 0) < 300):
            broken.append(f"PATCH after the scenario: {write[0] or write[1]}")
        return broken

    def scenario(self, name: str) -> Verdict:
        say(f"{name}: {self.args.clients} clients + {self.args.writers} writers for {self.args.seconds:g} s")
        workers_before = self.server.worker_pids()
        log_start = self.server.log_path.stat().st_size
        fault = {"steady": None, "restart": self.restart, "worker": self.kill_worker}[name]
        verdict = Verdict(name, self.runner(name).run(self.args.clients, self.args.seconds, fault))
        if name == "worker":
            self.wait_for_workers(verdict)
        verdict.broken += self.judge(verdict, workers_before)
        with self.server.log_path.open(encoding="utf-8", errors="replace") as log:
            log.seek(log_start)
            lines = [line for line in log if "cci_portal.resilience" in line]
        verdict.retried = sum("trying once more" in line for line in lines)
        verdict.unavailable = sum("Database unavailable" in line for line in lines)
        verdict.broken += self.answers()
        verdict.missing = missing_writes(self.db.env, verdict.load.acknowledged)
        if verdict.missing:
            verdict.broken.append(f"{len(verdict.missing)} acknowledged writes are not in the database")
        return verdict

    def restart(self) -> str:
        return f"PostgreSQL restarted in {self.pg.restart():.2f} s"

    def kill_worker(self) -> str:
        victim = self.server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        return f"worker {victim} killed"

    def wait_for_workers(self, verdict: Verdict) -> None:
        give_up = time.monotonic() + WORKER_BACK_S
        while len(self.server.worker_pids()) < self.args.workers:
            if time.monotonic() > give_up:
                verdict.broken.append(f"gunicorn did not replace the killed worker within {WORKER_BACK_S:g} s")
                return
            time.sleep(0.2)

    def judge(self, verdict: Verdict, workers_before: list[int]) -> list[str]:
        failures, window = verdict.failures, verdict.load.fault_window
        if self.server.process.poll() is not None:
            return ["gunicorn exited"]
        if not verdict.load.outcomes:
            return ["no request was made"]
        if verdict.name == "steady":
            return [f"{len(failures)} requests failed under steady load"] if failures else []
        begin, end = window
        if verdict.name == "restart":
            outside = [f for f in failures if f.ended < begin or f.started > end + GRACE_S]
            broken = [f"{len(outside)} requests failed outside the restart window"] if outside else []
            if self.server.worker_pids() != workers_before:
                broken.append("gunicorn's workers changed: the app did not recover by itself")
            later = [o for o in verdict.load.outcomes if o.started > end + GRACE_S]
            if not later:
                broken.append("no request after the restart window to show recovery")
            return broken
        # worker: only what the killed worker was serving, one request per sync worker.
        outside = [f for f in failures if f.ended < begin or f.started > end]
        broken = [f"{len(outside)} requests failed other than the killed worker's"] if outside else []
        if len(failures) > 1:
            broken.append(f"{len(failures)} requests failed; a killed sync worker holds one")
        return broken


def report(args, verdicts: list[Verdict]) -> None:
    print(f"\nfaults: {args.clients} clients + {args.writers} writers, {args.seconds:g} s per scenario, "
          f"gunicorn {args.workers} sync workers, loopback only")  # fmt: skip
    header = f"{'scenario':<9} {'requests':>8} {'req/s':>6} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} "
    print(header + f"{'writes ok':>9} {'lost':>4} {'retried':>7} {'503':>4}  when / fault")
    for verdict in verdicts:
        load = verdict.load
        print(
            f"{verdict.name:<9} {len(load.outcomes):>8} {len(load.outcomes) / load.seconds:>6.1f} "
            f"{len(verdict.failures):>6} {verdict.latency_ms(50):>8.1f} {verdict.latency_ms(99):>8.1f} "
            f"{len(load.acknowledged):>9} {len(verdict.missing):>4} {verdict.retried:>7} {verdict.unavailable:>4}  "
            + "; ".join(part for part in (load.fault_note, verdict.when()) if part)
        )
        for problem in verdict.broken:
            print(f"  BROKEN: {problem}")
    print("verdict:", "FAIL" if any(v.broken for v in verdicts) else "PASS")


def main(argv=None) -> int:
    args = options(argv)
    deadline = Deadline(args.time_limit)
    artifacts = BENCH_DIR / "results" / "faults"
    artifacts.mkdir(parents=True, exist_ok=True)
    from cci_portal.embedded_db import ensure_database

    try:
        with PrivateServer() as pg:
            ensure_database(pg.url(), DATABASE)
            env = {
                **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
                **django_environment(secrets.token_urlsafe(50)),
                "DJANGO_ENV_FILE": "",
                "DATABASE_URL": pg.url(DATABASE),
                "DJANGO_LOG_LEVEL": "WARNING",  # the middleware's retries are counted from the log
            }
            db = prepare(env, Path(pg.root) / "static")
            with GunicornServer(env=db.env, workers=args.workers, log_path=artifacts / "gunicorn.log") as server:
                server.wait_until_ready(deadline)
                run = FaultsRun(args, pg, server, db)
                broken = run.answers()
                if broken:
                    raise HarnessError("The mix does not answer before any fault:\n" + "\n".join(broken))
                verdicts = []
                for name in args.scenarios:
                    if deadline.remaining() < args.seconds + 30:
                        raise HarnessError(f"The time limit ({args.time_limit:g} s) is spent before {name}.")
                    verdicts.append(run.scenario(name))
    except HarnessError as error:
        print(f"faults: could not run: {error}", file=sys.stderr)
        return 2
    report(args, verdicts)
    return 1 if any(verdict.broken for verdict in verdicts) else 0
