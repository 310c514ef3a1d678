"""What keeps the registry fast when full, checked for what a reader sees: long facets cut to their top
options, facet arrays that follow every write, and group pages a page at a time."""

import re

import pytest

from projects.facets import LONG_FACET_LIMIT
from projects.models import Organization, Project, ProjectParticipant
from projects.project_list import PROJECTS_PER_PAGE
from tests.factories import focus_area, make_organization, make_project

pytestmark = pytest.mark.django_db


def text_of(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)<', html, re.S)
    assert match, testid
    return match.group(1).strip()


def partner_options(html: str) -> list[str]:
    block = re.search(r'data-testid="facet-organization">(.*?)</fieldset>', html, re.S)
    return re.findall(r'name="organization" value="([^"]+)"', block.group(1))


def test_the_partner_facet_shows_the_partners_with_most_projects_and_the_chosen_one(client):
    partners = [make_organization(name_en=f"Partner {n:02d}", slug=f"partner-{n:02d}") for n in range(15)]
    for n, partner in enumerate(partners):
        for _ in range(n + 1):  # partner-14 takes part in 15 projects, partner-00 in one
            make_project(participants=[(partner, "funding")])

    unfiltered = partner_options(client.get("/projects/").content.decode())
    chosen = partner_options(client.get("/projects/?organization=partner-00").content.decode())

    assert len(unfiltered) == LONG_FACET_LIMIT == 12
    assert text_of(client.get("/projects/").content.decode(), "facet-organization-more") == "3 more: see them all"
    assert unfiltered == [f"partner-{n:02d}" for n in range(3, 15)]
    # Chosen, it is listed whatever its count, so it can be unticked (the others are counted
    # without the partner filter, as every facet is without its own).
    assert chosen == ["partner-00", *[f"partner-{n:02d}" for n in range(4, 15)]]


def test_a_focus_area_page_lists_its_projects_a_page_at_a_time(client):
    for n in range(PROJECTS_PER_PAGE + 3):
        make_project(title_en=f"Aviation project {n:02d}", focus_area=focus_area("aviation"))

    first = client.get("/focus-areas/aviation/").content.decode()
    second = client.get("/focus-areas/aviation/?page=2").content.decode()
    beyond = client.get("/focus-areas/aviation/?page=9").content.decode()

    assert first.count('class="project-title"') == 25
    assert second.count('class="project-title"') == 3
    assert "Page 2 of 2" in second
    assert "There is no page 9; showing the last page, 2." in beyond
    assert 'href="/projects/?focus_area=aviation"' in first


def test_facet_arrays_follow_every_write_of_focus_areas_and_partners():
    singapore = make_organization(country="SG")
    china = make_organization(country="CN")
    project = make_project(focus_area=focus_area("aviation"), participants=[(singapore, "funding")])

    def arrays():
        project.refresh_from_db()
        return project.facet_focus_areas, project.facet_partners, project.facet_countries

    assert arrays() == ([focus_area("aviation").pk], [singapore.pk], ["SG"])
    stamped = project.updated_at
    # A bulk insert (as an import does) sends no signals: the triggers still see it.
    ProjectParticipant.objects.bulk_create([ProjectParticipant(project=project, organization=china, role="operator")])
    project.other_focus_areas.add(focus_area("ict"))
    assert arrays() == (
        sorted([focus_area("aviation").pk, focus_area("ict").pk]),
        sorted([singapore.pk, china.pk]),
        ["CN", "SG"],
    )
    Organization.objects.filter(pk=china.pk).update(is_published=False)
    assert arrays()[2] == ["SG"]
    Organization.objects.filter(pk=singapore.pk).update(country="MY")
    ProjectParticipant.objects.filter(organization=china).delete()
    assert arrays()[1:] == ([singapore.pk], ["MY"])
    # Saving the project from a stale instance does not overwrite what the database keeps.
    stale = Project.objects.get(pk=project.pk)
    stale.facet_partners = []
    stale.save()
    assert arrays()[1] == [singapore.pk]
    assert project.updated_at > stamped


def test_facet_counts_of_a_filtered_list_read_the_arrays(client):
    singapore = make_organization(country="SG", slug="psa")
    china = make_organization(country="CN", slug="cq-port")
    make_project(focus_area=focus_area("aviation"), participants=[(singapore, "funding"), (china, "operator")])
    make_project(focus_area=focus_area("ict"), participants=[(china, "funding")])
    bulk = make_project(focus_area=focus_area("ict"))
    ProjectParticipant.objects.bulk_create([ProjectParticipant(project=bulk, organization=singapore, role="funding")])

    html = client.get("/projects/?partner_country=SG&focus_area=ict").content.decode()

    assert text_of(html, "result-count") == "1 project"
    assert re.findall(
        r'name="partner_country" value="(\w+)"[^>]*> <span class="facet-label">[^<]*</span> '
        r'<span class="facet-count"[^>]*>(\d+)<',
        html,
    ) == [("CN", "1"), ("SG", "1")]
    assert partner_options(html) == ["psa"]  # the only partner of an ICT project in Singapore


def test_every_option_of_a_long_facet_is_on_its_own_page_with_a_name_search(client):
    partners = [make_organization(name_en=f"Partner {n:02d}", slug=f"partner-{n:02d}") for n in range(15)]
    for n, partner in enumerate(partners):
        for _ in range(n + 1):
            make_project(focus_area=focus_area("aviation" if n % 2 else "ict"), participants=[(partner, "funding")])

    listing = client.get("/projects/").content.decode()
    more = re.search(r'<a href="([^"]+)" data-testid="facet-organization-more">', listing).group(1)
    every = client.get(more).content.decode()
    page = client.get("/projects/options/organization/?focus_area=ict").content.decode()
    searched = client.get("/projects/options/organization/?focus_area=ict&q_option=partner 1").content.decode()

    assert more == "/projects/options/organization/"
    assert text_of(every, "option-count") == "15 options"
    assert text_of(page, "option-count") == "8 options"  # the partners of ICT projects: 00, 02, ..., 14
    assert re.findall(r'organization=(partner-\d+)">Partner \d+</a> <span class="facet-count">(\d+) projects?<', page)[
        :2
    ] == [("partner-00", "1"), ("partner-02", "3")]
    assert 'href="/projects/?focus_area=ict&amp;organization=partner-14"' in page
    assert text_of(searched, "option-count") == "3 options"  # Partner 10, 12, 14
    assert client.get("/projects/options/status/").status_code == 404
    assert client.get("/zh-hans/projects/options/zone/").status_code == 200


def test_the_option_search_keeps_every_value_of_the_list_filters(client):
    make_project(status="implementation", participants=[(make_organization(slug="psa"), "funding")])

    html = client.get("/projects/options/organization/?status=implementation&status=completion").content.decode()

    assert '<input type="hidden" name="status" value="implementation">' in html
    assert '<input type="hidden" name="status" value="completion">' in html
