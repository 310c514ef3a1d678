"""axe-core (pinned in package.json, injected by Playwright) finds no violation on any public page, at a
desk (1366 px) and a phone (390 px) width, in both languages; nor on the admin's project forms, where
bureau staff spend their day."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from projects.models import Project
from tests.browser.public_pages import in_both_languages, load_demo_registry, public_pages
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desk": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def axe_page(browser: Browser, live_server):
    """One page for every check; the site's CSP forbids injected scripts, so this context bypasses it."""
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: run `make browser` (bin/ensure-checkers).", pytrace=False)
    context = browser.new_context(base_url=live_server.url, locale="en-US", bypass_csp=True)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def axe_violations(page: Page) -> list[str]:
    """Each violation axe finds on the loaded page, as "impact rule: target (summary)"."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.flatMap((rule) => rule.nodes.map((node) =>
                `${rule.impact} ${rule.id}: ${node.target.join(" ")} (${node.failureSummary.split("\\n")[1] || ""})`));
        }"""
    )
    return found


def test_every_public_page_has_no_axe_violation_at_desk_and_phone_widths(axe_page: Page):
    load_demo_registry()
    pages = in_both_languages(public_pages())
    found = []
    for size, viewport in WIDTHS.items():
        axe_page.set_viewport_size(viewport)
        for name, path in pages:
            axe_page.goto(path)
            found += [f"{name} {path} at {size} width: {violation}" for violation in axe_violations(axe_page)]
    assert found == [], f"{len(found)} axe violations:\n" + "\n".join(found)


def test_the_admin_project_forms_have_no_axe_violation_in_either_language(axe_page: Page):
    load_demo_registry()
    make_staff("publisher", username="li.wei")
    project = Project.objects.get(public_id="CCI-2026-0003")
    axe_page.goto("/admin/login/")
    axe_page.fill("#id_username", "li.wei")
    axe_page.fill("#id_password", PASSWORD)
    axe_page.click("input[type=submit]")
    found = []
    for prefix in ("", "/zh-hans"):
        for path in (f"/admin/projects/project/{project.pk}/change/", "/admin/projects/project/add/"):
            axe_page.goto(prefix + path)
            axe_page.locator("#participations-group .add-row a").click()  # a row added by the page's script
            found += [f"{prefix}{path}: {violation}" for violation in axe_violations(axe_page)]
    assert found == [], f"{len(found)} axe violations:\n" + "\n".join(found)

    # Each box says which field it is, and then what it holds.
    added = axe_page.locator("#id_participations-1-organization + .select2 [role=combobox]")
    expect(added).to_have_accessible_name("机构")
    axe_page.goto(f"/admin/projects/project/{project.pk}/change/")
    focus_area = axe_page.locator("#id_focus_area + .select2 [role=combobox]")
    # (select2's clearing cross, U+00D7, sits inside the text it shows, so Chromium reads it too.)
    expect(focus_area).to_have_accessible_name(f"Primary focus area \u00d7{project.focus_area.name_en}")
    expect(axe_page.locator("#id_participations-0-role")).to_have_accessible_name("Role")
    expect(axe_page.get_by_role("checkbox", name="Aviation")).to_be_visible()


def test_axe_reports_a_violation_it_should(axe_page: Page):
    """The check can fail: an image without alternative text is a critical violation."""
    axe_page.goto("/about/")
    axe_page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [v.split(":")[0] for v in axe_violations(axe_page)] == ["critical image-alt"]
