"""``manage.py purge_enquiries``: delete the enquiries older than ENQUIRY_RETENTION_DAYS (run it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cci_portal.enquiries.services import enquiry_purge_expired


class Command(BaseCommand):
    """Keep the privacy note's promise: an enquiry is deleted once the retention period has passed."""

    help = "Delete the enquiries older than ENQUIRY_RETENTION_DAYS (730 days unless set)."

    def handle(self, *args, **options):
        deleted = enquiry_purge_expired()
        self.stdout.write(f"Deleted {deleted} enquiries older than {settings.ENQUIRY_RETENTION_DAYS} days.")
