"""The project list page: the API's filters, facet counts, sorting, pagination and bad input."""

import re
from datetime import date

import pytest
from django.utils.html import escape

from projects.choices import ParticipantRole, ProjectStatus
from tests.factories import (
    focus_area,
    make_amount,
    make_organization,
    make_project,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    return re.findall(r'class="project-title">(.*?)</a>', html)


def facet(html: str, name: str) -> list[tuple[str, str, bool]]:
    """(label, count, checked) of each option of a facet."""
    block = re.search(rf'data-testid="facet-{name}">(.*?)</fieldset>', html, re.S)
    assert block, f"no facet {name}"
    options = re.findall(
        r'<input type="(?:checkbox|radio)" name="\w+" value="([^"]+)"( checked)?>'
        r' <span class="facet-label">(.*?)</span> <span class="facet-count"[^>]*>(\d+)</span>',
        block.group(1),
    )
    return [(label, count, bool(checked)) for _value, checked, label, count in options]


@pytest.fixture
def registry():
    singapore = make_organization(name_en="PSA Singapore", country="SG")
    china = make_organization(name_en="Chongqing Port Group", country="CN")
    make_project(
        title_en="Multimodal hub",
        focus_area=focus_area("transport-logistics"),
        signed_date=date(2019, 6, 1),
        participants=[(singapore, ParticipantRole.OPERATOR), (china, ParticipantRole.ACCOUNTABLE)],
        **make_amount("500000000", "USD"),
    )
    make_project(
        title_en="Cold chain park",
        focus_area=focus_area("transport-logistics"),
        status=ProjectStatus.PREPARATION,
        signed_date=date(2021, 3, 1),
        participants=[(china, ParticipantRole.IMPLEMENTING)],
        **make_amount("20000000", "USD"),
    )
    make_project(
        title_en="Data channel",
        focus_area=focus_area("ict"),
        signed_date=date(2020, 1, 1),
        participants=[(singapore, ParticipantRole.FUNDING)],
    )
    make_project(title_en="Hidden draft", focus_area=focus_area("ict"), is_published=False)


def test_list_shows_published_projects_newest_signed_first_with_the_count(client, registry):
    html = client.get("/projects/").content.decode()
    assert titles(html) == ["Cold chain park", "Data channel", "Multimodal hub"]
    assert re.search(r'data-testid="result-count">3 projects<', html)


def test_filters_combine_and_facets_count_the_other_filters(client, registry):
    html = client.get("/projects/?focus_area=transport-logistics&partner_country=SG").content.decode()

    assert titles(html) == ["Multimodal hub"]
    assert re.search(r'data-testid="result-count">1 project<', html)
    # Focus-area counts apply the country filter only; country counts apply the focus area only.
    assert facet(html, "focus_area") == [
        ("Transport and logistics", "1", True),
        ("Information and communications technology", "1", False),
    ]
    assert facet(html, "partner_country") == [("China", "2", False), ("Singapore", "1", True)]
    assert facet(html, "status") == [("Implementation", "1", False)]


def test_text_amount_and_date_filters(client, registry):
    assert titles(client.get("/projects/?q=cold").content.decode()) == ["Cold chain park"]
    assert titles(client.get("/projects/?amount_usd_min=100000000").content.decode()) == ["Multimodal hub"]
    html = client.get("/projects/?signed_after=2020-01-01&signed_before=2020-12-31").content.decode()
    assert titles(html) == ["Data channel"]


def test_sorting_and_state_in_the_url(client, registry):
    html = client.get("/projects/?ordering=-amount_usd&status=implementation").content.decode()
    assert titles(html) == ["Multimodal hub", "Data channel"]
    assert '<option value="-amount_usd" selected>' in html
    assert 'href="/projects/download.csv?ordering=-amount_usd&amp;status=implementation"' in html
    assert 'href="/projects/download.xlsx?ordering=-amount_usd&amp;status=implementation"' in html
    assert 'href="/api/v1/projects/?ordering=-amount_usd&amp;status=implementation"' in html


def test_pagination_keeps_the_filters(client):
    for n in range(30):
        make_project(title_en=f"Project {n:02d}", scheme=scheme("talent"), signed_date=date(2020, 1, 1))
    html = client.get("/projects/?scheme=talent").content.decode()
    assert len(titles(html)) == 25
    assert 'href="?scheme=talent&amp;page=2"' in html
    assert "Page 1 of 2" in html
    assert len(titles(client.get("/projects/?scheme=talent&page=2").content.decode())) == 5


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("page=abc", 200, "“abc” is not a page number; showing the first page."),
        ("page=99", 200, "There is no page 99; showing the last page, 1."),
        ("amount_usd_min=x", 400, "Amount in US dollars, at least: Enter a number."),
        ("status=finished", 400, "Status: Select a valid choice. finished is not one of the available choices."),
        ("focus_area=space", 400, "Focus area: Select a valid choice. space is not one of the available choices."),
        ("signed_after=2020-13-45", 400, "Signed on or after: Enter a valid date."),
        ("partner_country=xyz&page=abc", 400, "Partner country: “xyz” is not an ISO 3166-1 alpha-2 country code"),
    ],
)
def test_bad_input_shows_the_page_with_a_message(client, registry, query, status, message):
    response = client.get(f"/projects/?{query}")
    html = response.content.decode()
    assert response.status_code == status
    assert message in html
    assert len(titles(html)) == 3  # the bad filter is ignored, the page still lists


def test_comma_separated_and_lowercase_values_tick_their_boxes(client, registry):
    html = client.get("/projects/?status=implementation,preparation&partner_country=sg").content.decode()
    # Status counts apply the country filter (no Singaporean partner in preparation); country
    # counts apply the status filter (all three projects).
    assert facet(html, "status") == [("Preparation", "0", True), ("Implementation", "2", True)]
    assert facet(html, "partner_country") == [("China", "2", False), ("Singapore", "2", True)]


def test_unknown_parameters_are_ignored_on_pages(client, registry):
    response = client.get("/projects/?utm_source=newsletter")
    assert response.status_code == 200
    assert len(titles(response.content.decode())) == 3


def test_chinese_list_shows_chinese_titles(client):
    make_project(title_en="Raffles City Chongqing", title_zh="重庆来福士")
    html = client.get("/zh-hans/projects/").content.decode()
    assert titles(html) == ["重庆来福士"]
    assert 'href="/zh-hans/projects/' in html


def test_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    def build(count):
        for _ in range(count):
            make_project(
                zone=make_zone(), participants=[(make_organization(), ParticipantRole.FUNDING)]
            ).other_focus_areas.add(focus_area("ict"))

    build(2)
    # The chosen focus area, the facets and the count (one statement, with its memory setting in
    # a transaction: a savepoint, the setting, the release), the names of the focus areas,
    # schemes, zones and partners counted, the page of projects and their further areas; the map's
    # counts by district (one grouped query over the matching projects), the districts, its points.
    with django_assert_num_queries(14) as first:
        client.get("/projects/?focus_area=transport-logistics")
    build(20)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/projects/?focus_area=transport-logistics")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/projects/?ordering=,,,", ",,,"),
        ("/projects/?ordering=%20,%20", " , "),
        ("/projects/?ordering=,-amount_usd,,", ",-amount_usd,,"),
    ],
)
def test_an_ordering_with_an_empty_term_is_refused_and_the_list_shown_in_its_default_order(
    client, registry, path, value
):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 400
    assert titles(html) == ["Cold chain park", "Data channel", "Multimodal hub"]
    notice = f"Sort by: “{value}” has an empty sort field: name the fields separated by single commas"
    assert escape(notice) in html


def test_the_chinese_list_refuses_an_empty_sort_field_in_chinese(client, registry):
    response = client.get("/zh-hans/projects/?ordering=,")

    assert response.status_code == 400
    assert "“,” 含有空的排序字段：请用单个逗号分隔字段名" in response.content.decode()
