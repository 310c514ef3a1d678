"""``manage.py load_demo``: the real CCI projects, partners, places, figures and articles, with their sources.

The records are the fixtures of ``projects/fixtures/`` and ``news/fixtures/``, imported by the admin's resources.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.fixtures import DemoDataError
from news.demo import load_news_demo
from projects.demo import load_registry_demo
from projects.models import Project


class Command(BaseCommand):
    """Create the demo records that are missing; records that already exist are never changed or deleted."""

    help = "Load the CCI demo data (registry and news). Creates missing records only; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the registry already holds a project.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        with transaction.atomic():
            if if_empty and Project.objects.exists():
                self.stdout.write("The registry already holds projects; demo data not loaded.")
                return
            try:
                created = {**load_registry_demo(), **load_news_demo()}
            except (LookupError, DemoDataError) as error:
                raise CommandError(str(error)) from error

        if not any(created.values()):
            self.stdout.write("Demo data already present; nothing created.")
            return
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Created:"))
        for name, count in created.items():
            self.stdout.write(f"  {name}: {count}")
