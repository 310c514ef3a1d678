"""The strict Content-Security-Policy (no inline script or style, no eval) breaks no page: Chromium
reports no violation on the public site, the admin with its import preview, and the API docs."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from projects.models import Project
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "projects.csv"
# Recorded by the page itself before any of its own scripts run (init scripts are not subject to the page's CSP).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page: Page) -> Page:
    """The page, recording every CSP violation of each page it loads."""
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page: Page) -> list[str]:
    """The violations the page in the tab reported since it loaded."""
    return page.evaluate("window.__violations")


def visit(page: Page, path: str) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return violations(page)


def test_no_public_page_breaks_the_policy(watched: Page):
    call_command("load_demo", verbosity=0)
    project = Project.objects.published().order_by("public_id").first()
    paths = [
        "/",
        "/projects/",
        "/projects/?focus_area=aviation&ordering=-amount_usd",
        project.get_absolute_url(),
        "/news/",
        "/search/?q=logistics",
        "/stats/",
        "/data/",
        "/about/",
        "/zh-hans/",
        "/zh-hans/projects/",
    ]
    assert {path: visit(watched, path) for path in paths} == {path: [] for path in paths}
    # The policy is really there: an inline script added to the page is refused and reported.
    watched.evaluate("() => document.body.append(Object.assign(document.createElement('script'), {textContent: '1'}))")
    watched.wait_for_timeout(200)
    assert any(report.startswith("script-src-elem inline") for report in violations(watched))


def test_the_admin_and_its_import_preview_work_under_the_policy(watched: Page):
    call_command("load_demo", verbosity=0)
    make_staff("publisher", username="li.na")
    watched.goto("/admin/login/?next=/admin/")
    watched.fill("#id_username", "li.na")
    watched.fill("#id_password", PASSWORD)
    watched.click("input[type=submit]")
    expect(watched.locator("#site-name")).to_be_visible()

    project = Project.objects.order_by("public_id").first()
    paths = [
        "/admin/",
        "/admin/projects/project/",
        "/admin/projects/project/add/",
        f"/admin/projects/project/{project.pk}/change/",
        f"/admin/projects/project/{project.pk}/history/",
        "/admin/projects/project/import/",
        "/admin/projects/project/export/",
    ]
    assert {path: visit(watched, path) for path in paths} == {path: [] for path in paths}
    # The change form's own scripts ran: its autocomplete boxes are drawn (test_admin_browser.py
    # goes on to use them, under the same policy).
    watched.goto(f"/admin/projects/project/{project.pk}/change/")
    expect(watched.locator("#id_focus_area + .select2")).to_be_visible()

    watched.goto("/admin/projects/project/import/")
    watched.set_input_files("#id_import_file", str(SAMPLE))
    watched.select_option("#id_format", label="csv")
    watched.locator("input[type=submit]").first.click()
    watched.wait_for_load_state("networkidle")
    expect(watched.locator("table.import-preview")).to_be_visible()
    assert violations(watched) == []


def test_the_api_docs_run_under_the_policy(watched: Page):
    assert visit(watched, "/api/v1/docs/") == []
    expect(watched.locator(".swagger-ui .info .title")).to_contain_text("CCI Portal API")
