"""A project is found by the Chinese names of its focus areas, scheme, zone and district: renaming one of
those, or linking a further focus area from its own side, re-indexes the projects (projects/linked_names.py).

The English vector holds the project's own English texts only (a generated column), so an English
rename has nothing to re-index there.
"""

import pytest

from cci_portal.search import site_search
from projects.models import FocusArea, Project
from tests.factories import focus_area, make_district, make_project, make_zone, scheme

pytestmark = pytest.mark.django_db

NEW_NAME = "鹭岛枢纽"


def found_on_the_site(query: str) -> set[str]:
    return {hit.record.public_id for hit in site_search(query, limit_per_type=100).projects.hits}


def found_by_the_api(client, query: str) -> set[str]:
    response = client.get("/api/v1/projects/", {"q": query, "page_size": 100})
    assert response.status_code == 200, response.content
    return {project["id"] for project in response.json()["results"]}


def vectors() -> dict[str, str]:
    return dict(Project.objects.values_list("public_id", "search_vector_zh"))


def vectors_as_save_writes_them() -> dict[str, str]:
    for project in Project.objects.all():
        project.refresh_chinese_search()
    return vectors()


def test_a_zone_renamed_in_chinese_finds_its_projects_on_the_site_and_in_the_api(client):
    zone = make_zone(name_en="Cuntan port area", name_zh="寸滩港区")
    linked = [
        make_project(title_en="Cold chain hub", title_zh="冷链枢纽", zone=zone, summary_zh="冷链物流。"),
        make_project(title_en="Bonded warehouse", zone=zone),
    ]
    make_project(title_en="Data centre", title_zh="数据中心", zone=make_zone(name_zh="数据园"))
    expected = {project.public_id for project in linked}
    assert found_on_the_site("寸滩港区") == expected

    zone.name_zh = NEW_NAME
    zone.save()

    assert found_on_the_site(NEW_NAME) == expected
    assert found_by_the_api(client, NEW_NAME) == expected
    assert found_on_the_site("寸滩港区") == set()
    assert found_by_the_api(client, "寸滩港区") == set()
    # The words at the weights and positions save() gives them: the project's own words kept.
    assert vectors() == vectors_as_save_writes_them()


@pytest.mark.parametrize(
    "linked",
    [
        pytest.param(lambda: {"district": make_district(name_zh="寸滩区")}, id="district"),
        pytest.param(lambda: {"scheme": scheme("agriculture")}, id="scheme"),
        pytest.param(lambda: {"focus_area": focus_area("aviation")}, id="focus-area"),
    ],
)
def test_renaming_a_district_scheme_or_focus_area_re_indexes_its_projects(client, linked):
    fields = linked()
    record = next(iter(fields.values()))
    project = make_project(title_en="Linked", title_zh="连接的项目", **fields)
    make_project(title_en="Not linked", focus_area=focus_area("ict"), district=make_district(name_zh="别处"))

    record.name_zh = NEW_NAME
    record.save()

    assert found_on_the_site(NEW_NAME) == {project.public_id}
    assert found_by_the_api(client, NEW_NAME) == {project.public_id}
    assert vectors() == vectors_as_save_writes_them()


def test_a_further_focus_area_renamed_re_indexes_the_projects_it_is_further_to(client):
    area = focus_area("financial-services")
    further = make_project(title_en="Further", focus_area=focus_area("ict"))
    further.other_focus_areas.add(area, focus_area("aviation"))
    primary = make_project(title_en="Primary", focus_area=area)

    area.name_zh = NEW_NAME
    area.save()

    assert found_on_the_site(NEW_NAME) == {further.public_id, primary.public_id}
    assert found_by_the_api(client, NEW_NAME) == {further.public_id, primary.public_id}
    assert vectors() == vectors_as_save_writes_them()


def test_linking_projects_from_the_focus_area_side_re_indexes_them(client):
    area = FocusArea.objects.get(code="aviation")
    area.name_zh = NEW_NAME
    area.save()
    first, second = make_project(focus_area=focus_area("ict")), make_project(focus_area=focus_area("ict"))

    area.secondary_projects.add(first, second)
    assert found_by_the_api(client, NEW_NAME) == {first.public_id, second.public_id}
    assert vectors() == vectors_as_save_writes_them()

    area.secondary_projects.remove(first)
    assert found_by_the_api(client, NEW_NAME) == {second.public_id}

    area.secondary_projects.clear()
    assert found_by_the_api(client, NEW_NAME) == set()
    assert found_on_the_site(NEW_NAME) == set()
    assert vectors() == vectors_as_save_writes_them()


def test_an_english_rename_or_another_edit_leaves_the_vectors_alone():
    zone = make_zone(name_zh="寸滩港区")
    make_project(zone=zone)
    before = vectors()
    zone.name_en = "Renamed in English"
    zone.description_zh = "新的说明。"
    zone.save()

    assert vectors() == before


def test_a_rename_re_indexes_every_project_in_one_update(django_assert_max_num_queries):
    zone = make_zone(name_zh="寸滩港区")
    projects = [make_project(zone=zone, district=make_district()) for _ in range(25)]
    projects[0].other_focus_areas.add(focus_area("aviation"))
    zone.name_zh = NEW_NAME

    # The old name, the zone's UPDATE and its history row, the linked projects, their linked
    # records' names (four vocabularies and the further focus areas), and the one UPDATE of the vectors.
    with django_assert_max_num_queries(14):
        zone.save()

    assert found_on_the_site(NEW_NAME) == {project.public_id for project in projects}
