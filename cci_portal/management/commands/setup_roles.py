"""``manage.py setup_roles``: create or reset the staff groups (editor, publisher, viewer)."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from cci_portal.roles import roles_setup


class Command(BaseCommand):
    """Make each staff group hold exactly the permissions its role defines; safe to run again."""

    help = "Create the editor, publisher and viewer groups with exactly their permissions (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = roles_setup()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} permissions")
