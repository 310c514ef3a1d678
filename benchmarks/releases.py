"""A bulk release of the whole registry, timed and checked: ``manage.py publish_release`` as the
schedule runs it, in its own process, with the release written to a temporary directory.

The release is complete when its ``release.json`` counts every published project and every file it
lists is there with the size and SHA-256 digest ``SHA256SUMS`` gives. While it runs, the resident
memory of the process and of the worker it forks is sampled every 100 ms, summed (pages the two share
are counted twice, so this is an upper bound): its peak, and its peak over each quarter of the run,
which stays level when memory is flat (a release that held its rows would climb quarter by quarter).

``python -m benchmarks.releases --size 100000`` measures only this (``make bench`` runs it too).
"""

import argparse
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import BASE_DIR, Deadline, HarnessError, say
from benchmarks.results import ReleaseResult
from benchmarks.scenarios import RELEASE

SAMPLE_INTERVAL_S = 0.1
MB = 1024 * 1024


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _check(directory: Path, result: ReleaseResult) -> None:
    """What the release holds, and whether each file is as its checksum says."""
    manifests = sorted(directory.glob("*/release.json"))
    if len(manifests) != 1:
        result.failure = f"{len(manifests)} releases written, not 1"
        return
    manifest = json.loads(manifests[0].read_text(encoding="utf-8"))
    folder = manifests[0].parent
    result.version = manifest["version"]
    result.records = manifest["counts"].get("projects", 0)
    sums = dict(
        reversed(line.split("  ", 1)) for line in (folder / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    )
    files = [path for path in folder.iterdir() if path.is_file()]
    result.files = len(files)
    result.megabytes = round(sum(path.stat().st_size for path in files) / MB, 1)
    wrong = [path.name for path in files if path.name != "SHA256SUMS" and sums.get(path.name) != _sha256(path)]
    if wrong:
        result.failure = f"checksums differ for {', '.join(sorted(wrong))}"
    elif result.records != result.expected_records:
        result.failure = f"{result.records:,} of {result.expected_records:,} published projects"
    else:
        result.complete = True


def _rss(process) -> int:
    import psutil

    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:  # a worker that has just ended
        return 0


def _quarters(samples: list[float]) -> list[float]:
    """The peak of each quarter of the samples, in MB."""
    if len(samples) < 4:
        return [round(max(samples, default=0) / MB, 1)] * 4
    size = len(samples) / 4
    return [round(max(samples[int(i * size) : int((i + 1) * size)]) / MB, 1) for i in range(4)]


def measure_release(env: dict[str, str], *, expected: int, deadline: Deadline) -> ReleaseResult:
    """Publish one release of the database ``env`` names, into a temporary directory."""
    import psutil

    result = ReleaseResult(name=RELEASE.name, number=RELEASE.number, expected_records=expected)
    with tempfile.TemporaryDirectory(prefix="cci-bench-release-") as temporary:
        storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": temporary}}
        command = [sys.executable, "manage.py", "publish_release"]
        say("manage.py publish_release")
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env={**env, "DJANGO_RELEASE_STORAGE": json.dumps(storage)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        watched, samples = psutil.Process(process.pid), []
        while process.poll() is None:
            try:  # the command and the worker it forks for the OC4IDS packages
                processes = [watched, *watched.children(recursive=True)]
                samples.append(sum(_rss(process) for process in processes))
            except psutil.NoSuchProcess:
                break
            if time.monotonic() - started > deadline.timeout():
                process.kill()
                raise HarnessError("publish_release did not finish within the time limit.")
            time.sleep(SAMPLE_INTERVAL_S)
        output = process.stdout.read()
        result.seconds = round(time.monotonic() - started, 1)
        result.status = process.returncode
        if process.returncode != 0:
            result.failure = f"exit {process.returncode}: {output[-500:]}"
            return result
        result.peak_rss_mb = round(max(samples, default=0) / MB, 1)
        result.rss_quarters_mb = _quarters(samples)
        _check(Path(temporary), result)
    return result


def main(argv: list[str] | None = None) -> int:
    from benchmarks.database import bench_database, prepare
    from benchmarks.harness import django_environment
    from benchmarks.judge import judge_release
    from benchmarks.report import release_table
    from benchmarks.targets import load_targets

    parser = argparse.ArgumentParser(prog="python -m benchmarks.releases", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="synthetic projects (default 100000)")
    parser.add_argument("--time-limit", type=float, default=3600, help="seconds, set-up included (default 3600)")
    args = parser.parse_args(argv)
    deadline = Deadline(args.time_limit)
    env = {**os.environ, **django_environment(secrets.token_urlsafe(50))}
    db = bench_database(args.size, prefix="cci_bench_", env=env)
    prepare(db, deadline)
    with db.connect() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM projects_project WHERE is_published")
        (expected,) = cursor.fetchone()
    result = measure_release(db.env, expected=expected, deadline=deadline)
    judge_release(result, load_targets().release[result.name])
    print(release_table([result]))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
