"""Demo data of the registry: the real CCI projects, partners and places the source documents name.

The records are data, in ``projects/fixtures/`` (one CSV file per model; see its README), read
through the resources the admin's import uses (:mod:`projects.resources`), so they are checked
by the same rules as a staff import. ``load_registry_demo`` creates what is missing and never
changes or deletes a record that already exists, so staff work is safe.
"""

from pathlib import Path

from import_export.resources import ModelResource

from core.fixtures import (
    DemoImport,
    Row,
    demo_resource,
    import_fixture,
    keys_in,
    read_fixture,
    rows_not_loaded,
    with_keys_replaced,
)
from projects.models import FocusArea, Project, ProjectParticipant, ReportedFigure, Scheme, Source, next_public_id
from projects.resources import (
    DistrictResource,
    MilestoneResource,
    OrganizationResource,
    ProjectResource,
    ReportedFigureResource,
    SourceResource,
    ZoneResource,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# No source states a signing date, so the identifiers carry the year these records entered the
# registry: the same identifiers (CCI-2026-0001...) whatever year the demo is loaded.
DEMO_ENTRY_YEAR = 2026


class _DemoProjectResource(DemoImport, ProjectResource):
    """Projects are created in the file's order, so a fresh database always gets the same identifiers."""

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        instance.public_id = next_public_id(DEMO_ENTRY_YEAR)


def require_vocabulary(model, codes: set[str]) -> None:
    """The focus areas or schemes the demo names come from a data migration and are never created."""
    codes = codes - {""}
    if missing := codes - set(model.objects.filter(code__in=codes).values_list("code", flat=True)):
        raise LookupError(
            f"{model._meta.verbose_name_plural} missing (run migrate first): {', '.join(sorted(missing))}"
        )


def _load_sources(rows: list[Row]) -> tuple[int, dict[str, str]]:
    """Create the missing sources; return how many, and each fixture key's source id."""

    def find(row: Row) -> Source | None:
        return Source.objects.filter(title_en=row["title_en"], publisher_en=row["publisher_en"]).first()

    created = import_fixture(
        demo_resource(SourceResource)(), [row for row in rows if find(row) is None], "sources.csv"
    )
    return created, {row["key"]: str(find(row).pk) for row in rows}


def _load_figures(rows: list[Row], source_ids: dict[str, str]) -> int:
    """Figures are known by label and source."""
    rows = with_keys_replaced(rows, "source", source_ids)
    new = [
        row
        for row in rows
        if not ReportedFigure.objects.filter(label_en=row["label_en"], source=row["source"]).exists()
    ]
    return import_fixture(demo_resource(ReportedFigureResource)(), new, "figures.csv")


def _load_projects(rows: list[Row], milestones: list[Row], source_ids: dict[str, str]) -> dict[str, int]:
    """Projects missing by slug, with their participants and milestones; existing ones keep theirs."""
    new = rows_not_loaded(with_keys_replaced(rows, "sources", source_ids), Project)
    created = import_fixture(_DemoProjectResource(), new, "projects.csv")
    slugs = {row["slug"] for row in new}
    public_ids = dict(Project.objects.filter(slug__in=slugs).values_list("slug", "public_id"))
    steps = with_keys_replaced([row for row in milestones if row["project"] in slugs], "source", source_ids)
    return {
        "projects": created,
        "participants": ProjectParticipant.objects.filter(project__slug__in=slugs).count(),
        "milestones": import_fixture(
            demo_resource(MilestoneResource)(), with_keys_replaced(steps, "project", public_ids), "milestones.csv"
        ),
    }


# The fixtures of records known by slug, each with its resource, in the order they are created.
_BY_SLUG: tuple[tuple[str, str, type[ModelResource]], ...] = (
    ("districts", "districts.csv", DistrictResource),
    ("zones", "zones.csv", ZoneResource),
    ("organizations", "organizations.csv", OrganizationResource),
)


def load_registry_demo() -> dict[str, int]:
    """Create the registry's demo records that do not exist yet; return how many of each were created.

    Call inside a transaction. Focus areas and schemes come from the data migration and are only looked up.
    """
    fixtures = {path.name: read_fixture(path) for path in sorted(FIXTURES.glob("*.csv"))}
    projects, zones = fixtures["projects.csv"], fixtures["zones.csv"]
    require_vocabulary(
        FocusArea,
        keys_in(zones, "focus_area") | keys_in(projects, "focus_area") | keys_in(projects, "other_focus_areas"),
    )
    require_vocabulary(Scheme, keys_in(projects, "scheme"))
    sources_created, source_ids = _load_sources(fixtures["sources.csv"])
    created = {"sources": sources_created}
    for name, file_name, resource in _BY_SLUG:
        rows = rows_not_loaded(with_keys_replaced(fixtures[file_name], "sources", source_ids), resource._meta.model)
        created[name] = import_fixture(demo_resource(resource)(), rows, file_name)
    created.update(_load_projects(projects, fixtures["milestones.csv"], source_ids))
    created["figures"] = _load_figures(fixtures["figures.csv"], source_ids)
    return created
