"""An editor reads an import's errors in a real browser at 1366 px, in English and in Chinese: listed
above the preview, nothing to hover, and the page no wider than the window."""

import pytest
from playwright.sync_api import Page, expect

from tests.admin_client import csv_bytes
from tests.browser.conftest import browser_page
from tests.factories import PASSWORD, make_organization, make_staff
from tests.projects.test_import import project_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


LANGUAGES = {
    # language: (browser locale, URL prefix, the error as listed, the list's title)
    "en": ("en-US", "", "2currencyRMB“RMB” is not one of the accepted values: USD, CNY, SGD.", "1 error to correct"),
    "zh-hans": ("zh-CN", "/zh-hans", "2currencyRMB“RMB”不是可接受的值之一：USD、CNY、SGD。", "1 处错误需要更正"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_editor_reads_every_error_of_a_bad_file_without_hovering(browser, live_server, tmp_path, language):
    locale, prefix, error, title = LANGUAGES[language]
    with browser_page(browser, live_server, locale=locale) as page:
        _read_the_errors(page, prefix, error, title, tmp_path)


def _read_the_errors(page: Page, prefix: str, error: str, title: str, tmp_path) -> None:
    make_staff("editor", username="mei.lin")
    make_organization(slug="gds")
    rows = [
        project_row(slug="first", title_en="First"),
        project_row(slug="second", currency="RMB", description_en="A long description " * 40),
    ]
    bad_file = tmp_path / "projects.csv"
    bad_file.write_bytes(csv_bytes(rows))
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto(f"{prefix}/admin/login/?next={prefix}/admin/projects/project/import/")
    page.fill("#id_username", "mei.lin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.set_input_files("#id_import_file", str(bad_file))
    page.select_option("#id_format", label="csv")
    page.click("input[type=submit]")

    errors = page.locator("[data-testid=import-errors] tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first).to_have_text(error)
    expect(page.locator("#import-errors-title")).to_have_text(title)
    expect(page.locator("[data-testid=import-errors-csv]")).to_be_visible()
    # The error list comes before the library's own table, and the page keeps the window's width.
    assert (
        page.locator("[data-testid=import-errors]").bounding_box()["y"]
        < page.locator("table.import-preview, #content-main table:not([data-testid])").last.bounding_box()["y"]
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
