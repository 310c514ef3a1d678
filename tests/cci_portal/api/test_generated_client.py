"""A partner's client, generated from the schema by openapi-python-client, reads the API over HTTP
with no key: it lists, filters, pages with the cursor, fetches a project and reads the statistics.

The client is generated once for the module from the schema the site builds (``manage.py
spectacular``), into a temporary directory, and driven against the live server with the demo data.
"""

import importlib
import inspect
import subprocess
import sys
import typing
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

PACKAGE = "cci_portal_api_client"
# Post hooks would run the generator's own ruff over the code: nothing to format in a test.
GENERATOR_CONFIG = f"package_name_override: {PACKAGE}\npost_hooks: []\n"
DEMO_PROJECTS = 22


@pytest.fixture(scope="module")
def api_client_package(tmp_path_factory):
    """The generated package, imported (``Client``, ``AuthenticatedClient``, ``api``, ``models``)."""
    directory = tmp_path_factory.mktemp("generated-client")
    schema, config = directory / "schema.json", directory / "config.yml"
    call_command("spectacular", "--format", "openapi-json", "--validate", "--file", str(schema), stdout=StringIO())
    config.write_text(GENERATOR_CONFIG)
    generator = Path(sys.executable).with_name("openapi-python-client")
    output = directory / "client"
    command = [
        str(generator),
        "generate",
        "--path",
        str(schema),
        "--output-path",
        str(output),
        "--config",
        str(config),
        # A piece of the schema the generator could not turn into code is a warning: none allowed.
        "--fail-on-warning",
    ]
    generated = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    sys.path.insert(0, str(output))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(output))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def generated(package, module: str):
    return importlib.import_module(f"{package.__name__}.{module}")


@pytest.fixture
def demo(reference_vocabularies):
    """The demo registry, committed, so the live server's thread reads it."""
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def anonymous(api_client_package, live_server, demo):
    """A plain ``Client``: no token, no header; a status the schema does not declare raises."""
    with api_client_package.Client(base_url=live_server.url, raise_on_unexpected_status=True) as client:
        yield client


def cursor_of(next_url: str | None) -> str | None:
    """The ``cursor`` parameter of a ``next`` link, as the client passes it back."""
    if next_url is None:
        return None
    return parse_qs(urlsplit(next_url).query, keep_blank_values=True)["cursor"][0]


def client_type(package, module: str):
    """The type the generated function ``module.sync`` asks of its ``client``."""
    return inspect.signature(generated(package, module).sync).parameters["client"].annotation


def test_reads_take_a_plain_client_and_writes_an_authenticated_one(api_client_package):
    operations = [
        "projects.projects_list",
        "projects.projects_retrieve",
        "projects.projects_oc4ids_retrieve",
        "stats.stats_retrieve",
        "projects.projects_create",
        "projects.projects_partial_update",
        "projects.projects_destroy",
    ]
    # The generated modules annotate with strings (``from __future__ import annotations``) or types.
    either = {"AuthenticatedClient | Client", api_client_package.AuthenticatedClient | api_client_package.Client}
    authenticated = {"AuthenticatedClient", api_client_package.AuthenticatedClient}

    types = {operation: client_type(api_client_package, f"api.{operation}") for operation in operations}

    assert {operation: annotation in either for operation, annotation in types.items()} == {
        "projects.projects_list": True,
        "projects.projects_retrieve": True,
        "projects.projects_oc4ids_retrieve": True,
        "stats.stats_retrieve": True,
        "projects.projects_create": False,
        "projects.projects_partial_update": False,
        "projects.projects_destroy": False,
    }
    assert all(types[operation] in authenticated for operation in operations[4:])


def test_amounts_are_decimal_strings_in_the_generated_models(api_client_package):
    models = generated(api_client_package, "models")
    unset = generated(api_client_package, "types").Unset
    # The models name each other under TYPE_CHECKING only: resolve the names in the models package.
    project, totals, figure = (
        typing.get_type_hints(model, localns=vars(models))
        for model in (models.Project, models.StatsTotals, models.ReportedFigure)
    )

    for field in ("contract_amount", "contract_amount_usd", "usd_rate", "latitude", "longitude"):
        assert project[field] == None | str | unset, field
    assert totals["amount_usd"] is str
    assert figure["value"] is str


def test_a_partner_lists_and_filters_without_a_key(api_client_package, anonymous):
    projects_list = generated(api_client_package, "api.projects.projects_list")
    models = generated(api_client_package, "models")

    everything = projects_list.sync(client=anonymous)
    aviation = projects_list.sync(client=anonymous, focus_area=["aviation"])
    preparing = projects_list.sync(client=anonymous, status=[models.ProjectsListStatusItem.PREPARATION])
    culture = projects_list.sync(
        client=anonymous, scheme="culture-tourism", ordering=[models.ProjectsListOrderingItem.TITLE]
    )

    assert isinstance(everything, models.PaginatedProjectList)
    assert everything.count == DEMO_PROJECTS
    assert len(everything.results) == DEMO_PROJECTS
    assert everything.next_ is None
    assert (aviation.count, [project.id for project in aviation.results]) == (
        3,
        ["CCI-2026-0003", "CCI-2026-0010", "CCI-2026-0011"],
    )
    assert [project.id for project in preparing.results] == [
        "CCI-2026-0003",
        "CCI-2026-0008",
        "CCI-2026-0010",
        "CCI-2026-0012",
        "CCI-2026-0013",
    ]
    assert {project.status for project in preparing.results} == {models.ProjectStatusEnum.PREPARATION}
    assert [project.id for project in culture.results] == ["CCI-2026-0022", "CCI-2026-0021", "CCI-2026-0020"]


def test_a_partner_walks_every_page_with_the_cursor(api_client_package, anonymous):
    projects_list = generated(api_client_package, "api.projects.projects_list")

    pages, cursor = [], ""  # an empty cursor starts the walk
    while cursor is not None:
        page = projects_list.sync(client=anonymous, cursor=cursor, page_size=10)
        pages.append([project.id for project in page.results])
        cursor = cursor_of(page.next_)

    walked = [public_id for page in pages for public_id in page]
    assert [len(page) for page in pages] == [10, 10, 2]
    assert len(set(walked)) == len(walked) == DEMO_PROJECTS
    assert walked == [f"CCI-2026-{number:04d}" for number in range(1, DEMO_PROJECTS + 1)]


def test_a_partner_fetches_one_project_with_its_amount_as_a_decimal_string(api_client_package, anonymous):
    projects_retrieve = generated(api_client_package, "api.projects.projects_retrieve")
    models = generated(api_client_package, "models")

    project = projects_retrieve.sync("CCI-2026-0001", client=anonymous)
    response = projects_retrieve.sync_detailed("CCI-2026-9999", client=anonymous)

    assert isinstance(project, models.Project)
    assert project.title_en == "Raffles City Chongqing"
    assert project.title_zh == "重庆来福士"
    assert (project.contract_amount, project.currency) == ("24000000000.00", models.CurrencyEnum.CNY)
    assert project.contract_amount_usd == "3600000000.00"
    assert response.status_code == 404
    assert isinstance(response.parsed, models.Error)
    assert response.parsed.detail == "No project has the identifier “CCI-2026-9999”."


def test_a_partner_reads_the_statistics_without_a_key(api_client_package, anonymous):
    stats_retrieve = generated(api_client_package, "api.stats.stats_retrieve")
    models = generated(api_client_package, "models")

    stats = stats_retrieve.sync(client=anonymous)
    preparing = stats_retrieve.sync(client=anonymous, status=[models.StatsRetrieveStatusItem.PREPARATION])

    assert isinstance(stats, models.Stats)
    assert (stats.totals.projects, stats.totals.projects_with_amount, stats.totals.amount_usd) == (
        DEMO_PROJECTS,
        1,
        "3600000000.00",
    )
    assert {row.status: row.projects for row in stats.by_status if row.projects} == {
        "preparation": 5,
        "implementation": 16,
        "completion": 1,
    }
    assert {row.code: row.projects for row in stats.by_focus_area} == {
        "financial-services": 2,
        "aviation": 3,
        "transport-logistics": 7,
        "ict": 6,
    }
    assert (preparing.totals.projects, preparing.totals.amount_usd) == (5, "0.00")


def test_a_partner_sends_the_key_as_the_generated_client_sends_a_token(api_client_package, live_server, demo, api_key):
    """``AuthenticatedClient`` sends ``Authorization: <prefix> <token>``: with the prefix ``Api-Key``,
    that is the partner's key as the API takes it."""
    projects_list = generated(api_client_package, "api.projects.projects_list")
    partner = api_client_package.AuthenticatedClient(base_url=live_server.url, token=api_key, prefix="Api-Key")
    stranger = api_client_package.AuthenticatedClient(base_url=live_server.url, token="unknown.key", prefix="Api-Key")

    with partner, stranger:
        response = projects_list.sync_detailed(client=partner, page_size=1)
        refused = projects_list.sync_detailed(client=stranger, page_size=1)

    assert response.status_code == 200
    assert response.parsed.count == DEMO_PROJECTS
    assert refused.status_code == 401
