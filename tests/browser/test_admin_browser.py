"""An editor at work in a real browser: log in, add a project with two participants, find the draft."""

import pytest
from playwright.sync_api import Page, expect

from projects.models import Project
from tests.factories import PASSWORD, make_organization, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose_in_autocomplete(page: Page, select_id: str, search: str, option: str) -> None:
    """Open the autocomplete box of ``select_id``, type ``search`` and pick ``option``."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()
    expect(page.locator(f"#select2-{select_id}-container")).to_have_attribute("title", option)


def test_an_editor_adds_a_project_with_two_participants_and_finds_it_as_a_draft(page: Page, screenshot):
    make_staff("editor", username="mei.lin")
    make_organization(slug="cq-port", name_en="Chongqing Port Logistics Group", name_zh="重庆港务物流集团")
    make_organization(slug="pil", name_en="Pacific International Lines", name_zh="太平船务")

    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "mei.lin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()

    page.goto("/admin/projects/project/add/")
    page.fill("#id_title_en", "Chongqing Cold Chain Logistics Hub")
    page.fill("#id_title_zh", "重庆冷链物流枢纽")
    expect(page.locator("#id_slug")).to_have_value("chongqing-cold-chain-logistics-hub")
    choose_in_autocomplete(page, "id_focus_area", "logistics", "Transport and logistics")
    page.select_option("#id_status", "preparation")
    page.fill("#id_signed_date", "2021-10-26")

    choose_in_autocomplete(page, "id_participations-0-organization", "港务", "Chongqing Port Logistics Group")
    page.select_option("#id_participations-0-role", "accountable")
    page.locator("#participations-group .add-row a").click()
    choose_in_autocomplete(page, "id_participations-1-organization", "Pacific", "Pacific International Lines")
    page.select_option("#id_participations-1-role", "operator")
    page.fill("#id_participations-1-position", "1")
    screenshot("form")
    page.click("input[name=_save]")

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    assert page.url.endswith("/admin/projects/project/")
    row = page.locator("#result_list tbody tr", has_text="Chongqing Cold Chain Logistics Hub")
    expect(row).to_have_count(1)
    expect(row.locator("td.field-public_id, th.field-public_id")).to_have_text("CCI-2021-0001")
    expect(row.locator("td.field-is_published img")).to_have_attribute("alt", "False")
    screenshot("changelist")

    project = Project.objects.get(public_id="CCI-2021-0001")
    assert project.is_published is False
    assert [(p.organization.slug, p.role) for p in project.participations.order_by("position")] == [
        ("cq-port", "accountable"),
        ("pil", "operator"),
    ]
