"""HTTP behaviour: validators and 304s, CORS for reads, and a fixed number of queries per list."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from projects.models import FocusArea, Milestone, Project, Scheme
from tests.api.client import content
from tests.factories import (
    focus_area,
    make_article,
    make_district,
    make_figure,
    make_organization,
    make_project,
    make_source,
    make_zone,
)

pytestmark = pytest.mark.django_db


def validators(response) -> dict:
    return {"HTTP_IF_NONE_MATCH": response["ETag"]}


def test_reads_carry_etag_and_last_modified(client):
    project = make_project()

    response = client.get("/api/v1/projects/")

    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"] == http_date(project.updated_at.timestamp())
    assert response["Cache-Control"] == "no-cache"


def test_a_conditional_get_returns_304_until_something_changes(client, django_assert_num_queries):
    project = make_project()
    first = client.get("/api/v1/projects/")

    with django_assert_num_queries(1):
        unchanged = client.get("/api/v1/projects/", **validators(first))
    project.title_en = "Renamed"
    project.save()
    changed = client.get("/api/v1/projects/", **validators(first))

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["results"][0]["title_en"] == "Renamed"


def test_if_modified_since_gives_304_for_the_last_modified_time(client):
    make_project()
    first = client.get("/api/v1/projects/")

    same = client.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    earlier = client.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")

    assert same.status_code == 304
    assert earlier.status_code == 200


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


def test_a_validator_of_one_query_does_not_answer_another(client):
    make_project(status="implementation")
    unfiltered = client.get("/api/v1/projects/")

    # Same records, same times: only the query and the format differ.
    assert client.get("/api/v1/projects/?status=implementation", **validators(unfiltered)).status_code == 200
    assert client.get("/api/v1/projects/?format=csv", **validators(unfiltered)).status_code == 200
    assert client.get("/api/v1/projects/", **validators(unfiltered)).status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/projects/CCI-2020-0001/",
        "/api/v1/projects/?format=csv",
        "/api/v1/projects/oc4ids/",
        "/api/v1/stats/",
        "/api/v1/focus-areas/",
        "/api/v1/focus-areas/ict/",
        "/api/v1/organizations/",
        "/api/v1/articles/",
        "/api/v1/reported-figures/",
    ],
)
def test_every_read_answers_a_conditional_get(client, path):
    make_project()
    make_article()
    make_figure()
    first = client.get(path)
    content(first)

    again = client.get(path, **validators(first))

    assert first.status_code == 200
    assert again.status_code == 304


def test_a_changed_vocabulary_changes_its_etag(client):
    first = client.get("/api/v1/focus-areas/ict/")
    FocusArea.objects.filter(code="ict").update(name_en="ICT")

    again = client.get("/api/v1/focus-areas/ict/", **validators(first))

    assert again.status_code == 200
    assert again.json()["name_en"] == "ICT"


def test_reads_are_open_to_other_sites_but_writes_are_not(client):
    make_project()

    read = client.get("/api/v1/projects/", HTTP_ORIGIN="https://partner.example")
    preflight = client.options(
        "/api/v1/projects/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="DELETE",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    page = client.get("/", HTTP_ORIGIN="https://partner.example")

    assert read["Access-Control-Allow-Origin"] == "*"
    assert read["Access-Control-Expose-Headers"] == "ETag, Last-Modified, Retry-After, Content-Disposition"
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in page


def full_projects(count: int) -> None:
    """Projects with every related record the list shows, so each prefetch has work."""
    zone = make_zone()
    district = make_district()
    for _ in range(count):
        project = make_project(
            zone=zone,
            district=district,
            participants=[(make_organization(), "funding"), (make_organization(), "investor")],
        )
        project.other_focus_areas.add(focus_area("ict"))
        project.sources.add(make_source())
        Milestone.objects.create(project=project, date=date(2021, 1, 1), title_en="Signed", source=make_source())
        make_article().projects.add(project)


def articles(count: int) -> None:
    for _ in range(count):
        article = make_article()
        article.projects.add(make_project())
        article.focus_areas.add(focus_area("ict"))
        article.organizations.add(make_organization())


def no_vocabulary(model):
    def clear() -> None:
        Project.objects.all().delete()
        model.objects.all().delete()

    return clear


def vocabulary(model):
    def build(count: int) -> None:
        start = model.objects.count()
        for n in range(start, start + count):
            model.objects.create(code=f"code-{n}", name_en=f"Name {n}", position=n)

    return build


QUERY_COUNTS = [
    # path, records to add, what to clear first, queries: validators + count + rows + one per prefetch
    # (projects: a numbered page's ids, then their rows with focus areas, zone and articles, then
    # partners, milestones, sources)
    ("/api/v1/projects/", full_projects, None, 1 + 1 + 1 + 1 + 3),
    ("/api/v1/projects/?format=csv", full_projects, None, 1 + 1 + 3),
    ("/api/v1/projects/oc4ids/", full_projects, None, 1 + 1 + 3),
    ("/api/v1/projects/?cursor=", full_projects, None, 1 + 1 + 3),
    ("/api/v1/articles/", articles, None, 1 + 1 + 1 + 3),
    ("/api/v1/zones/", lambda count: [make_zone() for _ in range(count)], None, 1 + 1 + 1),
    ("/api/v1/organizations/", lambda count: [make_organization() for _ in range(count)], None, 1 + 1 + 1),
    ("/api/v1/reported-figures/", lambda count: [make_figure() for _ in range(count)], None, 1 + 1 + 1),
    ("/api/v1/focus-areas/", vocabulary(FocusArea), no_vocabulary(FocusArea), 1 + 1),
    ("/api/v1/schemes/", vocabulary(Scheme), no_vocabulary(Scheme), 1 + 1),
    ("/api/v1/districts/", lambda count: [make_district() for _ in range(count)], None, 1 + 1),
    ("/api/v1/stats/", full_projects, None, 8),
]


@pytest.mark.parametrize(("path", "add", "clear", "queries"), QUERY_COUNTS, ids=[row[0] for row in QUERY_COUNTS])
def test_a_list_runs_as_many_queries_for_2_rows_as_for_50(
    client, django_assert_num_queries, path, add, clear, queries
):
    if clear:
        clear()
    add(2)
    with django_assert_num_queries(queries):
        small = content(client.get(path))

    add(48)
    with django_assert_num_queries(queries):
        large = content(client.get(path))

    assert len(large) > len(small)


def test_head_answers_like_get_without_a_body(client):
    make_project()
    get = client.get("/api/v1/projects/")

    head = client.head("/api/v1/projects/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_a_source_edit_changes_the_etag_of_projects_figures_and_stats(client):
    source = make_source(title="Old title")
    make_project().sources.add(source)
    make_figure(source=source)
    paths = ["/api/v1/projects/", "/api/v1/reported-figures/", "/api/v1/stats/"]
    first = {path: client.get(path) for path in paths}

    source.title = "New title"
    source.save()

    assert [client.get(path, **validators(first[path])).status_code for path in paths] == [200, 200, 200]


def test_a_deletion_moves_last_modified(client):
    kept = make_project()
    deleted = make_project()
    # Everything happened yesterday: HTTP dates count whole seconds.
    yesterday = timezone.now() - timedelta(days=1)
    Project.objects.filter(pk__in=[kept.pk, deleted.pk]).update(updated_at=yesterday)
    Project.history.update(history_date=yesterday)
    first = client.get("/api/v1/projects/")

    deleted.delete()
    response = client.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert response.status_code == 200
    assert [project["id"] for project in response.json()["results"]] == [kept.public_id]
