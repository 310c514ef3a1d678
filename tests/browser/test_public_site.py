"""Investors in a real browser: filter, open a project, switch to Chinese, read the news,
download the list; the filter form by keyboard alone; the menu on a phone; screenshots."""

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from projects.choices import ParticipantRole
from tests.factories import focus_area, make_amount, make_article, make_figure, make_organization, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registry():
    psa = make_organization(slug="psa", name_en="PSA Singapore", name_zh="新加坡港务集团", country="SG")
    port = make_organization(slug="cq-port", name_en="Chongqing Port Group", name_zh="重庆港务集团", country="CN")
    hub = make_project(
        title_en="Guoyuan Port multimodal hub",
        title_zh="果园港多式联运中心",
        summary_en="Rail, river and road freight joined at one port.",
        focus_area=focus_area("transport-logistics"),
        signed_date=date(2019, 6, 17),
        participants=[(psa, ParticipantRole.OPERATOR), (port, ParticipantRole.ACCOUNTABLE)],
        **make_amount("500000000", "USD"),
    )
    make_project(
        title_en="Tongliang cold chain",
        title_zh="铜梁冷链物流",
        focus_area=focus_area("transport-logistics"),
        participants=[(port, ParticipantRole.IMPLEMENTING)],
    )
    make_project(title_en="Data channel", focus_area=focus_area("ict"), participants=[(psa, ParticipantRole.FUNDING)])
    article = make_article(
        slug="port-hub-opens",
        title_en="Port hub opens to freight",
        title_zh="港口枢纽开通货运",
        summary_en="The hub takes its first trains.",
        body_en="The **first** trains arrived.",
    )
    article.projects.add(hub)
    make_figure(label_en="Projects signed in Liangjiang", label_zh="两江新区签约项目")
    return hub


def test_investor_filters_opens_a_project_reads_in_chinese_and_downloads_the_list(page: Page, registry, screenshot):
    page.goto("/projects/")
    page.get_by_test_id("facet-focus_area").get_by_label("Transport and logistics").check()
    page.get_by_test_id("facet-partner_country").get_by_label("Singapore").check()
    page.get_by_role("button", name="Show projects").click()

    expect(page.get_by_test_id("result-count")).to_have_text("1 project")
    assert "focus_area=transport-logistics" in page.url and "partner_country=SG" in page.url
    screenshot("filtered-list")

    with page.expect_download() as download_info:
        page.get_by_test_id("download-csv").click()
    download = download_info.value
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
    assert [row["id"] for row in rows] == [registry.public_id]

    page.get_by_role("link", name="Guoyuan Port multimodal hub").click()
    expect(page.locator("h1")).to_have_text("Guoyuan Port multimodal hub")
    expect(page.get_by_test_id("partner").first).to_contain_text("PSA Singapore")

    page.get_by_test_id("language-zh-hans").click()
    expect(page.locator("h1")).to_have_text("果园港多式联运中心")
    assert page.url.endswith(f"/zh-hans/projects/{registry.public_id}/")
    screenshot("project-zh")

    page.get_by_role("link", name="港口枢纽开通货运").click()
    expect(page.locator("h1")).to_have_text("港口枢纽开通货运")
    assert "/zh-hans/news/port-hub-opens/" in page.url


def test_the_filter_form_works_from_the_keyboard_alone(page: Page, registry):
    page.goto("/projects/")
    page.locator("#filter-q").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.name, document.activeElement.value]")
    assert focused == ["focus_area", "transport-logistics"]
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("cold")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("result-count")).to_have_text("1 project")
    expect(page.locator(".project-title")).to_have_text(["Tongliang cold chain"])
    assert "focus_area=transport-logistics" in page.url and "q=cold" in page.url


def test_a_phone_sized_viewport_shows_a_usable_menu(browser, live_server, registry):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="Statistics")).to_be_hidden()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Statistics").click()
    expect(page.locator("h1")).to_have_text("Statistics")
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= 390
    context.close()


def test_screenshots_for_review(page: Page, registry, screenshot):
    for name, path in [
        ("home", "/"),
        ("list", "/projects/"),
        ("project", registry.get_absolute_url()),
        ("stats", "/stats/"),
        ("home-zh", "/zh-hans/"),
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert screenshot(name).stat().st_size > 10_000
