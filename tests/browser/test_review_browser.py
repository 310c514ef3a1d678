"""Review in a real browser, in English and in Chinese: an editor proposes a change to a published project,
the public page keeps the published title, a publisher finds it in the queue and approves it; a second
proposal is rejected with a reason, which the editor reads on the project's page."""

import pytest
from playwright.sync_api import Page, expect

from core.models import Revision
from projects.models import Project
from tests.browser.conftest import browser_page
from tests.factories import PASSWORD, make_project, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {
    # language: (browser locale, URL prefix, the title field the reader sees, words of the page)
    "en": (
        "en-US",
        "",
        "title_en",
        {"approved": "Approved: “", "rejected": "rejected by publisher-user on", "awaiting": "Awaiting review: 1"},
    ),
    "zh-hans": (
        "zh-CN",
        "/zh-hans",
        "title_zh",
        {"approved": "已批准：“", "rejected": "驳回", "awaiting": "待审核：1 项修改"},
    ),
}


def _log_in(page: Page, prefix: str, username: str) -> None:
    page.context.clear_cookies()  # whoever was signed in is signed out
    page.goto(f"{prefix}/admin/login/?next={prefix}/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def _propose(page: Page, prefix: str, project: Project, field: str, title: str, note: str) -> None:
    page.goto(f"{prefix}/admin/projects/project/{project.pk}/change/")
    expect(page.get_by_test_id("review-note")).to_be_visible()
    page.fill(f"#id_{field}", title)
    page.fill("#id_review_note", note)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_editor_proposes_a_publisher_approves_one_change_and_rejects_another(browser, live_server, language):
    locale, prefix, field, words = LANGUAGES[language]
    make_staff("editor", username="mei.lin")
    make_staff("publisher", username="publisher-user")
    project = make_project(title_en="Guoyuan Port rail link", title_zh="果园港铁路联络线")
    public_page = f"{prefix}{project.get_absolute_url().removeprefix('/zh-hans')}"
    old, new = getattr(project, field), getattr(project, field) + " (II)"

    with browser_page(browser, live_server, locale=locale) as page:
        _log_in(page, prefix, "mei.lin")
        _propose(page, prefix, project, field, new, "Phase two.")
        page.goto(public_page)
        expect(page.locator("h1")).to_have_text(old)

        _log_in(page, prefix, "publisher-user")
        expect(page.get_by_test_id("dashboard-review")).to_contain_text(words["awaiting"])
        page.goto(f"{prefix}/admin/core/revision/")
        row = page.locator("#result_list tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Phase two.")
        row.locator("a", has_text=project.public_id).click()
        pending = page.get_by_test_id("pending-revision")
        expect(pending.locator("tbody tr")).to_have_count(1)
        expect(pending.locator("tbody td del")).to_have_text(old)
        expect(pending.locator("tbody td ins")).to_have_text(new)
        pending.locator("button[value=approve]").click()
        expect(page.locator(".messagelist .success")).to_contain_text(words["approved"])
        page.goto(public_page)
        expect(page.locator("h1")).to_have_text(new)

        _log_in(page, prefix, "mei.lin")
        _propose(page, prefix, project, field, new + " (III)", "Phase three.")
        _log_in(page, prefix, "publisher-user")
        page.goto(f"{prefix}/admin/projects/project/{project.pk}/change/")
        page.fill("input[name=reason]", "No source for phase three yet.")
        page.locator("button[value=reject]").click()

        _log_in(page, prefix, "mei.lin")
        page.goto(f"{prefix}/admin/projects/project/{project.pk}/change/")
        decisions = page.get_by_test_id("review-decisions")
        expect(decisions).to_contain_text("No source for phase three yet.")
        expect(decisions).to_contain_text(words["rejected"])
        page.goto(public_page)
        expect(page.locator("h1")).to_have_text(new)

    assert list(Revision.objects.order_by("pk").values_list("status", flat=True)) == ["approved", "rejected"]
    assert getattr(Project.objects.get(pk=project.pk), field) == new
