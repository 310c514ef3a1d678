"""The API root lists every endpoint."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_root_lists_every_endpoint(client):
    assert client.get("/api/v1/").json() == {
        "projects": "http://testserver/api/v1/projects/",
        "projects_oc4ids": "http://testserver/api/v1/projects/oc4ids/",
        "focus_areas": "http://testserver/api/v1/focus-areas/",
        "schemes": "http://testserver/api/v1/schemes/",
        "zones": "http://testserver/api/v1/zones/",
        "districts": "http://testserver/api/v1/districts/",
        "organizations": "http://testserver/api/v1/organizations/",
        "articles": "http://testserver/api/v1/articles/",
        "reported_figures": "http://testserver/api/v1/reported-figures/",
        "stats": "http://testserver/api/v1/stats/",
        "releases": "http://testserver/api/v1/releases/",
        "schema": "http://testserver/api/v1/schema/",
        "docs": "http://testserver/api/v1/docs/",
        "license": {
            "name": "CC BY 4.0",
            "url": "https://creativecommons.org/licenses/by/4.0/",
            "terms": "http://testserver/data/#licence",
        },
    }
