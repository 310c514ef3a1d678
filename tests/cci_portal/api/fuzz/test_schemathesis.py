"""Schemathesis against the API's own OpenAPI schema, in process: every operation, every default
check (response-schema conformance included), anonymously and as a publisher.

Part of ``make test``; ``make fuzz`` runs it alone, and ``FUZZ_EXAMPLES`` sets the cases an
operation (100 by default). Where schemathesis and the API disagree, the schema or the API is
fixed, never the check.
"""

import os
import zlib
from datetime import date
from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation

from cci_portal.wsgi import application
from projects.models.base import LAUNCH_DATE
from tests import factories
from tests.api_client import basic
from tests.cci_portal.api.fuzz.conftest import Savepoint

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100")),
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

KEY = "fuzz-record"
PROJECT_ID = "CCI-2020-0042"
FIGURE_ID = 4242
SOURCE_ID = 4243
PROJECT_SIGNED = date(2020, 1, 1)
# The records a request may name, by the parameter or field that names them.
REFERENCES = {
    "zone": KEY,
    "district": KEY,
    "organization": KEY,
    "organizations": KEY,
    "project": PROJECT_ID,
    "projects": PROJECT_ID,
    "focus_area": "ict",
    "focus_areas": "ict",
    "other_focus_areas": "ict",
    "scheme": "business",
    "source": SOURCE_ID,
    "sources": SOURCE_ID,
}


def _is_positive(case, location: ParameterLocation) -> bool:
    component = case.meta.components.get(location) if case.meta else None
    return component is None or component.mode.is_positive


@schema.hook
def map_case(context, case):
    """Well-formed requests name records that exist and keep the rules the schema gives in words.

    The schema says what a key looks like, not which records there are: a well-formed key of no
    record is a 404 on a path (half the well-formed paths keep theirs) and a 400 in a filter or a
    body. Nor can OpenAPI say that one parameter excludes another (``cursor`` and ``ordering``, paging
    and ``format=csv``) or relate fields to each other and to today
    (:meth:`projects.models.Project.clean`), so a well-formed body is made to keep those rules;
    malformed requests are left as generated.
    """
    if case.path_parameters and _is_positive(case, ParameterLocation.PATH) and _half(case.path_parameters):
        case.path_parameters = {name: _path_key(case.operation.path, name) for name in case.path_parameters}
    if case.query and _is_positive(case, ParameterLocation.QUERY):
        case.query = {name: _reference(name, value) for name, value in case.query.items()}
        if "cursor" in case.query:
            case.query["cursor"] = ""
            case.query.pop("ordering", None)
            case.query.pop("page", None)
        if case.query.get("format") == "csv":  # CSV streams every record: it takes no paging
            for name in ("page", "page_size", "cursor"):
                case.query.pop(name, None)
    if isinstance(case.body, dict) and _is_positive(case, ParameterLocation.BODY):
        case.body = {name: _reference(name, value) for name, value in case.body.items()}
        if case.operation.path.startswith("/api/v1/projects/"):
            _keep_project_rules(case.body, creating=case.method == "POST")
        _keep_location_rule(case.body)
    return case


def _keep_location_rule(body: dict) -> None:
    """A point is its two coordinates and their precision, or none of them (the location constraint)."""
    names = ("latitude", "longitude", "location_precision")
    if any(name in body for name in names):
        if all(body.get(name) not in (None, "") for name in names):
            return
        if any(body.get(name) not in (None, "") for name in names):
            body.update(latitude="29.56", longitude="106.55", location_precision="district")
        else:
            body.update(latitude=None, longitude=None, location_precision="")


def _half(values: dict) -> bool:
    return bool(zlib.crc32(repr(sorted(values.items())).encode()) % 2)


def _keep_project_rules(body: dict, *, creating: bool) -> None:
    """What :meth:`projects.models.Project.clean` and the project's constraints ask of a body."""
    if (creating and not (body.get("focus_area") or body.get("scheme"))) or (
        "focus_area" in body and "scheme" in body and not (body["focus_area"] or body["scheme"])
    ):
        body["focus_area"] = "ict"
    today = date.today().isoformat()
    if body.get("signed_date"):
        body["signed_date"] = min(max(body["signed_date"], LAUNCH_DATE.isoformat()), today)
    if body.get("operation_start_date"):
        signed = body.get("signed_date") or ("" if creating else PROJECT_SIGNED.isoformat())
        body["operation_start_date"] = max(body["operation_start_date"], signed)
    if body.get("usd_rate") is not None and not Decimal(body["usd_rate"]):
        body["usd_rate"] = "1.0"  # the constraint: a rate above zero
    if body.get("contract_amount") is not None or body.get("contract_amount_usd") is not None:
        body["currency"] = "USD"
        body["contract_amount_usd"] = body["contract_amount"] = body.get("contract_amount") or body.get(
            "contract_amount_usd"
        )
    if isinstance(body.get("participants"), list):
        for participant in body["participants"]:
            participant["organization"] = KEY
        body["participants"] = list(
            {participant["role"]: participant for participant in body["participants"]}.values()
        )


def _reference(name: str, value):
    if name not in REFERENCES or value is None:
        return value
    return [REFERENCES[name] for _ in value] if isinstance(value, list) else REFERENCES[name]


def _path_key(path: str, name: str):
    if name == "code":
        return "ict" if path.startswith("/api/v1/focus-areas/") else "business"
    return {"public_id": PROJECT_ID, "slug": KEY, "id": str(FIGURE_ID), "version": "latest"}[name]


@pytest.fixture
def registry(in_process_requests):
    """One of each record, with the links between them, under the keys the hook knows."""
    zone = factories.make_zone(slug=KEY)
    district = factories.make_district(slug=KEY)
    partner = factories.make_organization(slug=KEY)
    project = factories.make_project(
        public_id=PROJECT_ID,
        signed_date=PROJECT_SIGNED,
        scheme=factories.scheme(),
        zone=zone,
        district=district,
        participants=[(partner, "funding")],
    )
    project.other_focus_areas.add(factories.focus_area("ict"))
    project.sources.add(factories.make_source(id=SOURCE_ID, url="", document_en="Bureau archive, box 7"))
    factories.make_project(is_published=False, signed_date=None)
    factories.make_article(slug=KEY).projects.add(project)
    factories.make_figure(id=FIGURE_ID, as_of=date(2024, 1, 1), value=Decimal("1.5"))


@schema.parametrize()
@FUZZ
def test_anonymous(case, registry):
    with Savepoint("anonymous", case.operation.label):
        case.call_and_validate()


@schema.parametrize()
@FUZZ
def test_publisher(case, registry, publisher):
    with Savepoint("publisher", case.operation.label):
        case.call_and_validate(headers={"Authorization": basic(publisher)["HTTP_AUTHORIZATION"]})
