"""``manage.py publish_release``: write the published registry as a new bulk release (run it daily)."""

from django.core.management.base import BaseCommand, CommandError

from cci_portal.releases.services import ReleaseInProgress, publish_release


class Command(BaseCommand):
    """Every table as CSV, XLSX, JSON Lines and Parquet, the OC4IDS packages, datapackage.json and
    SHA256SUMS, stored and listed at /data/releases/; releases beyond RELEASE_RETENTION are dropped."""

    help = "Publish the registry as a versioned bulk release (see docs/operations.md)."

    def handle(self, *args, **options):
        try:
            release = publish_release()
        except ReleaseInProgress as busy:
            raise CommandError(str(busy)) from busy
        rows = ", ".join(f"{table} {count}" for table, count in release.counts.items())
        self.stdout.write(
            f"Published release {release.version}: {len(release.files)} files, {release.total_bytes} bytes "
            f"in {release.seconds:.1f} s ({rows})."
        )
