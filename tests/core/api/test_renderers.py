"""CSV (core/api/renderers.py): columns from the serializer's fields, rows streamed from the database in chunks."""

import pytest

from core.api.renderers import CSV_CHUNK_SIZE
from projects.models import Project
from tests.api_client import content, csv_rows
from tests.factories import focus_area, make_organization

pytestmark = pytest.mark.django_db


def test_other_endpoints_and_details_export_their_fields(client):
    make_organization(slug="nus", name_en="NUS", name_zh="新加坡国立大学", country="SG")

    listing = csv_rows(client.get("/api/v1/organizations/?format=csv"))
    detail = client.get("/api/v1/organizations/nus/?format=csv")

    assert [(row["slug"], row["name_zh"], row["country"], row["is_published"]) for row in listing] == [
        ("nus", "新加坡国立大学", "SG", "true")
    ]
    assert detail["Content-Disposition"] == 'attachment; filename="organizations.csv"'
    assert csv_rows(detail) == listing


def test_the_export_streams_rows_fetched_in_chunks(client, django_assert_num_queries):
    ict = focus_area("ict")
    total = CSV_CHUNK_SIZE * 2 + 1
    Project.objects.bulk_create(
        Project(
            public_id=f"CCI-2020-{n:04d}", slug=f"bulk-{n}", title_en=f"Bulk {n}", focus_area=ict, is_published=True
        )
        for n in range(1, total + 1)
    )

    # Only the ETag query runs before the response is handed back; the rows come as it is read.
    with django_assert_num_queries(1):
        response = client.get("/api/v1/projects/?format=csv")
    assert response.streaming
    # One query for the rows through a server-side cursor, then once per chunk the partners,
    # milestones and sources of its projects.
    with django_assert_num_queries(1 + 3 * 3):
        body = content(response).decode()

    lines = body.splitlines()
    assert len(lines) == total + 1
    assert lines[1].startswith("CCI-2020-0001,Bulk 1,")
