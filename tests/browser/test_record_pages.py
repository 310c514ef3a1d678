"""An investor reads how complete a record is and what changed on it, browses the directory and
prints a project, at desk and phone sizes, in both languages, on the demo data; screenshots are saved
for review."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect

from projects.models import Project
from tests.browser.conftest import SCREENSHOTS, browser_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desk": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LANGUAGES = {"en": ("", "en-US"), "zh": ("/zh-hans", "zh-CN")}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"record-pages-{name}.png"), full_page=True)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_says_what_we_know_what_is_missing_and_what_changed(
    browser: Browser, live_server, demo, language, size
):
    prefix, locale = LANGUAGES[language]
    project = Project.objects.get(public_id="CCI-2026-0003")
    held = bin(project.known_facts).count("1")
    with browser_page(browser, live_server, locale=locale) as page:
        page.set_viewport_size(SIZES[size])
        page.goto(f"{prefix}/projects/CCI-2026-0003/")
        quality = page.get_by_test_id("record-quality")
        expect(quality).to_be_visible()
        expected = (
            f"{held} of 6 key facts ({project.completeness}%)"
            if language == "en"
            else f"6 项关键信息中已有 {held} 项（{project.completeness}%）"
        )
        expect(page.get_by_test_id("completeness")).to_have_text(expected)
        expect(page.get_by_test_id("facts-missing").locator("li")).to_have_count(6 - held or 1)
        log = page.get_by_test_id("change-log")
        expect(log.get_by_test_id("change").first).to_have_text(
            "First published in the registry." if language == "en" else "首次在项目库中发布。"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        quality.scroll_into_view_if_needed()
        shoot(page, f"quality-history-{language}-{size}")

        page.emulate_media(media="print")
        header = page.get_by_test_id("print-header")
        expect(header).to_be_visible()
        expect(header).to_contain_text(f"{live_server.url}{prefix}/projects/CCI-2026-0003/")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        expect(header.locator("time")).to_have_attribute(
            "datetime", page.evaluate("new Date().toISOString().slice(0, 10)")
        )
        page.emulate_media(media="screen")
        expect(header).to_be_hidden()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_directory_indexes_lead_to_their_records(browser: Browser, live_server, demo, language, size):
    prefix, locale = LANGUAGES[language]
    with browser_page(browser, live_server, locale=locale) as page:
        page.set_viewport_size(SIZES[size])
        page.goto(f"{prefix}/organizations/?country=SG")
        rows = page.get_by_test_id("directory-row")
        expect(rows.first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shoot(page, f"partners-{language}-{size}")
        rows.first.get_by_role("link").click()
        crumbs = page.get_by_role("navigation", name="Breadcrumbs" if language == "en" else "面包屑导航")
        expect(crumbs.get_by_role("link").nth(1)).to_have_text("Partners" if language == "en" else "合作伙伴")
