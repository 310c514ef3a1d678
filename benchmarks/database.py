"""The bench's own database for each size, prepared once and reused while its data still fits.

``cci_bench_<size>`` sits on the server the project uses: the embedded PostgreSQL (selected with
``DJANGO_DATABASE_NAME``, which the settings create when missing) or, when ``DATABASE_URL`` is set,
that server (the harness creates the database). Preparing it: ``migrate``, ``setup_roles``,
``load_demo --if-empty``, then ``generate_synthetic`` for the size unless the data is there
already: as many ``synthetic-`` projects as the size, and the database's comment (the marker)
naming the same generator arguments and the same generator code. After generating, the
database is vacuumed and analysed, as autovacuum would have left it.
"""

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from benchmarks.harness import BASE_DIR, Deadline, HarnessError, say
from cci_portal.embedded_db import embedded_database_url, ensure_database

DEFAULT_PREFIX = "cci_bench_"
# The generator's code: its package (the modules and the vocabulary) and its command.
GENERATOR_FILES = ("benchmarks/synthetic", "cci_portal/management/commands/generate_synthetic.py")
SEED = 1


@dataclass(frozen=True)
class BenchDatabase:
    """One size's database: its name, a URL for the harness's own queries, and the environment of
    every process that works on it."""

    size: int
    name: str
    url: str
    env: dict[str, str]

    def connect(self):
        import psycopg2

        connection = psycopg2.connect(self.url)
        connection.autocommit = True
        return connection


def generator_arguments(size: int) -> list[str]:
    """``generate_synthetic``'s arguments for a size: half as many articles, a twentieth as many partners."""
    return [
        *("--projects", str(size)),
        *("--articles", str(size // 2)),
        *("--organizations", str(max(1, size // 20))),
        *("--seed", str(SEED)),
    ]


def with_database(url: str, name: str) -> str:
    """The same server URL (credentials, host, options) naming database ``name``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def bench_database(size: int, *, prefix: str, env: dict[str, str]) -> BenchDatabase:
    """The database of ``size`` on the project's server, created when missing."""
    name = f"{prefix}{size}"
    if env.get("DATABASE_URL"):
        ensure_database(env["DATABASE_URL"], name)
        url = with_database(env["DATABASE_URL"], name)
        return BenchDatabase(size=size, name=name, url=url, env={**env, "DATABASE_URL": url})
    # Starts or joins the embedded server (held until this process exits) and creates the database.
    url = embedded_database_url(BASE_DIR / "var", name)
    return BenchDatabase(size=size, name=name, url=url, env={**env, "DJANGO_DATABASE_NAME": name})


def run_manage(args: list[str], *, env: dict[str, str], deadline: Deadline) -> str:
    """Run one ``manage.py`` command within the time budget; a failure stops the harness."""
    command = f"manage.py {' '.join(args)}"
    say(command)
    try:
        completed = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=deadline.timeout(),
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise HarnessError(f"{command} did not finish within the time limit.") from error
    if completed.returncode != 0:
        raise HarnessError(f"{command} failed:\n{(completed.stdout + completed.stderr)[-3000:]}")
    return completed.stdout


def expected_marker(size: int) -> str:
    """The comment a database gets once its synthetic data is made: the arguments and the generator's hash."""
    digest = hashlib.sha256()
    for relative in GENERATOR_FILES:
        path = BASE_DIR / relative
        files = sorted(each for each in path.glob("*") if each.suffix in (".py", ".toml")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.read_bytes() if file.exists() else b"missing")
    return f"cci-bench generate_synthetic {' '.join(generator_arguments(size))} code {digest.hexdigest()[:16]}"


def synthetic_state(db: BenchDatabase) -> tuple[int, str]:
    """How many ``synthetic-`` projects the database holds, and its marker ('' when none)."""
    connection = db.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM projects_project WHERE slug LIKE 'synthetic-%'")
            count = cursor.fetchone()[0]
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [db.name]
            )
            marker = cursor.fetchone()[0] or ""
    finally:
        connection.close()
    return count, marker


def set_marker(db: BenchDatabase, marker: str) -> None:
    from psycopg2 import sql

    connection = db.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("COMMENT ON DATABASE {} IS %s").format(sql.Identifier(db.name)), [marker])
    finally:
        connection.close()


def vacuum(db: BenchDatabase) -> None:
    """VACUUM (ANALYZE) after the bulk load: the statistics and the visibility map (which index-only
    scans need) that autovacuum would have left on a production database by the time it is measured."""
    say(f"{db.name}: VACUUM (ANALYZE)")
    connection = db.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    finally:
        connection.close()


def prepare(db: BenchDatabase, deadline: Deadline) -> bool:
    """Migrate, roles, demo data, synthetic data; returns whether the synthetic data was generated now."""
    for args in (["migrate", "--no-input"], ["setup_roles"], ["load_demo", "--if-empty"]):
        run_manage(args, env=db.env, deadline=deadline)
    count, marker = synthetic_state(db)
    wanted = expected_marker(db.size)
    if count == db.size and marker == wanted:
        say(f"{db.name}: reusing its {count:,} synthetic projects")
        return False
    clear = ["--clear"] if count else []
    output = run_manage(["generate_synthetic", *generator_arguments(db.size), *clear], env=db.env, deadline=deadline)
    for headline in (line for line in output.splitlines() if line and not line[0].isspace()):
        say(f"{db.name}: {headline}")
    count, _marker = synthetic_state(db)
    if count != db.size:
        raise HarnessError(f"generate_synthetic made {count:,} synthetic projects in {db.name}, not {db.size:,}.")
    vacuum(db)
    set_marker(db, wanted)
    return True
