"""Making a synthetic registry: every kind of record in turn, in one transaction."""

from django.db import connection, transaction

from benchmarks.synthetic.articles import build_articles
from benchmarks.synthetic.copying import analyze
from benchmarks.synthetic.counts import synthetic_project_capacity, synthetic_registry_counts
from benchmarks.synthetic.dates import MAX_SEQUENCE, YEARS
from benchmarks.synthetic.errors import SyntheticRegistryError
from benchmarks.synthetic.organizations import build_organizations
from benchmarks.synthetic.places import build_places
from benchmarks.synthetic.projects import build_projects
from benchmarks.synthetic.registry import SyntheticRegistry
from benchmarks.synthetic.sources import build_sources
from projects.completeness import refresh_completeness
from projects.models import Project


def _build(registry: SyntheticRegistry) -> dict[str, int]:
    """Each kind after those it refers to; returns the rows written, by kind."""
    if registry.sizes["projects"]:
        build_places(registry)
    build_organizations(registry)
    if registry.sizes["projects"]:
        build_sources(registry)
        build_projects(registry)
    build_articles(registry)
    return dict(registry.created)


def synthetic_registry_generate(*, projects: int, articles: int, organizations: int, seed: int) -> dict[str, int]:
    """Make a synthetic registry of the given sizes in one transaction; returns the rows written, by kind.

    Refuses when synthetic records exist already (clear them first), when projects are asked for
    without organizations, and when the projects cannot all get an identifier.
    """
    if min(projects, articles, organizations) < 0:
        raise SyntheticRegistryError("Sizes cannot be negative.")
    if projects and not organizations:
        raise SyntheticRegistryError("Projects need partners: give --organizations (at least 1).")
    existing = {label: count for label, count in synthetic_registry_counts().items() if count}
    if existing:
        held = ", ".join(f"{count:,} {label}" for label, count in existing.items())
        raise SyntheticRegistryError(f"Synthetic records exist already ({held}); clear them first (--clear).")
    with transaction.atomic(), connection.cursor() as cursor:
        # Staff saving a project meanwhile would take an identifier this run is about to use.
        cursor.execute(f"LOCK TABLE {Project._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        room = sum(synthetic_project_capacity().values())
        if projects > room:
            raise SyntheticRegistryError(
                f"Cannot make {projects:,} projects: identifiers CCI-YYYY-NNNN allow {MAX_SEQUENCE:,} a year, "
                f"and {YEARS[0]} to {YEARS[-1]} have room for {room:,} more."
            )
        registry = SyntheticRegistry(
            cursor, projects=projects, articles=articles, organizations=organizations, seed=seed
        )
        created = _build(registry)
        # COPY fires no signal: each project's completeness in one statement over the registry.
        refresh_completeness(Project.objects.all())
    with connection.cursor() as cursor:
        analyze(cursor)
    return created
