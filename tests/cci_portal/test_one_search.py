"""The API's ``q`` and the site search are one search: the same records for the same query, Chinese
words, the glossary across languages, parts of names and typo tolerance included."""

import csv
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from cci_portal.search import site_search
from tests.factories import make_project

pytestmark = pytest.mark.django_db

LOGISTICS_PROJECTS = {
    "CCI-2026-0002",
    "CCI-2026-0003",
    "CCI-2026-0004",
    "CCI-2026-0005",
    "CCI-2026-0008",
    "CCI-2026-0010",
    "CCI-2026-0012",
    "CCI-2026-0013",
}
LOGISTICS_ZONES = {
    "aviation-logistics-industry-demonstration-zone",
    "lianglu-cuntan-bonded-area",
    "multimodal-transportation-demonstration-base",
}
LOGISTICS_ARTICLES = {
    "four-areas-and-four-schemes-in-the-2022-work-report",
    "liangjiang-and-chongqing-airport-join-forces",
    "liangjiang-and-imda-look-to-the-digital-economy",
}
COLD_CHAIN = {
    "projects": {"CCI-2026-0003", "CCI-2026-0013"},
    "zones": set(),
    "organizations": set(),
    "articles": {
        "four-areas-and-four-schemes-in-the-2022-work-report",
        "liangjiang-and-chongqing-airport-join-forces",
    },
}
SINGAPORE_AIRLINES = {
    "projects": {"CCI-2026-0011"},
    "zones": set(),
    "organizations": {"singapore-airlines"},
    "articles": set(),
}
# What each query finds on the demo data, by type: projects by public identifier, the rest by slug.
EXPECTED = {
    # Chinese words, in Chinese texts and the Chinese names of focus areas and zones; and the same
    # records for the English word, through the glossary.
    "物流": {
        "projects": LOGISTICS_PROJECTS,
        "zones": LOGISTICS_ZONES,
        "organizations": set(),
        "articles": LOGISTICS_ARTICLES,
    },
    "logistics": {
        "projects": LOGISTICS_PROJECTS,
        "zones": LOGISTICS_ZONES,
        "organizations": set(),
        "articles": LOGISTICS_ARTICLES,
    },
    "冷链": COLD_CHAIN,
    "cold chain": COLD_CHAIN,
    "数据中心": {
        "projects": {"CCI-2026-0006"},
        "zones": set(),
        "organizations": {"gds"},
        "articles": {"liangjiang-counts-44-china-singapore-projects"},
    },
    "新加坡航空": {**SINGAPORE_AIRLINES, "articles": {"four-areas-and-four-schemes-in-the-2022-work-report"}},
    # A whole name, which the glossary and the segmenter keep as one word.
    "两江新区管理委员会": {
        "projects": set(),
        "zones": set(),
        "organizations": {"liangjiang-new-area-administrative-committee"},
        "articles": set(),
    },
    "渝中区": {
        "projects": {"CCI-2026-0020"},
        "zones": set(),
        "organizations": {"yuzhong-district-government"},
        "articles": set(),
    },
    # Misspelt names: found only because nothing else matches.
    "Raffels City": {"projects": {"CCI-2026-0001"}, "zones": set(), "organizations": set(), "articles": set()},
    "Singpore Airlnes": SINGAPORE_AIRLINES,
    # Part of a name, for the zones and the partners.
    "sing": {
        "projects": set(),
        "zones": {
            "aviation-logistics-industry-demonstration-zone",
            "big-data-intelligent-industry-demonstration-park",
            "fintech-collaboration-demonstration-zone",
            "information-communication-demonstration-base",
            "international-agricultural-cooperation-demonstration-zone",
            "international-data-channel",
            "multimodal-transportation-demonstration-base",
        },
        "organizations": {
            "government-of-singapore",
            "imda",
            "national-university-of-singapore",
            "nus-chongqing-research-institute",
            "singapore-airlines",
        },
        "articles": set(),
    },
}
API_LISTS = {
    "projects": ("/api/v1/projects/", "id"),
    "zones": ("/api/v1/zones/", "slug"),
    "organizations": ("/api/v1/organizations/", "slug"),
    "articles": ("/api/v1/articles/", "slug"),
}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def found_by_the_api(client, query: str) -> dict[str, set[str]]:
    found = {}
    for kind, (url, key) in API_LISTS.items():
        response = client.get(url, {"q": query, "page_size": 100})
        assert response.status_code == 200, response.content
        found[kind] = {record[key] for record in response.json()["results"]}
    return found


def found_by_the_site(query: str) -> dict[str, set[str]]:
    results = site_search(query, limit_per_type=100)
    return {
        "projects": {hit.record.public_id for hit in results.projects.hits},
        "zones": {hit.record.slug for hit in results.zones.hits},
        "organizations": {hit.record.slug for hit in results.organizations.hits},
        "articles": {hit.record.slug for hit in results.articles.hits},
    }


@pytest.mark.parametrize("query", list(EXPECTED))
def test_the_api_and_the_site_search_find_the_same_records(client, demo, query):
    assert found_by_the_site(query) == EXPECTED[query]
    assert found_by_the_api(client, query) == EXPECTED[query]


def test_the_api_ranks_a_misspelt_title_closest_first(client, demo):
    response = client.get("/api/v1/projects/", {"q": "Singpore Airlnes Chongqing"})

    assert [project["id"] for project in response.json()["results"]][:1] == ["CCI-2026-0011"]


def demo_names() -> list[tuple[str, str]]:
    """The English and Chinese names of the demo's partners, zones and districts."""
    names = []
    for fixture in ("organizations", "zones", "districts"):
        with open(settings.BASE_DIR / "projects" / "fixtures" / f"{fixture}.csv", encoding="utf-8") as file:
            names += [
                (row["name_en"], row["name_zh"]) for row in csv.DictReader(file) if row["name_en"] != row["name_zh"]
            ]
    return names


@pytest.mark.parametrize(("name_en", "name_zh"), demo_names())
def test_every_partner_zone_and_district_name_finds_records_in_the_other_language(client, name_en, name_zh):
    english_only = make_project(title_en="Joint study", summary_en=f"A study with {name_en}.")
    chinese_only = make_project(title_en="Hub review", title_zh="枢纽评估", summary_zh=f"与{name_zh}合作的评估。")

    by_chinese = client.get("/api/v1/projects/", {"q": name_zh}).json()["results"]
    by_english = client.get("/api/v1/projects/", {"q": name_en}).json()["results"]

    assert english_only.public_id in {project["id"] for project in by_chinese}
    assert chinese_only.public_id in {project["id"] for project in by_english}
