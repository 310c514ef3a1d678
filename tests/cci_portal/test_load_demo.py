"""``manage.py load_demo``: sourced demo records, created once, never over staff work."""

import shutil
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.localization import bilingual_fields, bilingual_names
from news.models import Article
from projects import demo
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)
from tests.factories import make_organization, make_project

pytestmark = pytest.mark.django_db

DEMO_COUNTS = {
    "projects": 22,
    "organizations": 18,
    "zones": 9,
    "districts": 7,
    "figures": 8,
    "articles": 5,
    "sources": 5,
}


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "projects": Project.objects.count(),
        "organizations": Organization.objects.count(),
        "zones": Zone.objects.count(),
        "districts": District.objects.count(),
        "figures": ReportedFigure.objects.count(),
        "articles": Article.objects.count(),
        "sources": Source.objects.count(),
    }


def test_load_demo_creates_published_records_each_with_its_source():
    output = load_demo()

    assert counts() == DEMO_COUNTS
    assert Project.objects.filter(sources__isnull=True).count() == 0
    assert Zone.objects.filter(sources__isnull=True).count() == 0
    assert Organization.objects.filter(sources__isnull=True).count() == 0
    assert District.objects.filter(sources__isnull=True).count() == 0
    assert ReportedFigure.objects.filter(source__isnull=True).count() == 0
    assert Article.objects.filter(source_name_en="").count() == 0
    assert Article.objects.filter(source_name_zh="").count() == 0
    assert Project.objects.published().count() == 22
    assert Organization.objects.published().count() == 18
    assert Zone.objects.published().count() == 9
    assert ReportedFigure.objects.published().count() == 8
    assert Article.objects.published().count() == 5
    assert "  projects: 22\n" in output
    assert "  articles: 5\n" in output


def test_sources_record_where_each_fact_came_from():
    load_demo()

    dated = Source.objects.get(title_en="China-Singapore (Chongqing) Connectivity Initiative upgraded")
    assert dated.publisher == "Liangjiang New Area"
    assert dated.url == "https://english.liangjiang.gov.cn/"
    assert dated.published_on == date(2021, 10, 26)
    bureau = Source.objects.get(publisher_en="CCI Chongqing Bureau")
    assert bureau.url == ""
    assert bureau.document == "News page on the CCI Chongqing Bureau's website"
    assert bureau.document_zh == "中新（重庆）战略性互联互通示范项目管理局网站新闻页面"
    # Each source's date as its page states it: only the 2021 plan's page gives one ("Updated:2021-10-26");
    # the others name a day without its year (June 17, May 24) or a report's year, not when they appeared.
    # None of the pages gives its own address: the Liangjiang pages name only the site.
    assert {source.title_en: (source.published_on, source.url) for source in Source.objects.order_by("title_en")} == {
        "China-Singapore (Chongqing) Connectivity Initiative upgraded": (
            date(2021, 10, 26),
            "https://english.liangjiang.gov.cn/",
        ),
        "Four CCI Schemes Will Promote China-Singapore Cooperation": (None, ""),
        "Liangjiang New Area and Chongqing Airport sign a strategic cooperation agreement": (
            None,
            "https://english.liangjiang.gov.cn/",
        ),
        "Liangjiang reports 44 China-Singapore projects signed since the CCI began": (
            None,
            "https://english.liangjiang.gov.cn/",
        ),
        "New area to deepen bond with Singapore in digital economy": (None, "https://english.liangjiang.gov.cn/"),
    }


# The English texts the demo holds, by record kind and field: each one must have its Chinese.
CHECKED = {
    "project.title": 22,
    "project.summary": 22,
    "project.description": 22,
    "milestone.title": 4,
    "source.title": 5,
    "source.publisher": 5,
    "source.document": 1,
    "reportedfigure.label": 8,
    "zone.name": 9,
    "zone.description": 9,
    "organization.name": 18,
    "organization.description": 18,
    "district.name": 7,
    "district.description": 7,
    "focusarea.name": 4,
    "focusarea.description": 4,
    "scheme.name": 4,
    "scheme.description": 4,
    "article.title": 5,
    "article.summary": 5,
    "article.body": 5,
    "article.source_name": 5,
}
BILINGUAL_MODELS = [
    Project,
    Milestone,
    Source,
    ReportedFigure,
    Zone,
    Organization,
    District,
    FocusArea,
    Scheme,
    Article,
]


def test_every_demo_text_has_its_chinese_half():
    load_demo()

    checked, lacking = {}, []
    for model in BILINGUAL_MODELS:
        for name in bilingual_names(model):
            english, chinese = bilingual_fields(name)
            for record in model.objects.exclude(**{english: ""}):
                field = f"{model._meta.model_name}.{name}"
                checked[field] = checked.get(field, 0) + 1
                if not getattr(record, chinese).strip():
                    lacking.append(f"{model._meta.model_name} {record.pk} ({record}): {chinese}")

    assert lacking == []
    assert checked == CHECKED


def test_running_twice_creates_nothing_more():
    load_demo()
    output = load_demo()

    assert counts() == DEMO_COUNTS
    assert output == "Demo data already present; nothing created.\n"


def test_staff_records_are_left_as_they_are():
    staff_partner = make_organization(slug="capitaland-group", name_en="CapitaLand (entered by staff)", country="SG")
    staff_project = make_project(slug="staff-project", title_en="A project staff entered")

    load_demo()

    staff_partner.refresh_from_db()
    assert staff_partner.name_en == "CapitaLand (entered by staff)"
    assert staff_partner.sources.count() == 0
    assert Organization.objects.count() == 18
    assert Project.objects.get(slug="staff-project").title_en == "A project staff entered"
    assert Project.objects.get(slug="staff-project").public_id == staff_project.public_id
    assert Project.objects.count() == 23
    raffles = Project.objects.get(slug="raffles-city-chongqing")
    assert list(raffles.participations.values_list("organization__name_en", "role")) == [
        ("CapitaLand (entered by staff)", "investor")
    ]


def test_if_empty_does_nothing_when_a_project_exists():
    make_project(slug="staff-project")

    output = load_demo("--if-empty")

    assert output == "The registry already holds projects; demo data not loaded.\n"
    assert counts() == {**dict.fromkeys(DEMO_COUNTS, 0), "projects": 1}


def test_if_empty_loads_an_empty_registry():
    load_demo("--if-empty")

    assert counts() == DEMO_COUNTS


def test_raffles_city_keeps_the_reported_amount_and_rate():
    load_demo()

    raffles = Project.objects.get(slug="raffles-city-chongqing")
    assert raffles.title_zh == "重庆来福士"
    assert raffles.contract_amount == Decimal("24000000000.00")
    assert raffles.currency == "CNY"
    assert raffles.contract_amount_usd == Decimal("3600000000.00")
    assert raffles.usd_rate == Decimal("0.150000")
    assert raffles.usd_rate_date == date(2021, 10, 26)
    assert raffles.signed_date is None
    assert [source.published_on for source in raffles.sources.all()] == [date(2021, 10, 26)]


def test_liangjiang_headline_figures_with_their_share_of_chongqing():
    load_demo()

    projects = ReportedFigure.objects.get(metric="projects_signed", share_percent__isnull=False)
    assert (projects.value, projects.unit, projects.share_percent, projects.share_scope) == (
        Decimal("44.00"),
        "count",
        Decimal("24.00"),
        "chongqing",
    )
    assert projects.counted_since == date(2015, 1, 1)
    assert projects.as_of is None
    amount = ReportedFigure.objects.get(metric="contract_amount", share_percent__isnull=False)
    assert (amount.value, amount.unit, amount.share_percent) == (Decimal("10980000000.00"), "USD", Decimal("44.00"))
    assert amount.source == projects.source


def test_dates_are_only_those_the_sources_state():
    load_demo()

    assert Project.objects.filter(signed_date__isnull=False).count() == 0
    assert list(
        Project.objects.filter(operation_start_date__isnull=False).values_list(
            "slug", "operation_start_date", "operation_start_date_precision"
        )
    ) == [("international-data-channel", date(2019, 1, 1), "year")]
    assert [
        (record.slug, record.established_date, record.established_date_precision)
        for model in (Zone, Organization)
        for record in model.objects.filter(established_date__isnull=False)
    ] == [
        ("international-data-channel", date(2019, 1, 1), "year"),
        ("nus-chongqing-research-institute", date(2019, 1, 1), "year"),
    ]
    assert sorted(
        ReportedFigure.objects.filter(counted_since__isnull=False).values_list(
            "metric", "counted_since", "counted_since_precision"
        )
    ) == [
        ("companies_incubated", date(2020, 1, 1), "year"),
        ("contract_amount", date(2015, 1, 1), "year"),
        ("enterprises", date(2019, 1, 1), "year"),
        ("projects_signed", date(2015, 1, 1), "year"),
    ]
    nus = Project.objects.get(slug="nus-chongqing-research-institute")
    assert list(nus.milestones.values_list("date", "date_precision")) == [
        (date(2019, 1, 1), "year"),
        (date(2020, 1, 1), "year"),
    ]
    centre = Project.objects.get(slug="multimodal-distribution-connectivity-center")
    assert centre.status == "implementation"
    assert centre.milestones.count() == 0
    assert centre.zone.name_zh == "果园港"


def test_a_fresh_database_gets_the_same_identifiers():
    load_demo()

    assert Project.objects.get(slug="raffles-city-chongqing").public_id == "CCI-2026-0001"
    assert Project.objects.get(slug="wulong-international-tourism-destination").public_id == "CCI-2026-0022"


def test_articles_link_to_the_demo_projects_they_report():
    load_demo()

    article = Article.objects.get(slug="a-new-five-year-plan-for-the-cci")
    assert article.published_on == date(2026, 11, 5)
    assert article.source_published_on == date(2021, 10, 26)
    assert sorted(article.projects.values_list("slug", flat=True)) == [
        "overall-development-plan-2021-2025",
        "raffles-city-chongqing",
    ]
    assert Article.objects.get(slug="four-areas-and-four-schemes-in-the-2022-work-report").projects.count() == 14


def test_a_missing_scheme_stops_the_load_with_a_clear_message_and_creates_nothing():
    Scheme.objects.filter(code="culture-tourism").delete()

    with pytest.raises(CommandError, match="schemes missing \\(run migrate first\\): culture-tourism"):
        load_demo()

    assert counts() == dict.fromkeys(DEMO_COUNTS, 0)


def test_every_demo_project_and_article_has_a_chinese_title():
    call_command("load_demo", stdout=StringIO())
    assert list(Project.objects.filter(title_zh="").values_list("title_en", flat=True)) == []
    assert list(Article.objects.filter(title_zh="").values_list("title_en", flat=True)) == []
    assert list(Zone.objects.filter(name_zh="").values_list("name_en", flat=True)) == []
    assert list(ReportedFigure.objects.filter(label_zh="").values_list("label_en", flat=True)) == []
    assert list(Organization.objects.filter(name_zh="").values_list("name_en", flat=True)) == []
    assert Organization.objects.get(slug="block71").name_zh == "BLOCK71"  # it has no Chinese name


def test_the_demo_records_history_says_the_demo_loader_made_them():
    load_demo()

    raffles = Project.objects.get(slug="raffles-city-chongqing")
    plan = Project.objects.get(slug="overall-development-plan-2021-2025")
    assert [
        (h.history_type, h.history_user, h.history_change_reason)
        for record in (raffles, raffles.participations.get(), plan.milestones.get())
        for h in record.history.all()
    ] == [("+", None, "Loaded demo data")] * 3
    assert (raffles.participations.get().organization.slug, plan.milestones.get().title_en) == (
        "capitaland-group",
        "Plan released by Chongqing and Singapore",
    )


def test_a_fixture_row_the_import_refuses_stops_the_load_naming_the_file_and_row(tmp_path, monkeypatch):
    for fixture in demo.FIXTURES.glob("*.csv"):
        shutil.copy(fixture, tmp_path)
    projects = tmp_path / "projects.csv"
    projects.write_text(projects.read_text(encoding="utf-8").replace(",CNY,", ",RMB,"), encoding="utf-8")
    monkeypatch.setattr(demo, "FIXTURES", tmp_path)

    with pytest.raises(CommandError) as refused:
        load_demo()

    assert str(refused.value) == (
        "projects.csv: row 1: {'currency': ['“RMB” is not one of the accepted values: USD, CNY, SGD.']}"
    )

    assert counts() == dict.fromkeys(DEMO_COUNTS, 0)
