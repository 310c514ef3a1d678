"""Site search (cci_portal/search.py): full text, websearch syntax, Chinese names, misspelt names, safe snippets."""

import pytest

from cci_portal.search import safe_headline, site_search
from tests.factories import make_article, make_organization, make_project, make_zone

pytestmark = pytest.mark.django_db


def titles(group) -> list[str]:
    return [hit.title for hit in group.hits]


def snippets(group) -> list[str]:
    return [str(hit.snippet) for hit in group.hits]


def make_guoyuan_records(count: int) -> None:
    """``count`` published projects, organizations, zones and articles, each matching "Guoyuan"."""
    for n in range(count):
        make_project(title_en=f"Guoyuan hub {n:02d}")
        make_organization(name_en=f"Guoyuan operator {n:02d}")
        make_zone(name_en=f"Guoyuan zone {n:02d}")
        make_article(title_en=f"Guoyuan story {n:02d}")


def test_an_english_word_finds_titles_before_descriptions_and_articles_by_body():
    by_description = make_project(
        title_en="Digital bill of lading", description_en="Shipping documents travel between Guoyuan and Singapore."
    )
    by_title = make_project(title_en="Guoyuan intermodal hub", description_en="Rail meets river here.")
    make_project(title_en="Singapore Week activities")
    make_zone(name_en="Guoyuan Port", description_en="A river port in Chongqing.")
    make_organization(name_en="Chongqing Port Logistics Group", description_en="Runs the Guoyuan terminal.")
    make_article(title_en="Barges on the Yangtze", body_en="Barges now call at Guoyuan every day.")
    make_article(title_en="Singapore Week opens", body_en="Food, music and film.")

    results = site_search("Guoyuan")

    assert titles(results.projects) == ["Guoyuan intermodal hub", "Digital bill of lading"]
    assert [hit.record for hit in results.projects.hits] == [by_title, by_description]
    assert titles(results.zones) == ["Guoyuan Port"]
    assert titles(results.organizations) == ["Chongqing Port Logistics Group"]
    assert titles(results.articles) == ["Barges on the Yangtze"]
    assert [group.count for group in results.groups] == [2, 1, 1, 1]
    assert results.total == 5


def test_a_quoted_phrase_matches_only_the_words_side_by_side():
    make_project(title_en="Tongliang cold chain logistics")
    make_project(title_en="Chain of cold storage warehouses")

    assert titles(site_search('"cold chain"').projects) == ["Tongliang cold chain logistics"]
    # Without quotes both match; the words side by side rank higher.
    assert titles(site_search("cold chain").projects) == [
        "Tongliang cold chain logistics",
        "Chain of cold storage warehouses",
    ]


def test_a_minus_sign_leaves_a_word_out():
    make_project(title_en="Aviation logistics zone")
    make_project(title_en="Tongliang cold chain logistics")

    assert titles(site_search("logistics -aviation").projects) == ["Tongliang cold chain logistics"]


def test_or_finds_either_word():
    make_project(title_en="Tourism destination in Wushan")
    make_project(title_en="Tourism destination in Wulong")
    make_project(title_en="Tourism destination in Yuzhong")

    assert titles(site_search("Wushan or Wulong").projects) == [
        "Tourism destination in Wulong",
        "Tourism destination in Wushan",
    ]


def test_a_chinese_query_finds_chinese_titles_and_names():
    raffles = make_project(title_en="Raffles City Chongqing", title_zh="重庆来福士")
    make_project(title_en="Raffles City draft", title_zh="来福士二期", is_published=False)
    make_organization(name_en="Raffles City management", name_zh="来福士广场管理公司")
    make_organization(name_en="CapitaLand Group", name_zh="凯德集团")
    make_zone(name_en="Guoyuan Port", name_zh="果园港")
    make_article(title_en="Raffles City opens", title_zh="来福士开业")

    results = site_search("来福士")

    assert [hit.record for hit in results.projects.hits] == [raffles]
    assert titles(results.projects) == ["Raffles City Chongqing"]  # English is active in the selector's test
    assert titles(results.organizations) == ["Raffles City management"]
    assert titles(results.articles) == ["Raffles City opens"]
    assert results.zones.hits == []
    assert results.total == 3
    assert titles(site_search("凯德").organizations) == ["CapitaLand Group"]
    assert titles(site_search("果园港").zones) == ["Guoyuan Port"]


def test_a_misspelt_name_still_finds_its_record():
    make_organization(name_en="Singapore Airlines")
    make_organization(name_en="Singapore Exchange")
    make_organization(name_en="Chongqing Airport Group")
    make_project(title_en="Singapore Airlines (Chongqing) Bonded Aviation Material Distribution Center")
    make_project(title_en="Raffles City Chongqing")
    make_project(title_en="Chongqing City Development")
    make_zone(name_en="Guoyuan Port")

    airlines = site_search("Singpore Airlnes")
    assert titles(airlines.organizations) == ["Singapore Airlines"]
    assert titles(airlines.projects) == ["Singapore Airlines (Chongqing) Bonded Aviation Material Distribution Center"]
    assert airlines.total == 2

    raffles = site_search("Raffels City")
    assert titles(raffles.projects) == ["Raffles City Chongqing"]
    assert raffles.total == 1

    assert titles(site_search("Guoyaun Port").zones) == ["Guoyuan Port"]


def test_typo_tolerance_only_steps_in_when_the_words_find_nothing():
    make_project(title_en="Singapore Airlines (Chongqing) Bonded Aviation Material Distribution Center")
    make_project(title_en="Singapore Week activities")
    make_project(title_en="Air cargo to Singapore", description_en="A press release spelt it Singpore Airlnes.")

    # A correct name is not drowned by records that merely share "Singapore" with it.
    assert titles(site_search("Singapore Airlines").projects) == [
        "Singapore Airlines (Chongqing) Bonded Aviation Material Distribution Center"
    ]
    # The misspelling is in a description, so the words find that record and typo tolerance stays off.
    assert titles(site_search("Singpore Airlnes").projects) == ["Air cargo to Singapore"]
    assert titles(site_search("Singapor Airlins").projects) == [
        "Singapore Airlines (Chongqing) Bonded Aviation Material Distribution Center"
    ]


def test_drafts_never_appear():
    make_project(title_en="Guoyuan draft hub", title_zh="果园港草稿", is_published=False)
    make_organization(name_en="Guoyuan draft operator", name_zh="果园港运营", is_published=False)
    make_zone(name_en="Guoyuan draft zone", is_published=False)
    make_article(title_en="Guoyuan draft story", is_published=False)
    make_project(title_en="Guoyuan published hub")

    for query in ["Guoyuan", "果园港", "Guoyuen"]:
        results = site_search(query)
        assert titles(results.projects) == (["Guoyuan published hub"] if query != "果园港" else [])
        assert results.organizations.hits == results.zones.hits == results.articles.hits == []
        assert results.total == (0 if query == "果园港" else 1)


def test_snippets_mark_the_match():
    make_project(
        title_en="Guoyuan intermodal hub",
        summary_en="Rail meets river.",
        description_en="The Guoyuan Port terminal handles rail and river freight.",
    )
    make_organization(name_en="Port operator", description_en="Operates the Guoyuan Port terminal.")
    make_article(
        title_en="Barges on the Yangtze",
        summary_en="",
        body_en="## Port news\n\nBarges call at **Guoyuan** Port, see [the port](https://example.org/port).",
    )

    results = site_search("Guoyuan port")

    assert snippets(results.projects) == [
        "Rail meets river. The <mark>Guoyuan</mark> <mark>Port</mark> terminal handles rail and river freight"
    ]
    assert snippets(results.organizations) == ["Operates the <mark>Guoyuan</mark> <mark>Port</mark> terminal"]
    # Markdown syntax and link targets stay out of the snippet.
    assert snippets(results.articles) == [
        "<mark>Port</mark> news Barges call at <mark>Guoyuan</mark> <mark>Port</mark>, see the <mark>port</mark>"
    ]


def test_snippets_escape_html_from_the_records():
    make_project(
        title_en="<script>alert(1)</script> Guoyuan hub",
        description_en=(
            "Freight <script>alert('x')</script> at Guoyuan & <b>more</b> <mark>, 1 < 2 <img src=x onerror=alert(1)//"
        ),
    )

    (hit,) = site_search("Guoyuan").projects.hits

    assert hit.title == "<script>alert(1)</script> Guoyuan hub"  # escaped by the template, see the page test
    # ts_headline drops whole tags (the source's own <mark> too); what is left is escaped.
    assert str(hit.snippet) == (
        "Freight alert(&#x27;x&#x27;) at <mark>Guoyuan</mark> &amp; more , 1 &lt; 2 &lt;img src=x onerror=alert"
    )


def test_safe_headline_keeps_only_the_mark_tags():
    assert safe_headline('<mark>a</mark> <img src=x onerror="b"> <MARK>') == (
        "<mark>a</mark> &lt;img src=x onerror=&quot;b&quot;&gt; &lt;MARK&gt;"
    )


@pytest.mark.parametrize("query", ['"', "-", "or", "&&&", "'", ":", "!", "(", "\\", "%", "_", "a:*", "-or"])
def test_odd_input_finds_nothing_and_never_fails(query):
    make_project(title_en="Guoyuan intermodal hub", title_zh="果园港")
    make_organization(name_en="Raffles & Co")

    assert site_search(query).total == 0


def test_an_empty_query_runs_no_query(django_assert_num_queries):
    make_project()
    with django_assert_num_queries(0):
        results = site_search("   ")
    assert results.total == 0
    assert results.query == ""


@pytest.mark.parametrize("records", [1, 25])
def test_search_runs_four_queries_whatever_the_number_of_matches(records, django_assert_num_queries):
    make_guoyuan_records(records)

    with django_assert_num_queries(4):
        results = site_search("Guoyuan")
        shown = [hit.title for group in results.groups for hit in group.hits]

    assert [len(group.hits) for group in results.groups] == [min(records, 20)] * 4
    assert [group.count for group in results.groups] == [records] * 4
    assert [group.is_truncated for group in results.groups] == [records > 20] * 4
    assert results.total == 4 * records
    assert shown[0] == "Guoyuan hub 00"


def test_the_count_beyond_the_shown_hits_counts_every_match():
    for n in range(5):
        make_project(title_en=f"Logistics park {n}")

    results = site_search("logistics", limit_per_type=2)

    assert (len(results.projects.hits), results.projects.count, results.projects.is_truncated) == (2, 5, True)
