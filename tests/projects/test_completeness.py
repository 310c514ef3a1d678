"""How complete a project's record is: the six key facts, kept in the project's row as its
participants, milestones and sources change; shown on its page, sorted and filtered by on the list
and in the API, summed up on the statistics page."""

import importlib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from projects.choices import ParticipantRole
from projects.completeness import FACTS, refresh_completeness
from projects.models import Milestone, Project
from projects.services import project_participants_set
from tests.factories import make_amount, make_district, make_organization, make_project, make_source

pytestmark = pytest.mark.django_db


def texts(html: str, testid: str) -> list[str]:
    block = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</ul>', html, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def stored(project: Project) -> tuple[int, int]:
    project.refresh_from_db(fields=["known_facts", "completeness"])
    return project.known_facts, project.completeness


@pytest.fixture
def partners():
    return (
        make_organization(slug="changi", name_en="Changi Airport Group", country="SG"),
        make_organization(slug="liangjiang", name_en="Liangjiang Group", country="CN", kind="state_owned"),
    )


@pytest.fixture
def complete(partners):
    """A project holding every key fact."""
    source = make_source(title_en="Signing report")
    project = make_project(
        public_id="CCI-2024-0001",
        district=make_district(slug="yubei", name_en="Yubei"),
        signed_date=date(2024, 5, 1),
        participants=[(partners[0], ParticipantRole.INVESTOR), (partners[1], ParticipantRole.ACCOUNTABLE)],
        **make_amount("1200000", "CNY", usd="170000"),
        usd_rate=Decimal("0.1417"),
        usd_rate_date=date(2024, 5, 1),
    )
    project.sources.add(source)
    Milestone.objects.create(project=project, date=date(2024, 5, 1), title_en="Signed", source=source)
    return project


def test_a_record_with_every_key_fact_is_complete(complete):
    assert stored(complete) == (63, 100)


def test_each_change_of_a_link_moves_the_score(complete, partners):
    project_participants_set(project=complete, participants=[(partners[1], ParticipantRole.ACCOUNTABLE)], user=None)
    assert stored(complete) == (63 - 4, 83)
    Milestone.objects.create(project=complete, date=date(2025, 1, 1), title_en="Groundbreaking")  # no source
    assert stored(complete) == (63 - 4 - 32, 67)
    complete.milestones.filter(source__isnull=True).delete()
    complete.sources.clear()
    assert stored(complete) == (63 - 4 - 32, 67)
    complete.contract_amount = None
    complete.signed_date = None
    complete.save()
    assert stored(complete) == (8 + 16, 33)


def test_an_unpublished_partner_no_longer_counts(complete, partners):
    changi = partners[0]
    changi.is_published = False
    changi.save()
    assert stored(complete) == (63 - 4, 83)


def test_the_project_page_says_what_we_know_and_what_is_missing(client, complete):
    Milestone.objects.create(project=complete, date=date(2025, 1, 1), title_en="Groundbreaking")
    complete.district = None
    complete.save()
    html = client.get("/projects/CCI-2024-0001/").content.decode()
    assert re.search(r'data-testid="completeness">([^<]*)<', html).group(1) == "4 of 6 key facts (67%)"
    assert '<meter min="0" max="100" value="67"' in html
    assert texts(html, "facts-known") == [
        "Signing date",
        "Amount with its rate",
        "Partners from both countries",
        "Dated progress",
    ]
    assert texts(html, "facts-missing") == [
        "Where the project is is not recorded.",
        "Not every fact names its source.",
    ]


def test_the_chinese_page_says_it_in_chinese(client, complete):
    html = client.get("/zh-hans/projects/CCI-2024-0001/").content.decode()
    assert re.search(r'data-testid="completeness">([^<]*)<', html).group(1) == "6 项关键信息中已有 6 项（100%）"
    assert texts(html, "facts-missing") == ["无：每项关键信息均已记录。"]


def test_the_list_and_the_api_filter_and_sort_by_completeness(client, complete):
    bare = make_project(public_id="CCI-2024-0002", signed_date=None)
    assert stored(bare) == (0, 0)
    half = make_project(public_id="CCI-2024-0003", district=complete.district, **make_amount("500"))
    assert stored(half) == (1 + 2 + 8, 50)
    api = client.get("/api/v1/projects/?quality_min=50&ordering=-completeness").json()
    assert [project["id"] for project in api["results"]] == ["CCI-2024-0001", "CCI-2024-0003"]
    api = client.get("/api/v1/projects/?ordering=completeness").json()
    assert [project["id"] for project in api["results"]] == ["CCI-2024-0002", "CCI-2024-0003", "CCI-2024-0001"]
    html = client.get("/projects/?quality_min=83").content.decode()
    assert re.findall(r"CCI-2024-000\d", html.split('data-testid="result-count"')[1])[:1] == ["CCI-2024-0001"]
    assert "CCI-2024-0003" not in html.split('data-testid="result-count"')[1]
    assert '<option value="83" selected>5 of 6 key facts</option>' in html


def test_a_share_out_of_range_is_refused(client, complete):
    response = client.get("/api/v1/projects/?quality_min=101")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Invalid query parameter: quality_min.",
        "errors": {"quality_min": ["Ensure this value is less than or equal to 100."]},
    }
    page = client.get("/projects/?quality_min=abc")
    assert page.status_code == 400
    assert "Record complete, at least (%): Enter a number." in page.content.decode()


def test_the_default_order_says_so(client, complete):
    html = client.get("/projects/").content.decode()
    assert re.search(r'data-testid="sort-note">([^<]*)<', html).group(1) == (
        "Newest signed first; projects with no known signing date follow the dated ones."
    )
    assert 'data-testid="sort-note"' not in client.get("/projects/?ordering=title").content.decode()


def test_the_statistics_show_how_complete_the_registry_is(client, complete):
    make_project(public_id="CCI-2024-0002", signed_date=None)
    make_project(public_id="CCI-2024-0003", is_published=False)
    html = client.get("/stats/").content.decode()
    assert re.search(r'data-testid="mean-completeness">([^<]*)<', html).group(1) == (
        "On average the 2 published projects hold 50% of the key facts."
    )
    rows = re.findall(
        r'<tr data-testid="fact-tally"><th scope="row">([^<]*)</th><td class="num">(\d+)</td>'
        r'<td class="num">(\d+)%</td>',
        html,
    )
    assert rows == [
        ("Signing date", "1", "50"),
        ("Amount with its rate", "1", "50"),
        ("Partners from both countries", "1", "50"),
        ("Location", "1", "50"),
        ("Dated progress", "1", "50"),
        ("Sources", "1", "50"),
    ]


def test_the_data_page_defines_every_fact(client):
    html = client.get("/data/").content.decode()
    block = re.search(r'<dl data-testid="facts">(.*?)</dl>', html, re.S).group(1)
    assert re.findall(r"<dt>([^<]*)</dt>", block) == [str(fact.label) for fact in FACTS]
    assert "The day, month or year the agreement was signed." in block


def test_the_migration_backfill_computes_what_the_service_does(complete):
    """0018's frozen SQL filled the columns as projects/completeness.py defines them (until the
    definition changes, when this test shows the difference)."""
    make_project(public_id="CCI-2024-0002", signed_date=None, **make_amount("9", "SGD"))
    expected = dict(Project.objects.values_list("public_id", "known_facts"))
    Project.objects.update(known_facts=0, completeness=0)
    migration = importlib.import_module("projects.migrations.0018_completeness")
    with connection.cursor() as cursor:
        cursor.execute(migration.BACKFILL)
    assert dict(Project.objects.values_list("public_id", "known_facts")) == expected
    assert refresh_completeness(Project.objects.all()) == 2
    assert dict(Project.objects.values_list("public_id", "known_facts")) == expected
