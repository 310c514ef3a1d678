"""A Chinese investor and a Chinese editor at work in a real browser, on the demo data."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from core.models import Revision
from core.review import approve
from projects.models import Project
from tests.browser.conftest import browser_page
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chinese_page(browser: Browser, live_server):
    """A page whose browser asks for Chinese."""
    with browser_page(browser, live_server, locale="zh-CN") as page:
        yield page


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_a_chinese_investor_searches_sorts_and_reads_a_project_in_chinese(chinese_page: Page, demo):
    page = chinese_page
    page.goto("/zh-hans/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")

    page.goto("/zh-hans/projects/?q=冷链")
    expect(page.get_by_role("link", name="中新（重庆）铜梁冷链物流项目", exact=True)).to_be_visible()

    page.get_by_role("link", name="中新（重庆）铜梁冷链物流项目", exact=True).click()
    project = Project.objects.get(slug="tongliang-cold-chain-logistics")
    expect(page.locator("h1")).to_have_text(project.title_zh)
    expect(page.locator("p.lead")).to_have_text(project.summary_zh)
    expect(page.locator("p.lead")).not_to_have_attribute("lang", "en")

    page.goto("/zh-hans/projects/?ordering=title")
    by_pinyin = sorted(Project.objects.published(), key=lambda record: record.title_sort_zh)
    first_titles = [record.title_zh for record in by_pinyin[:3]]
    for title in first_titles:
        expect(page.get_by_role("link", name=title, exact=True).first).to_be_visible()
    links = page.locator("main a").all_inner_texts()
    positions = [links.index(title) for title in first_titles]
    assert positions == sorted(positions)


def test_a_chinese_editor_fills_in_the_chinese_of_a_project_side_by_side(chinese_page: Page, demo):
    page = chinese_page
    make_staff("editor", username="li.hua")
    Project.objects.filter(slug="singapore-week").update(summary_zh="")

    page.goto("/zh-hans/admin/login/?next=/zh-hans/admin/")
    page.fill("#id_username", "li.hua")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    page.goto("/zh-hans/admin/projects/project/?chinese=missing")
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row.first).to_contain_text("摘要（中文）")
    row.first.locator("a").first.click()

    # The English and the Chinese summary sit on one row of the form.
    english, chinese = page.locator("#id_summary_en"), page.locator("#id_summary_zh")
    english_box, chinese_box = english.bounding_box(), chinese.bounding_box()
    assert abs(english_box["y"] - chinese_box["y"]) < 5
    assert chinese_box["x"] > english_box["x"] + english_box["width"]

    chinese.fill("每年一届的“新加坡周”在重庆举办文化活动。")
    page.fill("#id_review_note", "补上中文摘要。")
    page.click("input[name=_save]")
    # The project is published: the Chinese summary waits for a publisher (test_review_browser.py).
    expect(page.locator(".messagelist .success")).to_contain_text("正在等待发布人审核")
    page.goto("/zh-hans/admin/projects/project/?chinese=missing")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    approve(revision=Revision.objects.get(), user=make_staff("publisher"))

    page.goto("/zh-hans/admin/projects/project/?chinese=missing")
    expect(page.locator("#result_list tbody tr")).to_have_count(0)
    assert Project.objects.get(slug="singapore-week").summary_zh == "每年一届的“新加坡周”在重庆举办文化活动。"
