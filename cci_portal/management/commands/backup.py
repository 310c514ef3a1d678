"""``manage.py backup``: the database as a custom-format ``pg_dump`` archive with its SHA-256 beside it."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from cci_portal.backups import BackupError, database_backup


class Command(BaseCommand):
    """Thin wrapper of :func:`cci_portal.backups.database_backup`."""

    help = (
        "Back up the database with pg_dump (custom format) to DIR/cci_portal-YYYYMMDD-HHMMSS.dump (UTC), "
        "with a .sha256 file beside it (sha256sum format). Uses the client tools of the server's own version."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "backups",
            metavar="DIR",
            help="Where to write the backup (default: backups/ of the project; made when missing).",
        )

    def handle(self, *args, dir: Path, **options):
        try:
            backup = database_backup(database=connections["default"].settings_dict, directory=dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {backup.path} ({backup.size:,} bytes)."))
        self.stdout.write(f"  sha256 {backup.sha256}  ({backup.checksum_path.name})")
