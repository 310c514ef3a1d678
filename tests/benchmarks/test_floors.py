"""The floors fetch what the API shows: the same page, the same project, the same counts."""

import json
from dataclasses import fields
from datetime import date, datetime
from urllib.parse import quote

import pytest
from django.db import connection

from benchmarks import floors
from benchmarks.facts import RegistryFacts, drf_cursor
from benchmarks.scenarios import FILTERED_API_LIST
from news.models import Article
from projects.models import Milestone, Organization, Project
from tests.factories import (
    ParticipantRole,
    focus_area,
    make_amount,
    make_article,
    make_district,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)


def as_instants(value):
    """The same JSON with every ISO date-time as an aware datetime (the API writes +08:00, the floor UTC)."""
    if isinstance(value, dict):
        return {key: as_instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_instants(item) for item in value]
    if isinstance(value, str) and "T" in value and value[:4].isdigit():
        return datetime.fromisoformat(value)
    return value


def registry_facts(**known) -> RegistryFacts:
    blanks = {field.name: 0 if field.type is int else "" for field in fields(RegistryFacts)}
    return RegistryFacts(**{**blanks, **known})


def floor_body(query: floors.FloorQuery) -> dict:
    connection.ensure_connection()
    floor = floors.Floor(query, connection.connection)
    try:
        return json.loads(floor.run())
    finally:
        floor.close()


@pytest.fixture
def registry():
    """Projects with everything a project shows, and the drafts a reader must not see."""
    public, draft = make_organization(name_en="Port Operator", country="CN"), make_organization(is_published=False)
    source = make_source(published_on=date(2021, 5, 1))
    projects = [
        make_project(
            title_en=f"Cold chain logistics hub {n}",
            summary_en="A cooperation project",
            participants=[(public, ParticipantRole.OPERATOR), (draft, ParticipantRole.FUNDING)],
            zone=make_zone(is_published=n % 2 == 0),
            district=make_district(),
            scheme=scheme(),
            signed_date=date(2019 + n, 3, 1),
            status=["implementation", "completion", "preparation"][n % 3],
            **make_amount(f"{1000 * (n + 1)}.00"),
        )
        for n in range(5)
    ]
    projects[0].other_focus_areas.add(focus_area("ict"))
    projects[1].sources.add(source, make_source())
    Milestone.objects.create(project=projects[1], date=date(2021, 6, 1), title_en="Opened", source=source)
    for published in (True, False):
        make_article(is_published=published).projects.add(projects[1])
    make_project(title_en="A draft logistics hub", is_published=False)
    make_project(title_en="Aviation school", focus_area=focus_area("aviation"))
    assert Article.objects.count() == 2
    return projects


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/projects/", floors.default_page(registry_facts())),
        ("/api/v1/projects/?q=logistics", floors.search_page("logistics")),
        ("/api/v1/projects/?cursor=", floors.first_cursor_page(registry_facts())),
    ],
)
def test_a_floor_fetches_the_page_the_api_shows(client, registry, path, query):
    shown = client.get(path).json()
    fetched = floor_body(query)

    assert len(fetched["results"]) >= 5
    assert as_instants(fetched["results"]) == as_instants(shown["results"])
    assert fetched.get("count") == shown.get("count")  # the numbered pages count, the cursor pages do not


@pytest.mark.django_db
def test_the_filtered_floor_fetches_the_filtered_page(client, registry):
    logistics = focus_area("transport-logistics")
    shown = client.get(FILTERED_API_LIST.format(focus_area=logistics.code)).json()
    fetched = floor_body(floors.filtered_page(registry_facts(focus_area_id=logistics.pk)))

    assert shown["count"] == fetched["count"] == 4
    assert as_instants(fetched["results"]) == as_instants(shown["results"])


@pytest.mark.django_db
def test_the_deep_cursor_and_the_project_floors_fetch_what_the_api_shows(client, registry):
    after, project = registry[1].pk, registry[1]
    deep = client.get(f"/api/v1/projects/?cursor={quote(drf_cursor(after), safe='')}").json()
    one = client.get(f"/api/v1/projects/{project.public_id}/").json()
    later = [*registry[2:], Project.objects.get(title_en="Aviation school")]

    assert [item["id"] for item in deep["results"]] == [item.public_id for item in later]
    assert as_instants(floor_body(floors.deep_cursor_page(registry_facts(cursor_after_pk=after)))["results"]) == (
        as_instants(deep["results"])
    )
    assert as_instants(floor_body(floors.one_project(registry_facts(project_id=project.public_id)))) == (
        as_instants(one)
    )
    port_operator = Organization.objects.get(name_en="Port Operator")
    assert [item["organization"] for item in one["participants"]] == [port_operator.slug]
    assert (len(one["articles"]), len(one["sources"]), len(one["milestones"])) == (1, 2, 1)
