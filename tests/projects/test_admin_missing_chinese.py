"""The admin's "missing Chinese" filter (``?chinese=missing`` / ``complete``) and column, on every changelist
of bilingual records, in the English and the Chinese admin (core/admin_bilingual.py)."""

import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User

from news.models import Article
from projects.models import District, FocusArea, Milestone, Organization, Project, ReportedFigure, Scheme, Source, Zone
from tests.admin_client import admin_url
from tests.factories import (
    focus_area,
    make_article,
    make_district,
    make_figure,
    make_organization,
    make_project,
    make_source,
    make_zone,
    scheme,
)

pytestmark = pytest.mark.django_db


def chinese_source(**fields) -> Source:
    return make_source(title_zh="来源", publisher_zh="两江新区", **fields)


def vocabulary_lacking(model, code: str):
    """A migrated focus area or scheme, its Chinese description emptied (the others stay complete)."""
    model.objects.filter(code=code).update(description_zh="")
    return model.objects.get(code=code)


def milestone(**fields) -> Milestone:
    project = make_project(title_zh="项目")
    return Milestone.objects.create(project=project, date=date(2020, 1, 1), **fields)


@dataclass(frozen=True)
class Case:
    """A complete record and one lacking Chinese, and what the column says of it in each language."""

    model: type
    complete: callable
    lacking: callable
    missing_en: str
    missing_zh: str


CASES = {
    "project": Case(
        Project,
        lambda: make_project(title_zh="完整的项目", summary_en="A summary.", summary_zh="摘要。"),
        lambda: make_project(title_zh="缺摘要的项目", summary_en="A summary.", description_en="More."),
        "Summary (Chinese), Description (Chinese)",
        "摘要（中文）, 说明（中文）",
    ),
    "zone": Case(
        Zone,
        lambda: make_zone(name_zh="完整园区", description_en="A park.", description_zh="园区。"),
        lambda: make_zone(description_en="A park."),
        "Name (Chinese), Description (Chinese)",
        "名称（中文）, 说明（中文）",
    ),
    "organization": Case(
        Organization,
        lambda: make_organization(name_zh="完整机构"),
        lambda: make_organization(name_zh="机构", description_en="A partner."),
        "Description (Chinese)",
        "说明（中文）",
    ),
    "district": Case(
        District,
        lambda: make_district(description_en="A district.", description_zh="区。"),
        lambda: make_district(name_zh="", description_en="A district."),
        "Name (Chinese), Description (Chinese)",
        "名称（中文）, 说明（中文）",
    ),
    "article": Case(
        Article,
        lambda: make_article(title_zh="完整文章", body_en="Text.", body_zh="正文。"),
        lambda: make_article(title_zh="文章", body_en="Text."),
        "Body (Chinese, Markdown)",
        "正文（中文，Markdown）",
    ),
    "source": Case(
        Source,
        chinese_source,
        lambda: make_source(title_zh="来源"),
        "Publisher (Chinese)",
        "发布机构（中文）",
    ),
    "figure": Case(
        ReportedFigure,
        lambda: make_figure(label_zh="签约项目", source=chinese_source()),
        lambda: make_figure(source=chinese_source()),
        "Label (Chinese)",
        "标签（中文）",
    ),
    "milestone": Case(
        Milestone,
        lambda: milestone(title_en="Opened", title_zh="开业"),
        lambda: milestone(title_en="Opened"),
        "Title (Chinese)",
        "标题（中文）",
    ),
    "focus-area": Case(
        FocusArea,
        lambda: focus_area("aviation"),
        lambda: vocabulary_lacking(FocusArea, "ict"),
        "Description (Chinese)",
        "说明（中文）",
    ),
    "scheme": Case(
        Scheme,
        lambda: scheme("business"),
        lambda: vocabulary_lacking(Scheme, "agriculture"),
        "Description (Chinese)",
        "说明（中文）",
    ),
}


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "Correct-Horse-Battery-9"))
    return client


def listed(client, model, query: str, prefix: str = "") -> list:
    response = client.get(prefix + admin_url(model, "changelist") + query)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def missing_column(client, model, record, prefix: str = "") -> str:
    """The "missing Chinese" cell of ``record``'s row."""
    response = client.get(prefix + admin_url(model, "changelist") + "?chinese=missing")
    cl = response.context["cl"]
    row = response.context["results"][list(cl.result_list).index(record)]
    return next(re.sub(r"<[^>]+>", "", cell) for cell in row if 'class="field-missing_chinese' in cell)


@pytest.mark.parametrize("kind", list(CASES))
def test_the_filter_lists_exactly_the_records_lacking_chinese(superuser_client, kind):
    case = CASES[kind]
    complete, lacking = case.complete(), case.lacking()

    assert listed(superuser_client, case.model, "?chinese=missing") == [lacking]
    assert complete in listed(superuser_client, case.model, "?chinese=complete")
    assert lacking not in listed(superuser_client, case.model, "?chinese=complete")
    assert set(listed(superuser_client, case.model, "")) >= {complete, lacking}


@pytest.mark.parametrize("kind", list(CASES))
def test_the_column_names_the_missing_fields_in_both_admins(superuser_client, kind):
    case = CASES[kind]
    case.complete()
    lacking = case.lacking()

    assert missing_column(superuser_client, case.model, lacking) == case.missing_en
    assert missing_column(superuser_client, case.model, lacking, "/zh-hans") == case.missing_zh


def test_a_complete_record_shows_a_dash_and_the_chinese_admin_names_the_filter(superuser_client):
    project = make_project(title_zh="完整的项目")

    response = superuser_client.get(admin_url(Project, "changelist") + "?chinese=complete")
    row = response.context["results"][0]
    assert '<td class="field-missing_chinese">—</td>' in row

    assert list(response.context["cl"].result_list) == [project]
    page = superuser_client.get("/zh-hans" + admin_url(Project, "changelist")).content.decode()
    choices = re.search(r'<details data-filter-title="中文翻译"[^>]*>(.*?)</details>', page, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', choices) == [
        ("?", "全部"),
        ("?chinese=missing", "缺少中文"),
        ("?chinese=complete", "中文齐全"),
    ]
