"""libcoveoc4ids, the standard's own checker, finds nothing wrong in the demo registry's OC4IDS packages.

libcoveoc4ids fetches the schemas and codelists from standard.open-contracting.org and GitHub; these
tests run offline, so :class:`LocalSchemaOC4IDS` reads them from tests/data/oc4ids/ instead, and
every socket is refused while it runs (a fetch it still tried would fail the test, not pass silently).
The closed codelists are the schema's own ``enum`` lists; the open ones our packages use are the CSVs.
"""

import csv
import json
import socket
from copy import deepcopy
from io import StringIO
from pathlib import Path

import jsonref
import pytest
import requests
from django.core.management import call_command
from libcove.lib.common import get_schema_codelist_paths
from libcoveoc4ids.common_checks import common_checks_oc4ids
from libcoveoc4ids.config import LibCoveOC4IDSConfig
from libcoveoc4ids.schema import SchemaOC4IDS

from tests.projects.api.test_oc4ids import fetch_package, package_validator

pytestmark = pytest.mark.django_db

OC4IDS = Path(__file__).resolve().parents[2] / "data" / "oc4ids"
DEMO_PROJECTS = 22


class NetworkAttempted(OSError):
    """Raised by the refused sockets; an OSError, so every HTTP library passes it on as its own error."""


class LocalSchemaOC4IDS(SchemaOC4IDS):
    """libcoveoc4ids' schema object with the 0.9.5 files read from tests/data/oc4ids/.

    libcove 0.32.1 always fetches ``schema_str`` over HTTP, resolves a ``$ref`` with an http URL over
    HTTP whatever ``schema_host`` says, and loads codelists with ``requests``; validation alone
    (``CustomRefResolver``) reads a local ``schema_host``. The three fetches are overridden here.
    """

    def __init__(self):
        super().__init__(
            LibCoveOC4IDSConfig({"schema_host": f"{OC4IDS}/", "schema_codelists": {"0.9": f"{OC4IDS}/codelists/"}})
        )

    @property
    def schema_str(self) -> str:
        return (OC4IDS / self.schema_name).read_text(encoding="utf-8")

    def deref_schema(self, schema_str):
        def local(uri, **kwargs):
            return json.loads((OC4IDS / uri.rsplit("/", 1)[-1]).read_text(encoding="utf-8"), **kwargs)

        dereferenced = jsonref.loads(schema_str, loader=local)
        repr(dereferenced)  # resolve every reference now, as libcove does
        return dereferenced

    def process_codelists(self):
        self.core_codelist_schema_paths = get_schema_codelist_paths(self, use_extensions=False)
        self.extended_codelist_schema_paths = get_schema_codelist_paths(self, use_extensions=True)
        self.core_codelists = {**closed_codelists(), **open_codelists()}
        self.extended_codelists = deepcopy(self.core_codelists)


def closed_codelists() -> dict[str, dict[str, None]]:
    """Each closed codelist as the ``enum`` the schema gives it (every one of them has one)."""
    codelists = {}

    def walk(node):
        if isinstance(node, dict):
            enum = node.get("enum") or node.get("items", {}).get("enum")
            if "codelist" in node and not node.get("openCodelist") and enum:
                codelists[node["codelist"]] = dict.fromkeys(code for code in enum if code is not None)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((OC4IDS / "project-schema.json").read_text(encoding="utf-8")))
    return codelists


def open_codelists() -> dict[str, dict[str, str]]:
    codelists = {}
    for path in sorted((OC4IDS / "codelists").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            codelists[path.name] = {row["Code"]: row["Title"] for row in csv.DictReader(handle)}
    return codelists


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to resolve a name or open a connection is recorded and refused."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkAttempted(f"no network in the tests: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def cove(package: dict, upload_dir: Path) -> dict:
    """What libcoveoc4ids reports on ``package`` (``oc4ids_json_output`` with the local schema)."""
    return common_checks_oc4ids({"file_type": "json"}, str(upload_dir), package, LocalSchemaOC4IDS(), cache=False)


def codelists_reached(package: dict) -> set[str]:
    """The codelists of the fields the package fills."""
    schema = LocalSchemaOC4IDS()
    paths = get_schema_codelist_paths(schema, use_extensions=False)
    reached = set()

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for value in node:
                walk(value, path)
        if path in paths:
            reached.add(paths[path][0])

    walk(package, ())
    return reached


def test_the_guard_refuses_the_network(no_network):
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get("https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json")

    assert no_network


def test_the_local_schema_holds_every_codelist_the_packages_reach(client, demo):
    loaded = {**closed_codelists(), **open_codelists()}
    packages = [fetch_package(client), fetch_package(client, "?lang=zh")]

    reached = set().union(*(codelists_reached(package) for package in packages))
    assert reached == {
        "currency.csv",
        "documentType.csv",
        "geometryType.csv",
        "milestoneStatus.csv",
        "partyRole.csv",
        "projectSector.csv",
        "projectStatus.csv",
    }
    assert reached <= set(loaded)
    assert all(loaded[name] for name in reached)


@pytest.mark.parametrize(
    ("query", "language", "count"),
    [
        ("", "en", DEMO_PROJECTS),
        ("?lang=zh", "zh", DEMO_PROJECTS),
        ("?focus_area=aviation&status=preparation", "en", 2),
    ],
)
def test_libcoveoc4ids_reports_no_error_in_a_package(client, demo, no_network, tmp_path, query, language, count):
    package = fetch_package(client, query)

    report = cove(package, tmp_path)

    assert {project["language"] for project in package["projects"]} == {language}
    assert len(package["projects"]) == count
    assert list(package_validator().iter_errors(package)) == []
    assert report["validation_errors"] == []
    assert report["validation_errors_count"] == 0
    assert report["additional_closed_codelist_values"] == {}
    assert report["additional_open_codelist_values"] == {}
    assert report["additional_checks"] == []
    assert (report["additional_fields_count"], report["data_only"]) == (0, [])
    assert report["deprecated_fields"] == {}
    assert "structure_warnings" not in report
    assert no_network == []
    # The one conformance check it reports: the ids carry no registered prefix until the setting has one.
    assert [check["check_id"] for check in report["conformance_checks"]] == ["invalid-project-ids"]
    assert len(report["conformance_checks"][0]["path_values"]) == count


def test_libcoveoc4ids_reports_the_errors_of_a_broken_package(client, demo, no_network, tmp_path):
    package = fetch_package(client, "?focus_area=aviation&status=preparation")
    package["projects"][0]["status"] = "finished"
    package["projects"][1]["sector"] = ["spaceflight"]
    package["projects"][1]["title"] = " "
    del package["publisher"]

    report = cove(package, tmp_path)

    errors = [
        (json.loads(key)["validator"], json.loads(key)["path_no_number"]) for key, _ in report["validation_errors"]
    ]
    # A code outside a closed codelist is not a schema error to libcove but a codelist finding.
    assert errors == [("required", "")]
    assert report["additional_closed_codelist_values"]["projects/status"]["values"] == ["finished"]
    assert report["additional_open_codelist_values"]["projects/sector"]["values"] == ["spaceflight"]
    assert [check["check_id"] for check in report["additional_checks"]] == ["missing-values"]
    assert no_network == []


def test_with_a_registered_prefix_libcoveoc4ids_recognises_the_ids(client, demo, no_network, tmp_path, settings):
    settings.OC4IDS_ID_PREFIX = "oc4ids-abc123-"

    package = fetch_package(client, "?lang=zh")
    report = cove(package, tmp_path)

    assert package["projects"][0]["id"] == "oc4ids-abc123-CCI-2026-0001"
    assert report["conformance_checks"] == []
    assert report["validation_errors_count"] == 0
    assert no_network == []
