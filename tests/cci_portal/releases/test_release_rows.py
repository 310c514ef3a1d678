"""How a release reads its rows: as plain values that equal the import resource's own export, links
to drafts left out, and the OC4IDS packages written by a second process on the same snapshot."""

import json
from io import StringIO

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection, transaction

from cci_portal.models import Release
from cci_portal.releases.snapshot import snapshot_worker
from cci_portal.releases.tables import release_tables
from news.models import Article
from news.resources import ArticleResource
from projects.models import District, Milestone, Organization, Project, ReportedFigure, Zone
from projects.resources import (
    DistrictResource,
    MilestoneResource,
    OrganizationResource,
    ProjectResource,
    ReportedFigureResource,
    ZoneResource,
)
from tests.factories import make_article, make_organization, make_project, make_zone

# Each table's records, and the resource whose export its rows must equal.
EXPORTS = {
    "projects": (ProjectResource, lambda: Project.objects.published()),
    "milestones": (MilestoneResource, lambda: Milestone.objects.filter(project__is_published=True)),
    "organizations": (OrganizationResource, lambda: Organization.objects.published()),
    "zones": (ZoneResource, lambda: Zone.objects.published()),
    "districts": (DistrictResource, lambda: District.objects.all()),
    "reported-figures": (ReportedFigureResource, lambda: ReportedFigure.objects.published()),
    "articles": (ArticleResource, lambda: Article.objects.published()),
}


def _rows(name: str) -> list[list]:
    table = next(table for table in release_tables() if table.name == name)
    return [row for batch in table.batches() for row in batch]


@pytest.mark.django_db
def test_every_table_holds_the_resources_own_export_of_its_records():
    call_command("load_demo", stdout=StringIO())
    for name, (resource_class, records) in EXPORTS.items():
        resource = resource_class()
        fields = resource.get_export_fields()
        expected = [
            [resource.export_value(field, record) for field in fields]
            for record in resource.filter_export(records()).order_by("pk")
        ]
        assert _rows(name) == expected, name
        assert len(expected) > 0, name
    columns = [field.column_name for field in ProjectResource().get_export_fields()]
    projects = {row[1]: dict(zip(columns, row, strict=True)) for row in _rows("projects")}
    assert projects["raffles-city-chongqing"]["participants"] == "capitaland-group:investor"


@pytest.mark.django_db
def test_a_published_records_links_to_drafts_are_left_out():
    draft_zone = make_zone(slug="draft-zone", is_published=False)
    shown_zone = make_zone(slug="shown-zone")
    draft_partner = make_organization(slug="draft-partner", is_published=False)
    partner = make_organization(slug="shown-partner")
    in_draft_zone = make_project(
        slug="in-draft-zone", zone=draft_zone, participants=[(partner, "implementing"), (draft_partner, "investor")]
    )
    in_shown_zone = make_project(slug="in-shown-zone", zone=shown_zone)
    draft_project = make_project(slug="unpublished", is_published=False)
    article = make_article(slug="linked")
    article.projects.set([in_draft_zone, draft_project])
    article.organizations.set([draft_partner, partner])

    columns = [field.column_name for field in ProjectResource().get_export_fields()]
    projects = {row[1]: dict(zip(columns, row, strict=True)) for row in _rows("projects")}
    assert set(projects) == {"in-draft-zone", "in-shown-zone"}
    assert projects["in-draft-zone"]["zone"] == ""
    assert projects["in-draft-zone"]["participants"] == "shown-partner:implementing"
    assert projects["in-shown-zone"]["zone"] == "shown-zone"
    article_columns = [field.column_name for field in ArticleResource().get_export_fields()]
    (article_row,) = (dict(zip(article_columns, row, strict=True)) for row in _rows("articles"))
    assert article_row["projects"] == in_draft_zone.public_id
    assert article_row["organizations"] == "shown-partner"
    assert in_shown_zone.public_id not in article_row["projects"]


def published_projects() -> int:
    """What the worker counts (a function of the module, so that the worker can be handed it)."""
    return Project.objects.published().count()


def failing() -> None:
    raise ValueError("The worker's own error.")


@pytest.mark.django_db(transaction=True)
def test_the_worker_reads_the_snapshot_not_what_was_committed_since(reference_vocabularies):
    make_project(slug="kept")
    make_project(slug="withdrawn")
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            assert published_projects() == 2
            with other.cursor() as cursor:  # another session withdraws a project meanwhile, and commits
                cursor.execute("UPDATE projects_project SET is_published = false WHERE slug = 'withdrawn'")
            other.commit()
            with snapshot_worker(published_projects) as counted:
                pass
            assert counted.result() == 2
            with pytest.raises(ValueError, match=r"The worker's own error\."), snapshot_worker(failing):
                pass
            # The session the worker was forked from goes on, on its snapshot.
            assert sorted(Project.objects.published().values_list("slug", flat=True)) == ["kept", "withdrawn"]
        assert list(Project.objects.published().values_list("slug", flat=True)) == ["kept"]
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_the_command_writes_both_packages_beside_the_tables(reference_vocabularies, release_storage, settings):
    call_command("load_demo", stdout=StringIO())
    call_command("publish_release", stdout=StringIO())
    release = Release.objects.get()
    folder = release_storage / release.version
    published = sorted(Project.objects.published().values_list("public_id", flat=True))
    assert release.counts["projects"] == len(published) == 22
    raffles = Project.objects.get(slug="raffles-city-chongqing").public_id
    packages = (("oc4ids.json", "en", "Raffles City Chongqing"), ("oc4ids-zh.json", "zh", "重庆来福士"))
    for name, language, title in packages:
        projects = {
            project["id"].removeprefix(settings.OC4IDS_ID_PREFIX): project
            for project in json.loads((folder / name).read_text(encoding="utf-8"))["projects"]
        }
        assert sorted(projects) == published
        assert {project["language"] for project in projects.values()} == {language}
        assert projects[raffles]["title"] == title
    assert {file["name"] for file in release.files} >= {"oc4ids.json", "oc4ids-zh.json", "projects.csv"}
