"""``manage.py generate_synthetic``: a deterministic synthetic registry at scale, or its removal."""

import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from benchmarks.synthetic import (
    SyntheticRegistryError,
    synthetic_registry_clear,
    synthetic_registry_generate,
)


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


class Command(BaseCommand):
    """Thin wrapper of ``benchmarks.synthetic``: parse, call the service, report rows and time."""

    help = (
        "Make a synthetic registry for load tests: projects with 1 to 6 partners, milestones and sources "
        "(with 60 zones and 30 districts around Chongqing), news articles and organizations, written with "
        "COPY in one transaction. The same --seed and sizes on the same database give the same records. "
        "Every record is marked (slugs starting 'synthetic-', source "
        "documents starting 'synthetic:'), and --clear deletes those and nothing else. When synthetic "
        "records exist already, generating refuses (it never reuses or adds to them): give --clear to "
        "replace them. --clear alone only deletes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--projects",
            type=_count,
            default=0,
            metavar="N",
            help="Projects to make (default 0); identifiers allow 9,999 a year over 2015-2026, less those taken.",
        )
        parser.add_argument(
            "--articles", type=_count, default=0, metavar="N", help="News articles to make (default 0)."
        )
        parser.add_argument(
            "--organizations",
            type=_count,
            default=0,
            metavar="N",
            help="Partner organizations to make (default 0); needed when --projects is given.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random choices (default 1): same seed, same records."
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="First delete every synthetic record (demo data and staff records stay).",
        )

    def handle(self, *args, projects: int, articles: int, organizations: int, seed: int, clear: bool, **options):
        sizes = {"projects": projects, "articles": articles, "organizations": organizations}
        if not clear and not any(sizes.values()):
            raise CommandError("Nothing to do: give --projects, --articles or --organizations, or --clear.")
        try:
            if clear:
                started = time.perf_counter()
                deleted = synthetic_registry_clear()
                self._report(f"Cleared the synthetic registry in {time.perf_counter() - started:.1f} s.", deleted)
            if any(sizes.values()):
                started = time.perf_counter()
                created = synthetic_registry_generate(seed=seed, **sizes)
                elapsed = time.perf_counter() - started
                self._report(f"Generated a synthetic registry (seed {seed}) in {elapsed:.1f} s.", created)
        except SyntheticRegistryError as error:
            raise CommandError(str(error)) from error

    def _report(self, headline: str, counts: dict[str, int]) -> None:
        self.stdout.write(self.style.SUCCESS(headline))
        width = max(map(len, counts), default=0)
        for label, count in counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>9,}")
