"""The registry's ETags follow its related records: partners, articles and sources (freshness_dependencies)."""

import pytest

from projects.models import Project
from tests.api_client import validators
from tests.factories import make_article, make_figure, make_organization, make_project, make_source

pytestmark = pytest.mark.django_db


def rename_partner(project, partner):
    partner.name_en = "Renamed partner"
    partner.save()


def unpublish_partner(project, partner):
    partner.is_published = False
    partner.save()


def link_an_article(project, partner):
    make_article().projects.add(project)


@pytest.mark.parametrize(
    "change",
    [
        lambda project, partner: project.delete(),
        lambda project, partner: make_project(),
        lambda project, partner: Project.objects.filter(pk=project.pk).update(status="cancelled"),
        rename_partner,
        unpublish_partner,
        link_an_article,
    ],
    ids=[
        "project deleted",
        "project added",
        "project moved out of the filter",
        "partner renamed",
        "partner unpublished",
        "article published",
    ],
)
def test_the_etag_follows_deletions_additions_and_related_records(client, change):
    partner = make_organization()
    project = make_project(participants=[(partner, "funding")])
    make_project(participants=[(make_organization(), "funding")])
    first = client.get("/api/v1/projects/?status=implementation")

    change(project, partner)

    assert client.get("/api/v1/projects/?status=implementation", **validators(first)).status_code == 200


def test_a_source_edit_changes_the_etag_of_projects_figures_and_stats(client):
    source = make_source(title_en="Old title")
    make_project().sources.add(source)
    make_figure(source=source)
    paths = ["/api/v1/projects/", "/api/v1/reported-figures/", "/api/v1/stats/"]
    first = {path: client.get(path) for path in paths}

    source.title = "New title"
    source.save()

    assert [client.get(path, **validators(first[path])).status_code for path in paths] == [200, 200, 200]
