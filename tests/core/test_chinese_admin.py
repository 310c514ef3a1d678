"""The admin in Chinese (/zh-hans/admin/): what a staff member reads there, exactly. The history's
reasons and columns, the exports' headers (read back by the import), and the names of vocabulary
records in changelist columns, filters and autocompletes."""

import json
from html.parser import HTMLParser

import pytest
from django.utils import translation

from core.publishing import set_published
from news.models import Article
from projects.models import Organization, Project, Zone
from tests.admin_client import admin_url, project_form
from tests.factories import (
    focus_area,
    make_article,
    make_district,
    make_organization,
    make_project,
    make_staff,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db

# The fields the project form needs that tests/admin_client.py's project_form may not post yet.
PROJECT_FORM_EXTRA = {"operation_start_date_precision": "day"}


def in_chinese(model, view: str, *args) -> str:
    """The address of an admin page in Chinese, whichever language the last request left active."""
    with translation.override("zh-hans"):
        return admin_url(model, view, *args)


class Node:
    """An element of a page: its tag, attributes, children and text."""

    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []

    @property
    def text(self) -> str:
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join("".join(parts).split())

    def has(self, key: str, value: str) -> bool:
        if key == "class_":  # one of the element's classes
            return value in self.attrs.get("class", "").split()
        return self.attrs.get(key) == value

    def find_all(self, tag: str, **attrs) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and all(child.has(key, value) for key, value in attrs.items()):
                    found.append(child)
                found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str, **attrs) -> "Node":
        return self.find_all(tag, **attrs)[0]


class _PageParser(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.open[-1].children.append(node)
        if tag not in self.VOID:
            self.open.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def page(response) -> Node:
    assert response.status_code == 200, response.content[:500]
    parser = _PageParser()
    parser.feed(response.content.decode())
    return parser.root


def history_rows(response) -> list[list[str]]:
    """The history table as read: its header, then each version's cells, newest first."""
    table = page(response).find("table", id="change-history")
    return [[cell.text for cell in row.children if isinstance(cell, Node)] for row in table.find_all("tr")]


def filters(response) -> dict[str, list[str]]:
    """Each changelist filter's title and the choices it lists."""
    return {
        details.attrs["data-filter-title"]: [link.text for link in details.find_all("a")]
        for details in page(response).find_all("details")
        if "data-filter-title" in details.attrs
    }


def changelist_cells(response, *columns: str) -> list[tuple[str, ...]]:
    """The text of ``columns`` (field names) in each changelist row."""
    rows = page(response).find("table", id="result_list").find("tbody").find_all("tr")
    return [tuple(row.find("td", class_=f"field-{column}").text for column in columns) for row in rows]


# The history


def test_the_history_reads_in_chinese(client):
    project = make_project(title_en="Original title", is_published=False)
    client.force_login(make_staff("publisher", username="mei.lin"))
    changed = project_form(
        project, title_en="Changed title", focus_area=str(focus_area("aviation").pk), status="completion"
    )
    client.post(in_chinese(Project, "change", project.pk), {**changed, **PROJECT_FORM_EXTRA})
    set_published(queryset=Project.objects.filter(pk=project.pk), published=True, user=make_staff("publisher", "li"))

    rows = history_rows(client.get(in_chinese(Project, "history", project.pk)))

    # The reasons stay stored in English: the API and exports give them as they are.
    assert list(project.history.values_list("history_change_reason", flat=True)) == [
        "Published",
        "Changed title_en, focus_area, status",
        None,
    ]
    assert rows[0] == ["记录对象", "日期/时间", "备注", "修改人", "修改原因", "修改内容"]
    assert [row[2:] for row in rows[1:]] == [
        ["已修改", "li", "发布", "已发布: 否 → 是"],
        [
            "已修改",
            "mei.lin",
            "修改了标题（英文）、主要重点领域、状态",
            "主要重点领域: 交通物流 → 航空 状态: 实施 → 竣工 标题（英文）: Original title → Changed title",
        ],
        ["已创建", "无", "", ""],
    ]


def test_every_reason_the_registry_stores_reads_in_chinese(client):
    article = make_article(title_en="Original")
    for reason in ["Imported", "Loaded demo data", "Added through the API", "Unpublished", "Saved in the admin"]:
        article._change_reason = reason
        article.save()
    client.force_login(make_staff("viewer"))

    rows = history_rows(client.get(in_chinese(Article, "history", article.pk)))

    assert [row[4] for row in rows[1:]] == ["在管理后台保存", "撤回发布", "通过 API 新增", "载入演示数据", "导入", ""]


def test_a_save_changing_many_fields_keeps_a_reason_that_fits(client):
    project = make_project(title_en="Original title", is_published=False)
    client.force_login(make_staff("editor"))
    texts = {
        f"{name}_{language}": f"New {name} {language}"
        for name in ("title", "summary", "description")
        for language in ("en", "zh")
    }
    changed = project_form(project, **texts, focus_area=str(focus_area("aviation").pk), status="completion")

    response = client.post(in_chinese(Project, "change", project.pk), {**changed, **PROJECT_FORM_EXTRA})

    assert response.status_code == 302
    reason = project.history.latest().history_change_reason
    assert (
        reason == "Changed title_en, title_zh, summary_en, summary_zh, description_en, description_zh, focus_area, …"
    )
    assert len(reason) <= 100  # django-simple-history's column
    rows = history_rows(client.get(in_chinese(Project, "history", project.pk)))
    assert rows[1][4] == (
        "修改了标题（英文）、标题（中文）、摘要（英文）、摘要（中文）、说明（英文）、说明（中文）、主要重点领域、…"
    )


# The registry the changelist and export tests read


def chinese_registry() -> Project:
    district = make_district(slug="yubei", name_en="Yubei", name_zh="渝北区")
    zone = make_zone(slug="airport-park", name_en="Airport park", name_zh="空港园区", district=district)
    partner = make_organization(slug="sia", name_en="SIA Engineering", name_zh="新科工程")
    return make_project(
        title_en="Hangar",
        title_zh="机库",
        focus_area=focus_area("aviation"),
        scheme=scheme("business"),
        zone=zone,
        district=district,
        participants=[(partner, "investor")],
    )


# Vocabulary names in changelists, filters and autocompletes


def test_the_project_changelist_names_the_vocabularies_in_chinese(client):
    chinese_registry()
    client.force_login(make_staff("viewer"))

    response = client.get(in_chinese(Project, "changelist"))

    assert changelist_cells(response, "focus_area", "status") == [("航空", "实施")]
    listed = filters(response)
    assert listed["状态"] == ["全部", "项目识别", "筹备", "实施", "竣工", "运维", "退役中", "已退役", "已取消"]
    assert listed["主要重点领域"] == ["全部", "金融服务", "航空", "交通物流", "信息通信", "-"]
    assert listed["合作计划"] == ["全部", "商务合作", "农业合作", "人才培训合作", "文化旅游合作", "-"]
    assert listed["园区"] == ["全部", "空港园区", "-"]
    assert listed["区县"] == ["全部", "渝北区", "-"]


def test_the_partner_filter_names_partners_in_chinese(client):
    chinese_registry()
    client.force_login(make_staff("viewer"))

    assert filters(client.get(in_chinese(Project, "changelist")))["合作伙伴"] == ["全部", "新科工程 (1)"]


def test_the_zone_and_article_changelists_name_the_vocabularies_in_chinese(client):
    chinese_registry()
    make_zone(slug="hub", name_en="Hub", name_zh="枢纽", focus_area=focus_area("ict"))
    make_article(title_en="News", category="policy").focus_areas.add(focus_area("aviation"))
    client.force_login(make_staff("viewer"))

    zones = client.get(in_chinese(Zone, "changelist"))
    articles = client.get(in_chinese(Article, "changelist"))

    assert changelist_cells(zones, "name_zh", "kind", "focus_area", "district") == [
        ("空港园区", "示范区", "-", "渝北区"),
        ("枢纽", "示范区", "信息通信", "-"),
    ]
    assert filters(zones)["类型"] == ["全部", "示范区", "产业园区", "示范基地", "中心", "通道", "口岸"]
    assert changelist_cells(articles, "category") == [("政策",)]
    assert filters(articles)["重点领域"] == ["全部", "金融服务", "航空", "交通物流", "信息通信", "-"]


def test_the_organization_changelist_names_kinds_in_chinese(client):
    make_organization(slug="sia", name_en="SIA Engineering", name_zh="新科工程", kind="private")
    client.force_login(make_staff("viewer"))

    response = client.get(in_chinese(Organization, "changelist"))

    assert changelist_cells(response, "name_zh", "kind") == [("新科工程", "民营企业")]
    assert filters(response)["类型"][:4] == ["全部", "政府机构", "国有企业", "民营企业"]


def test_the_organization_changelist_names_countries_in_chinese(client):
    make_organization(slug="sia", name_en="SIA Engineering", country="SG")
    make_organization(slug="cq", name_en="Chongqing Airport", country="CN")
    client.force_login(make_staff("viewer"))

    response = client.get(in_chinese(Organization, "changelist"))

    assert changelist_cells(response, "country_name") == [("中国",), ("新加坡",)]
    assert filters(response)["国家"] == ["全部", "中国", "新加坡"]


def autocomplete(client, model_name: str, field_name: str, term: str = "") -> list[str]:
    with translation.override("zh-hans"):
        url = admin_url(Project, "changelist").replace("projects/project/", "autocomplete/")
    query = {"app_label": "projects", "model_name": model_name, "field_name": field_name, "term": term}
    response = client.get(url, query)
    assert response.status_code == 200, response.content
    return [result["text"] for result in json.loads(response.content)["results"]]


def test_autocompletes_name_the_records_in_chinese(client):
    chinese_registry()
    client.force_login(make_staff("editor"))

    assert autocomplete(client, "project", "focus_area") == ["金融服务", "航空", "交通物流", "信息通信"]
    assert autocomplete(client, "project", "scheme") == ["商务合作", "农业合作", "人才培训合作", "文化旅游合作"]
    assert autocomplete(client, "project", "zone") == ["空港园区"]
    assert autocomplete(client, "project", "district") == ["渝北区"]
    assert autocomplete(client, "projectparticipant", "organization", "SIA") == ["新科工程"]


def test_every_bilingual_form_puts_its_english_and_chinese_on_one_line(rf):
    from django.contrib import admin

    from core.localization import bilingual_fields, bilingual_names

    request = rf.get("/admin/")
    request.user = make_staff("publisher")
    apart = {}
    for model, model_admin in admin.site._registry.items():
        names = bilingual_names(model)
        if not names:
            continue
        lines = [line for _name, options in model_admin.get_fieldsets(request) for line in options["fields"]]
        together = {
            name
            for name in names
            if any(set(bilingual_fields(name)) <= set(line) for line in lines if isinstance(line, tuple))
        }
        apart[model._meta.label] = sorted(set(names) - together)
    assert "projects.ReportedFigure" in apart and "projects.Source" in apart
    assert apart == {label: [] for label in apart}


def test_the_figure_milestone_and_source_lists_show_the_chinese(client):
    from projects.models import Milestone, ReportedFigure, Source

    source = Source.objects.create(
        title_en="Work report",
        publisher_en="Liangjiang New Area",
        publisher_zh="两江新区",
        url="https://example.org/a",
    )
    Source.objects.create(title_en="Notice", publisher_en="CCI Bureau", url="https://example.org/b")
    ReportedFigure.objects.create(
        label_en="Signed projects",
        label_zh="签约项目",
        metric="projects_signed",
        value=44,
        unit="count",
        scope="liangjiang",
        source=source,
    )
    Milestone.objects.create(project=make_project(), date="2024-05-01", title_en="Opened", title_zh="开业")
    client.force_login(make_staff("viewer"))

    assert changelist_cells(client.get(in_chinese(ReportedFigure, "changelist")), "label_zh") == [("签约项目",)]
    assert changelist_cells(client.get(in_chinese(Milestone, "changelist")), "title_zh") == [("开业",)]
    sources = client.get(in_chinese(Source, "changelist"))
    assert filters(sources)["发布机构"] == ["全部", "CCI Bureau", "两江新区"]
    chosen = client.get(in_chinese(Source, "changelist"), {"publisher_en": "Liangjiang New Area"})
    assert changelist_cells(chosen, "publisher") == [("两江新区",)]
