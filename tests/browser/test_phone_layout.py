"""At phone widths: the project list as cards, the filters folded behind one button showing the count,
charts that fit their box with readable labels, and no sideways scrolling at 320 px."""

import pytest
from playwright.sync_api import Page, expect

from projects.models import Project
from tests.browser.public_pages import load_demo_registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}


def no_sideways_scroll(page: Page) -> bool:
    """Nothing wider than the window: the page never scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_project_list_shows_cards_and_folds_the_filters(page: Page, screenshot):
    load_demo_registry()
    raffles = Project.objects.get(slug="raffles-city-chongqing")
    page.set_viewport_size(PHONE)
    page.goto("/projects/?ordering=title")

    header_box = page.locator(".projects-table thead").bounding_box()
    assert header_box is None or header_box["width"] <= 1
    card = page.get_by_test_id("project-row").filter(has_text="Raffles City Chongqing")
    assert page.evaluate("getComputedStyle(document.querySelector('[data-testid=project-row]')).display") == "block"
    assert card.inner_text().split("\n") == [
        raffles.public_id,
        "Raffles City Chongqing",
        "Business cooperation",
        "Completion",
        "—",
        "US$3.60 billion",
    ]

    toggle = page.get_by_test_id("filters-toggle")
    expect(toggle).to_have_text("Filters · 22 projects")
    expect(page.get_by_label("Words")).not_to_be_visible()
    toggle.click()
    expect(page.get_by_label("Words")).to_be_visible()
    screenshot("phone-list")


def test_desk_list_keeps_the_table_and_open_filters_that_fit(page: Page):
    load_demo_registry()
    page.goto("/projects/")
    expect(page.locator(".projects-table thead")).to_be_visible()
    expect(page.get_by_label("Words")).to_be_visible()
    panel = page.get_by_test_id("filters").bounding_box()
    for field in page.locator("input[type=date]").all():
        box = field.bounding_box()
        assert panel["x"] <= box["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"]


def test_phone_stats_charts_fit_and_read_at_12px_or_more(page: Page, screenshot):
    load_demo_registry()
    page.set_viewport_size(NARROWEST)
    page.goto("/stats/")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.bar-chart text')].map((text) =>
            parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a))"""
    )
    assert smallest >= 12
    assert no_sideways_scroll(page)
    page.set_viewport_size(PHONE)
    screenshot("phone-stats")


@pytest.mark.parametrize("path", ["/projects/", "/stats/", "project", "/zh-hans/projects/", "/zh-hans/stats/"])
def test_no_sideways_scrolling_at_320px(page: Page, path):
    load_demo_registry()
    if path == "project":
        path = Project.objects.get(slug="raffles-city-chongqing").get_absolute_url()
    page.set_viewport_size(NARROWEST)
    page.goto(path)
    assert no_sideways_scroll(page), page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth)
            .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
