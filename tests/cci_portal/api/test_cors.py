"""Cross-origin reads: the API's reads are open to other sites, its writes and the pages are not."""

import pytest

from tests.factories import make_project

pytestmark = pytest.mark.django_db


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
    assert read["Access-Control-Expose-Headers"] == (
        "ETag, Last-Modified, Retry-After, Content-Disposition, Link, RateLimit-Limit, RateLimit-Remaining, "
        "RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in page
