"""``manage.py backup`` and ``manage.py restore``: a round trip that loses nothing, and the refusals.

``pg_dump`` and ``pg_restore`` run outside the test's transaction, so these tests commit
(``transaction=True``); restores go into a scratch database of their own, never into the test
database under the tests' feet.
"""

import hashlib
import os
import re
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections
from psycopg2 import sql
from psycopg2.extras import RealDictCursor

from cci_portal.backups import (
    BackupError,
    client_tools,
    database_backup,
    database_restore,
    libpq_params,
    server_major,
)
from projects.choices import ProjectStatus
from projects.models import Project

committing = pytest.mark.django_db(transaction=True)
DUMP_NAME = re.compile(r"cci_portal-\d{8}-\d{6}\.dump")
PUBLIC = "(SELECT oid FROM pg_namespace WHERE nspname = 'public')"
SCHEMA_QUERIES = {
    "extensions": "SELECT extname FROM pg_extension",
    "indexes": "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'",
    # Names and kinds only: a CHECK (x IN (...)) reads back in another, equivalent spelling after any restore.
    "constraints": f"SELECT conrelid::regclass || ' ' || conname || ' ' || contype::text FROM pg_constraint "
    f"WHERE connamespace = {PUBLIC}",
    "triggers": "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
    "functions": f"SELECT p.oid::regprocedure::text FROM pg_proc p WHERE pronamespace = {PUBLIC}",
}


def current_params() -> dict[str, str]:
    return libpq_params(connections["default"].settings_dict)


def query(params: dict[str, str], statement: str, args=(), *, dicts: bool = False) -> list:
    connection = psycopg2.connect(**params)
    connection.autocommit = True
    try:
        with connection.cursor(cursor_factory=RealDictCursor if dicts else None) as cursor:
            cursor.execute(statement, args)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.close()


def fingerprint(params: dict[str, str]) -> dict[str, tuple]:
    """Every table of schema public, as its row count and an MD5 of its rows in order; every sequence's state."""
    tables = query(
        params,
        "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1",
    )
    result = {}
    for (table,) in tables:
        [(count, digest)] = query(
            params, f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {table} t"
        )
        result[table] = (count, digest)
    for name, last_value in query(
        params, "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"
    ):
        result[f"sequence {name}"] = (last_value,)
    # And the rest of the schema: the public schema itself, extensions, indexes, constraints, triggers, functions.
    result["schema"] = tuple(
        query(
            params,
            "SELECT pg_get_userbyid(nspowner), nspacl::text, obj_description(oid, 'pg_namespace') "
            "FROM pg_namespace WHERE nspname = 'public'",
        )
    )
    for kind, statement in SCHEMA_QUERIES.items():
        result[kind] = tuple(sorted(row for (row,) in query(params, statement)))
    return result


@pytest.fixture
def scratch():
    """An empty database beside the test database, dropped afterwards: the restores' target."""
    params = current_params()
    name = f"{params['dbname']}_restore_scratch"
    admin = psycopg2.connect(**{**params, "dbname": "postgres"})
    admin.autocommit = True
    statements = [
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)),
        sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)),
    ]
    with admin.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    try:
        yield {**connections["default"].settings_dict, "NAME": name}
    finally:
        with admin.cursor() as cursor:
            cursor.execute(statements[0])
        admin.close()


def backup(directory: Path) -> Path:
    """``manage.py backup --dir directory``; returns the archive it wrote."""
    out = StringIO()
    call_command("backup", "--dir", str(directory), stdout=out)
    [path] = directory.glob("*.dump")
    assert f"Backed up to {path}" in out.getvalue()
    return path


@committing
def test_round_trip_restores_every_table_exactly(reference_vocabularies, scratch, tmp_path):
    call_command("load_demo", stdout=StringIO())
    call_command(
        "generate_synthetic", "--projects", "300", "--articles", "100", "--organizations", "40", stdout=StringIO()
    )
    # Edited just before the backup: the edit is what must come back.
    edited = Project.objects.exclude(slug__startswith="synthetic-").order_by("public_id").first()
    edited.title_en = "Edited seconds before the backup — 备份前编辑"
    edited.contract_amount_usd = Decimal("1234567.89")
    edited.status = ProjectStatus.CANCELLED if edited.status != ProjectStatus.CANCELLED else ProjectStatus.COMPLETION
    edited.save()
    source = current_params()
    row_query = "SELECT * FROM projects_project WHERE id = %s"
    [edited_row] = query(source, row_query, [edited.pk], dicts=True)
    before = fingerprint(source)

    path = backup(tmp_path)
    assert DUMP_NAME.fullmatch(path.name)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (tmp_path / f"{path.name}.sha256").read_text() == f"{digest}  {path.name}\n"  # sha256sum's format

    target = libpq_params(scratch)
    database_restore(database=scratch, path=path)  # an empty database: no --replace needed
    assert fingerprint(target) == before

    # Afterwards the data changes: an edit, deletions, a table of a later migration.
    query(target, "UPDATE projects_project SET title_en = 'Changed after the backup' WHERE id = %s", [edited.pk])
    query(target, "DELETE FROM projects_milestone")
    query(target, "CREATE TABLE projects_later_migration (id int PRIMARY KEY)")
    changed = fingerprint(target)
    assert changed != before

    with pytest.raises(BackupError, match=r"is not empty: .* give --replace"):
        database_restore(database=scratch, path=path)
    assert fingerprint(target) == changed

    database_restore(database=scratch, path=path, replace=True)
    after = fingerprint(target)
    assert after == before
    assert after["projects_project"][0] == Project.objects.count() > 300
    [restored_row] = query(target, row_query, [edited.pk], dicts=True)
    for column, value in edited_row.items():
        assert restored_row[column] == value, column
    assert restored_row["title_en"] == "Edited seconds before the backup — 备份前编辑"
    assert restored_row["contract_amount_usd"] == Decimal("1234567.89")
    assert restored_row["status"] == edited.status
    # The schema is as it was: the restored database serves the site's own search.
    [(matches,)] = query(target, "SELECT count(*) FROM projects_project WHERE search_vector @@ 'edit'::tsquery")
    assert matches >= 1


@committing
def test_restore_onto_a_database_with_data_refuses_and_changes_nothing(tmp_path):
    path = backup(tmp_path)
    before = fingerprint(current_params())
    with pytest.raises(CommandError, match=r'The database "[^"]+" is not empty: schema public has \d+ tables'):
        call_command("restore", str(path))
    assert fingerprint(current_params()) == before


@committing
def test_manage_py_restore_refuses_with_exit_status_and_no_traceback(tmp_path):
    path = backup(tmp_path)
    name = current_params()["dbname"]
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_TEST_DATABASE_NAME"}
    if env.get("DATABASE_URL"):
        env["DATABASE_URL"] = urlunsplit(urlsplit(env["DATABASE_URL"])._replace(path=f"/{name}"))
    else:
        env["DJANGO_DATABASE_NAME"] = name
    completed = subprocess.run(
        [sys.executable, "manage.py", "restore", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1
    assert "CommandError: The database" in completed.stderr
    assert "give --replace" in completed.stderr
    assert "Traceback" not in completed.stderr


@committing
def test_a_corrupted_backup_is_refused_before_anything_changes(tmp_path):
    path = backup(tmp_path)
    before = fingerprint(current_params())
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"Checksum mismatch: .* nothing was restored"):
        call_command("restore", str(path), "--replace")
    assert fingerprint(current_params()) == before


@committing
def test_a_restore_that_fails_halfway_is_rolled_back(scratch, tmp_path):
    database_restore(database=scratch, path=backup(tmp_path))
    target = libpq_params(scratch)
    query(target, "CREATE TABLE projects_bulk AS SELECT id, md5(id::text) AS v FROM generate_series(1, 50000) id")
    before = fingerprint(target)
    # A backup cut short, with a checksum to match: its table of contents reads, its data ends early.
    path = database_backup(database=scratch, directory=tmp_path / "scratch").path
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 9 // 10])
    path.with_name(f"{path.name}.sha256").write_text(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    # Where the cut falls decides which tool stops: pg_restore reading the archive, or psql loading a table.
    with pytest.raises(BackupError, match=r"The restore failed and was rolled back; (pg_restore|psql) said: .+"):
        database_restore(database=scratch, path=path, replace=True)
    assert fingerprint(target) == before


def test_a_backup_without_its_checksum_is_refused(tmp_path):
    path = tmp_path / "cci_portal-20250101-000000.dump"
    path.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match=r"No checksum beside the backup: .*\.dump\.sha256 is missing"):
        call_command("restore", str(path), "--replace")
    with pytest.raises(CommandError, match=r"No backup at .*missing\.dump"):
        call_command("restore", str(tmp_path / "missing.dump"))


@pytest.mark.django_db
def test_the_client_tools_are_the_servers_own_major_version():
    major = server_major(current_params())
    tools = client_tools(major)
    version = subprocess.run([tools.path("pg_restore"), "--version"], capture_output=True, text=True, check=True)
    assert re.search(rf"\) {major}\.", version.stdout)


def test_missing_client_tools_are_named_with_the_version_needed(tmp_path):
    with pytest.raises(BackupError, match=r"No PostgreSQL client tools .* of version 15 or newer.*Found: none"):
        client_tools(15, environ={"DJANGO_PG_BINDIR": str(tmp_path)})
