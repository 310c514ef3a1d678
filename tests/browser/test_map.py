"""The map of Chongqing in a real browser, at desk and phone widths, in both languages."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desk": 1366, "phone": 390}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize(
    ("prefix", "liangjiang", "heading"),
    [("", "Liangjiang New Area: 5 projects", "Projects by district"), ("/zh-hans", "两江新区：5个项目", "各区县项目")],
)
def test_the_home_map_fits_its_box_and_links_to_the_districts(
    page: Page, screenshot, demo, size, prefix, liangjiang, heading
):
    page.set_viewport_size({"width": WIDTHS[size], "height": 900})
    page.goto(f"{prefix}/")
    section = page.get_by_test_id("district-map")
    expect(section.get_by_role("heading", name=heading)).to_be_visible()
    svg = section.locator("svg.map-svg")
    box = svg.bounding_box()
    assert 300 < box["width"] <= WIDTHS[size]
    # No sideways scrolling, and the counts written on the map are at least 12 px high.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[size]
    heights = [text.bounding_box()["height"] for text in svg.locator("text.map-count").all()]
    assert heights and min(heights) >= 12
    section.scroll_into_view_if_needed()
    screenshot(f"map-{size}{prefix.replace('/', '-')}")

    section.get_by_role("link", name=liangjiang).click()
    expect(page).to_have_url(re.compile(rf"{prefix}/districts/liangjiang-new-area/$"))
    expect(page.get_by_test_id("district-map").locator("a.map-marker.district.highlighted")).to_have_count(1)


def test_the_list_map_follows_the_filters(page: Page, screenshot, demo):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/projects/?district=yuzhong")
    svg = page.get_by_test_id("district-map").locator("svg.map-svg")
    assert svg.bounding_box()["width"] > 500  # across the list's whole width, under the filters and results
    heights = [text.bounding_box()["height"] for text in svg.locator("text.map-count").all()]
    assert heights and min(heights) >= 12
    table = page.get_by_test_id("map-table")
    expect(table.get_by_role("row", name="Yuzhong District 500103 1")).to_be_visible()
    expect(table.get_by_role("row", name="Liangjiang New Area — 0")).to_be_visible()
    page.get_by_test_id("district-map").scroll_into_view_if_needed()
    screenshot("list-map")
