"""Page numbers for browsing and a cursor for mirroring (core/api/pagination.py): a page past the last,
and cursor walks that survive inserts."""

from datetime import date

import pytest

from tests.api_client import error
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def walk(client, first_url: str, between_pages=None) -> list[str]:
    """Follow ``next`` from ``first_url``; ``between_pages(page_number)`` runs after each page."""
    seen = []
    url, page = first_url, 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        seen.extend(project["id"] for project in body["results"])
        page += 1
        if between_pages:
            between_pages(page)
        url = body["next"]
    return seen


def test_a_page_beyond_the_last_is_a_json_404(client):
    make_project()

    body = error(client.get("/api/v1/projects/?page=3"), 404)

    assert body == {"detail": "Page 3 does not exist; there are 1.", "errors": {}}


def test_a_cursor_walk_across_inserts_misses_and_repeats_nothing(client):
    existing = [make_project(signed_date=date(2015 + n, 1, 1)).public_id for n in range(5)]
    inserted = []

    def insert(page):
        if page in (1, 2):
            # Older signing dates, so these sort before the others by date and identifier.
            inserted.append(make_project(signed_date=date(2001 + page, 1, 1)).public_id)
            inserted.append(make_project(signed_date=date(2030, 1, 1)).public_id)

    seen = walk(client, "/api/v1/projects/?cursor=&page_size=2", between_pages=insert)

    assert len(seen) == len(set(seen)) == 9
    assert seen == existing + inserted


def test_a_cursor_walk_keeps_the_filters(client):
    kept = [make_project(status="implementation").public_id for _ in range(3)]
    make_project(status="cancelled")

    assert walk(client, "/api/v1/projects/?status=implementation&cursor=&page_size=1") == kept
