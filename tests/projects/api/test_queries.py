"""Each list of the registry runs as many queries for 2 rows as for 50."""

import pytest

from projects.models import FocusArea, Project, Scheme
from tests.api_client import bodies_of_2_and_50_rows, full_projects
from tests.factories import make_district, make_figure, make_organization, make_zone

pytestmark = pytest.mark.django_db


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
    ("/api/v1/zones/", lambda count: [make_zone() for _ in range(count)], None, 1 + 1 + 1),
    ("/api/v1/organizations/", lambda count: [make_organization() for _ in range(count)], None, 1 + 1 + 1),
    ("/api/v1/reported-figures/", lambda count: [make_figure() for _ in range(count)], None, 1 + 1 + 1),
    ("/api/v1/focus-areas/", vocabulary(FocusArea), no_vocabulary(FocusArea), 1 + 1),
    ("/api/v1/schemes/", vocabulary(Scheme), no_vocabulary(Scheme), 1 + 1),
    ("/api/v1/districts/", lambda count: [make_district() for _ in range(count)], None, 1 + 1),
]


@pytest.mark.parametrize(("path", "add", "clear", "queries"), QUERY_COUNTS, ids=[row[0] for row in QUERY_COUNTS])
def test_a_list_runs_as_many_queries_for_2_rows_as_for_50(
    client, django_assert_num_queries, path, add, clear, queries
):
    if clear:
        clear()
    small, large = bodies_of_2_and_50_rows(client, django_assert_num_queries, path=path, add=add, queries=queries)

    assert len(large) > len(small)
