"""Hostile input on the API: every request answers a 4xx with a JSON message of the documented shape
(``{"detail": ..., "errors": ...}``), or is answered harmlessly; never a 500, never a stack trace.

Reads are anonymous; writes are by staff (an editor), so they reach the parsers and validation.
"""

import json

import pytest
from rest_framework.test import APIClient

from cci_portal.api.urls import urlpatterns  # noqa: F401  (the routers below are the mounted ones)
from news.api.urls import router as news_router
from projects.api.urls import router as projects_router
from tests.cci_portal.test_hostile_input import EMPTY_ORDERING, HUGE, TOO_MANY, Hostile, assert_answered
from tests.factories import make_article, make_organization, make_project, make_staff, make_zone

pytestmark = pytest.mark.django_db

NO_ENDPOINT = "No API endpoint at "
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
WHOLE_PAGE = "Enter a whole number from 1."
PAGE_SIZE = "Enter a whole number from 1 to 200."
NONE_FOUND = '"count":0,'


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def registry():
    make_zone(slug="zone-a")
    make_organization(slug="psa", name_en="PSA")
    make_project(title_en="Cold chain hub")  # CCI-2020-0001
    make_article(slug="port-news")


def answered(response, status: int, message: str) -> dict:
    """The API's JSON answer, with ``status`` and ``message`` (in the body or any of its strings)."""
    text = assert_answered(response, status, "", page=None)
    body = json.loads(text)
    strings = "\n".join(_strings(body))
    assert message in text or message in strings, text[:1000]
    return body


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    else:
        yield str(value)


READ_CASES = [
    # Non-numeric, huge and hostile identifiers.
    Hostile("/api/v1/projects/abc/", 404, NO_ENDPOINT + "/api/v1/projects/abc/").param("project-id-not-an-identifier"),
    Hostile("/api/v1/projects/CCI-9999-9999/", 404, "No project has the identifier “CCI-9999-9999”.").param(
        "project-id-unknown"
    ),
    Hostile("/api/v1/reported-figures/abc/", 404, NO_ENDPOINT).param("figure-id-not-a-number"),
    Hostile("/api/v1/reported-figures/" + "9" * 20 + "/", 404, NO_ENDPOINT).param("figure-id-over-bigint"),
    Hostile("/api/v1/reported-figures/" + "9" * 18 + "/", 404, "No reported figure has the identifier").param(
        "figure-id-18-digits"
    ),
    Hostile("/api/v1/zones/" + "x" * 300 + "/", 404, "No zone has the identifier").param("slug-300-characters"),
    Hostile("/api/v1/zones/%27%20OR%201%3D1--/", 404, NO_ENDPOINT + "/api/v1/zones/' OR 1=1--/").param("slug-sql"),
    Hostile("/api/v1/organizations/%00/", 404, NO_ENDPOINT).param("path-nul"),
    Hostile("/api/v1/projects/%ff/", 404, NO_ENDPOINT + "/api/v1/projects/%FF/").param("path-invalid-utf8"),
    # Pages and page sizes.
    Hostile("/api/v1/projects/?page=-1", 400, WHOLE_PAGE).param("page-negative"),
    Hostile("/api/v1/projects/?page=0", 400, WHOLE_PAGE).param("page-zero"),
    Hostile("/api/v1/projects/?page=abc", 400, WHOLE_PAGE).param("page-not-a-number"),
    Hostile("/api/v1/projects/?page=%C2%B2", 400, WHOLE_PAGE).param("page-superscript-two"),
    Hostile("/api/v1/projects/?page=1000000000000", 404, "Page 1000000000000 does not exist; there are 1.").param(
        "page-10**12"
    ),
    Hostile("/api/v1/projects/?page=" + "9" * 40, 404, "does not exist; there are 1.").param("page-40-digits"),
    Hostile("/api/v1/projects/?page_size=1000000", 400, PAGE_SIZE).param("page-size-10**6"),
    Hostile("/api/v1/projects/?page_size=-1", 400, PAGE_SIZE).param("page-size-negative"),
    Hostile("/api/v1/zones/?page_size=%C2%B2", 400, PAGE_SIZE).param("page-size-superscript-two"),
    Hostile("/api/v1/projects/?cursor=%25%25%25", 400, "Invalid cursor: use the next link as given.").param(
        "cursor-garbage"
    ),
    # SQL fragments.
    Hostile("/api/v1/projects/?q=%27%20OR%20%271%27%3D%271", 200, NONE_FOUND).param("search-sql-or"),
    Hostile("/api/v1/organizations/?q=1%3B%20DROP%20TABLE%20projects_project", 200, NONE_FOUND).param(
        "search-sql-drop"
    ),
    Hostile("/api/v1/projects/?zone=%27%20OR%201%3D1--", 400, INVALID_CHOICE).param("filter-sql"),
    Hostile("/api/v1/projects/?amount_usd_min=0%20OR%201%3D1", 400, "Enter a number.").param("amount-sql"),
    Hostile("/api/v1/projects/?ordering=title%3BDROP", 400, "Select a valid choice. title;DROP is not one of").param(
        "ordering-sql"
    ),
    # NUL bytes and invalid UTF-8 in parameters.
    Hostile("/api/v1/projects/?q=%00", 400, "Null characters are not allowed.").param("search-nul"),
    Hostile("/api/v1/articles/?focus_area=%00", 400, "Null characters are not allowed.").param("filter-nul"),
    Hostile("/api/v1/projects/?signed_after=%00", 400, "Enter a valid date.").param("date-nul"),
    Hostile("/api/v1/projects/?q=%ff", 200, NONE_FOUND).param("search-invalid-utf8"),
    Hostile("/api/v1/projects/?zone=%ff", 400, INVALID_CHOICE).param("filter-invalid-utf8"),
    Hostile("/api/v1/projects/?%ff=1", 400, "Unknown query parameter: \ufffd.").param("parameter-name-invalid-utf8"),
    # Size: a 100 KB query string, more than 1,000 parameters.
    Hostile("/api/v1/projects/?q=" + HUGE, 400, "Ensure this value has at most 200 characters (it has 100000).").param(
        "search-100kb"
    ),
    Hostile("/api/v1/projects/?junk=" + HUGE, 400, "Unknown query parameter: junk.").param("unknown-parameter-100kb"),
    Hostile("/api/v1/projects/?" + TOO_MANY, 400, "The request has more than 1,000 parameters or fields").param(
        "more-than-1000-parameters"
    ),
    # Unknown parameters and formats.
    Hostile("/api/v1/projects/?foo=1", 400, "Unknown query parameter: foo. This endpoint accepts:").param(
        "unknown-parameter"
    ),
    Hostile(
        "/api/v1/projects/CCI-2020-0001/?foo=1", 400, "Unknown query parameter: foo. This endpoint accepts: format."
    ).param("detail-unknown-parameter"),
    Hostile("/api/v1/projects/?format=xml", 400, "Unknown format “xml”; use one of: json, csv, geojson.").param(
        "format-unknown"
    ),
    Hostile("/api/v1/stats/?format=csv", 400, "Unknown format “csv”; use one of: json.").param("stats-format-csv"),
    # Other values.
    Hostile("/api/v1/projects/?updated_since=99999-01-01", 400, "Enter a valid date/time.").param("since-year-99999"),
    Hostile("/api/v1/reported-figures/?updated_since=%09", 400, "Enter a valid date/time.").param("since-a-tab"),
    Hostile(
        "/api/v1/projects/?amount_usd_min=1e400", 400, "Ensure that there are no more than 18 digits in total."
    ).param("amount-overflow"),
    # Ordering with empty items (were 500s: FieldError "Cannot resolve keyword ''").
    Hostile("/api/v1/projects/?ordering=,", EMPTY_ORDERING, "ordering").param("projects-ordering-comma"),
    Hostile("/api/v1/zones/?ordering=name,,", EMPTY_ORDERING, "ordering").param("zones-ordering-trailing-commas"),
    Hostile("/api/v1/organizations/?ordering=,,,", EMPTY_ORDERING, "ordering").param("organizations-ordering-commas"),
]


@pytest.mark.parametrize("case", READ_CASES)
def test_a_hostile_read_gets_a_clear_answer(client, registry, case):
    answered(client.get(case.path), case.status, case.message)


def _list_parameters():
    """Every list parameter of every endpoint (several values, or an ordering), from the routers."""
    for prefix, viewset, _basename in [*projects_router.registry, *news_router.registry]:
        filterset = viewset.filterset_class
        for name, filter_ in filterset.base_filters.items():
            widget = filter_.extra.get("widget") or getattr(filter_.field_class, "widget", None)
            if name == "ordering" or getattr(widget, "__name__", "") == "MultipleValueWidget":
                yield pytest.param(prefix, name, id=f"{prefix}-{name}")


LIST_PARAMETERS = list(_list_parameters())


def test_the_list_parameters_are_all_found():
    assert len(LIST_PARAMETERS) == 14


@pytest.mark.parametrize("commas", [",", ",,,"])
@pytest.mark.parametrize(("endpoint", "name"), LIST_PARAMETERS)
def test_empty_and_repeated_commas_in_a_list_parameter(client, registry, endpoint, name, commas):
    everything = client.get(f"/api/v1/{endpoint}/").json()["count"]

    response = client.get(f"/api/v1/{endpoint}/?{name}={commas}")

    if name == "ordering":  # an empty field name is no ordering: refused, naming the parameter
        assert set(answered(response, EMPTY_ORDERING, "")["errors"]) == {"ordering"}
    else:  # empty values are no values: the list unfiltered
        assert answered(response, 200, "")["count"] == everything


PROJECT = {"slug": "new", "title_en": "New", "focus_area": "ict", "status": "preparation"}
ORGANIZATION = {"slug": "new-org", "name_en": "New", "country": "SG", "kind": "private"}
JSON = "application/json"
NESTED = "JSON parse error - the body is nested too deeply."
AMOUNT = "Send a string of digits with at most 2 after the point, such as “12.00”."

# (method, path, content type, body, status, key part of the message)
WRITE_CASES = {
    # Wrong content types.
    "text-plain": ("post", "/api/v1/projects/", "text/plain", b"hello", 415, 'Unsupported media type "text/plain"'),
    "xml": ("post", "/api/v1/projects/", "application/xml", b"<a/>", 415, 'Unsupported media type "application/xml"'),
    "form": (
        "post",
        "/api/v1/organizations/",
        "application/x-www-form-urlencoded",
        b"slug=x",
        415,
        'Unsupported media type "application/x-www-form-urlencoded"',
    ),
    "multipart": (
        "post",
        "/api/v1/zones/",
        "multipart/form-data; boundary=x",
        b"--x--",
        415,
        "Unsupported media type",
    ),
    "no-content-type": ("post", "/api/v1/projects/", "", b"{}", 415, 'Unsupported media type "" in request.'),
    "patch-text": ("patch", "/api/v1/projects/CCI-2020-0001/", "text/plain", b"x", 415, "Unsupported media type"),
    "patch-xml": ("patch", "/api/v1/organizations/psa/", "application/xml", b"<a/>", 415, "Unsupported media type"),
    # Bodies that are not JSON, or too much of it.
    "json-broken": ("post", "/api/v1/projects/", JSON, b"{bad", 400, "JSON parse error - Expecting property name"),
    "json-invalid-utf8": ("post", "/api/v1/projects/", JSON, b"\xff\xfe", 400, "JSON parse error - 'utf-8' codec"),
    "json-nan": ("post", "/api/v1/projects/", JSON, b'{"contract_amount": NaN}', 400, "not JSON compliant: 'NaN'"),
    # Were 500s (RecursionError in the JSON parser).
    "json-100000-brackets": ("post", "/api/v1/projects/", JSON, b"[" * 100_000, 400, NESTED),
    "json-nested-objects": ("post", "/api/v1/zones/", JSON, b'{"a":' * 10_000 + b"1" + b"}" * 10_000, 400, NESTED),
    # 3 MB, over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): was Django's HTML "Bad Request (400)".
    "json-3mb": (
        "post",
        "/api/v1/projects/",
        JSON,
        json.dumps({"title_en": "x" * 3_000_000}).encode(),
        413,
        "The request body is larger than the 2,621,440 bytes the API accepts.",
    ),
    # JSON of the wrong shape.
    "json-string": ("post", "/api/v1/projects/", JSON, b'"text"', 400, "Expected a dictionary, but got str."),
    "json-list": ("post", "/api/v1/projects/", JSON, b"[]", 400, "Expected a dictionary, but got list."),
    "json-null": ("post", "/api/v1/projects/", JSON, b"null", 400, "No data provided"),
    "nested-list": (
        "post",
        "/api/v1/projects/",
        JSON,
        json.dumps({**PROJECT, "participants": [[]]}).encode(),
        400,
        "Invalid data. Expected a dictionary, but got list.",
    ),
    "choice-object": (
        "post",
        "/api/v1/projects/",
        JSON,
        json.dumps({**PROJECT, "status": {"a": 1}}).encode(),
        400,
        "is not a valid choice.",
    ),
    # Values.
    "nul-in-text": (
        "post",
        "/api/v1/projects/",
        JSON,
        json.dumps({**PROJECT, "title_en": "a\x00b"}).encode(),
        400,
        "Null characters are not allowed.",
    ),
    "title-100kb": (
        "post",
        "/api/v1/projects/",
        JSON,
        json.dumps({**PROJECT, "title_en": HUGE}).encode(),
        400,
        "Ensure this field has no more than 300 characters.",
    ),
    "amount-1e400": (
        "post",
        "/api/v1/projects/",
        JSON,
        json.dumps({**PROJECT, "contract_amount": "1e400"}).encode(),
        400,
        AMOUNT,
    ),
    "amount-float-overflow": (
        "post",
        "/api/v1/projects/",
        JSON,
        b'{"slug": "x", "contract_amount": 1e400}',
        400,
        AMOUNT,
    ),
    "javascript-url": (
        "post",
        "/api/v1/organizations/",
        JSON,
        json.dumps({**ORGANIZATION, "website": "javascript:alert(1)"}).encode(),
        400,
        "Enter a valid URL.",
    ),
    "sql-in-slug": (
        "post",
        "/api/v1/zones/",
        JSON,
        json.dumps({"slug": "a'; DROP TABLE projects_zone;--", "name_en": "Z", "kind": "park"}).encode(),
        400,
        'Enter a valid "slug"',
    ),
    # Methods and paths.
    "put": ("put", "/api/v1/projects/CCI-2020-0001/", JSON, b"{}", 405, 'Method "PUT" not allowed.'),
    "unmatched-path": ("post", "/api/v1/nothing/", JSON, b"{}", 404, NO_ENDPOINT + "/api/v1/nothing/"),
    "delete-not-allowed": (
        "delete",
        "/api/v1/projects/CCI-9999-9999/",
        JSON,
        b"",
        403,
        "You do not have permission to delete projects.",
    ),
}


@pytest.mark.parametrize(
    ("method", "path", "content_type", "body", "status", "message"), list(WRITE_CASES.values()), ids=list(WRITE_CASES)
)
def test_a_hostile_write_by_staff_gets_a_clear_answer(
    client, registry, method, path, content_type, body, status, message
):
    client.force_authenticate(make_staff("editor"))

    answered(client.generic(method.upper(), path, body, content_type=content_type), status, message)


def test_an_anonymous_write_is_refused_before_its_body_is_read(client, registry):
    answered(client.generic("POST", "/api/v1/projects/", b"[" * 100_000, content_type=JSON), 401, "not provided")


def test_an_unknown_field_in_a_body_is_ignored(client, registry):
    client.force_authenticate(make_staff("editor"))

    body = answered(client.post("/api/v1/projects/", {**PROJECT, "evil": "<script>"}, format="json"), 201, "")

    assert "evil" not in body and body["slug"] == "new"
