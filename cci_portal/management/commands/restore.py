"""``manage.py restore FILE``: a backup of ``manage.py backup`` back into the database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from cci_portal.backups import BackupError, database_restore


class Command(BaseCommand):
    """Thin wrapper of :func:`cci_portal.backups.database_restore`."""

    help = (
        "Restore a backup made by 'manage.py backup': checks FILE against FILE.sha256, then replaces the "
        "database's public schema with the backup in one transaction (all or nothing). Refuses a database "
        "that has tables already unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE", help="The .dump file, with its .sha256 beside it.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace what the database holds now (every table of schema public goes).",
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        connection = connections["default"]
        try:
            database_restore(database=connection.settings_dict, path=file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # Every table was made again under this connection's feet; start the next query afresh.
        connection.close()
        name = connection.settings_dict["NAME"]
        self.stdout.write(self.style.SUCCESS(f'Restored {file} into the database "{name}".'))
