"""What ``make bench`` measures: each scenario's name (its key in ``targets.toml``), number and URL.

In-process scenarios are GETs through Django's test client; URL blanks such as ``{common_word}``
are :class:`benchmarks.facts.RegistryFacts` read from the registry being measured. The export
and load scenarios go over HTTP to gunicorn. Numbers follow the brief in ``docs/performance.md``.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass

from benchmarks import floors
from benchmarks.facts import RegistryFacts

FILTERED_API_LIST = (
    "/api/v1/projects/?focus_area={focus_area}&status="
    + ",".join(floors.FILTERED_STATUSES)
    + f"&signed_after={floors.SIGNED_AFTER}&ordering=-amount_usd"
)


@dataclass(frozen=True)
class Scenario:
    """A GET measured in-process with Django's test client."""

    name: str
    number: int
    path: str
    floor: Callable[[RegistryFacts], floors.FloorQuery] | None = None
    lists_projects: bool = False  # its main query lists projects: a full scan of them fails the bench
    staff: bool = False  # logged in as a superuser
    growth: bool = False  # also measured at every growth size

    def url(self, facts: RegistryFacts) -> str:
        return self.path.format_map(asdict(facts))


SCENARIOS = (
    Scenario("api-list", 1, "/api/v1/projects/", floors.default_page, lists_projects=True, growth=True),
    Scenario("api-list-filtered", 2, FILTERED_API_LIST, floors.filtered_page, lists_projects=True),
    Scenario(
        "api-search-common",
        3,
        "/api/v1/projects/?q={common_word}",
        floors.common_search_page,
        lists_projects=True,
        growth=True,
    ),
    Scenario(
        "api-search-everywhere",
        3,
        "/api/v1/projects/?q={everywhere_word}",
        floors.everywhere_search_page,
        lists_projects=True,
        growth=True,
    ),
    Scenario("api-search-chinese", 3, "/api/v1/projects/?q={chinese_word}", lists_projects=True, growth=True),
    Scenario("api-cursor-first", 4, "/api/v1/projects/?cursor=", floors.first_cursor_page, lists_projects=True),
    Scenario(
        "api-cursor-deep", 4, "/api/v1/projects/?cursor={deep_cursor}", floors.deep_cursor_page, lists_projects=True
    ),
    Scenario("project-list", 5, "/projects/", lists_projects=True, growth=True),
    Scenario(
        "project-list-filtered",
        5,
        "/projects/?focus_area={focus_area}&partner_country=SG",
        lists_projects=True,
        growth=True,
    ),
    Scenario("project-list-pinyin", 5, "/zh-hans/projects/?ordering=title", lists_projects=True),
    Scenario("project-page", 6, "/projects/{project_id}/", floors.one_project),
    Scenario("api-project", 6, "/api/v1/projects/{project_id}/", floors.one_project),
    Scenario("api-stats", 7, "/api/v1/stats/", growth=True),
    Scenario("stats", 7, "/stats/", growth=True),
    Scenario("home", 8, "/"),
    Scenario("search", 8, "/search/?q={common_word}"),
    Scenario("news", 8, "/news/"),
    Scenario("focus-area-page", 9, "/focus-areas/{focus_area}/", lists_projects=True),
    Scenario("organization-page", 9, "/organizations/{top_organization}/", lists_projects=True),
    Scenario("admin-changelist", 14, "/admin/projects/project/", lists_projects=True, staff=True),
    Scenario(
        "admin-changelist-organization",
        14,
        "/admin/projects/project/?{admin_organization_filter}",
        lists_projects=True,
        staff=True,
    ),
)


@dataclass(frozen=True)
class HttpScenario:
    """A scenario served by gunicorn: a whole export downloaded, or ``wrk`` load on one URL."""

    name: str
    number: int
    path: str


EXPORTS = (
    HttpScenario("csv-export", 10, "/api/v1/projects/?format=csv"),
    HttpScenario("oc4ids-export", 11, "/api/v1/projects/oc4ids/"),
)
LOADS = (
    HttpScenario("wrk-api-list", 12, "/api/v1/projects/"),
    HttpScenario("wrk-home", 12, "/"),
)
GROWTH_NUMBER = 13


@dataclass(frozen=True)
class ReleaseScenario:
    """``manage.py publish_release`` of the whole registry, in its own process."""

    name: str
    number: int


RELEASE = ReleaseScenario("publish-release", 15)


def by_names(names: list[str]) -> list[Scenario]:
    """The in-process scenarios named, in the order of :data:`SCENARIOS`; an unknown name is an error."""
    known = {scenario.name for scenario in SCENARIOS}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValueError(f"unknown scenarios: {', '.join(unknown)}")
    return [scenario for scenario in SCENARIOS if scenario.name in names]


def growth_scenarios() -> list[Scenario]:
    return [scenario for scenario in SCENARIOS if scenario.growth]


def all_names() -> list[str]:
    return [scenario.name for scenario in (*SCENARIOS, *EXPORTS, *LOADS, RELEASE)]
