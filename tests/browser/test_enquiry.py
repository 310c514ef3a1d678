"""A reader asks the bureau about a project from its page, at desk and phone sizes, in both
languages, and sees the thank-you page; a bot that fills the honeypot is thanked and forgotten."""

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from cci_portal.models import Enquiry
from tests.browser.conftest import SCREENSHOTS, browser_page
from tests.factories import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desk": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Each language: its path prefix, the browser's locale, the form's labels and the thank-you heading.
LANGUAGES = {
    "en": (
        "",
        "en-US",
        ("Your name", "Your email address", "Your question", "Send the enquiry"),
        "Thank you for your enquiry",
    ),
    "zh": ("/zh-hans", "zh-CN", ("您的姓名", "您的电子邮件地址", "您的问题", "提交咨询"), "感谢您的咨询"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_asks_about_a_project_and_is_thanked(browser: Browser, live_server, language, size):
    prefix, locale, (name, email, question, send), thanks = LANGUAGES[language]
    make_project(public_id="CCI-2020-0042", title_en="Chongqing logistics hub", title_zh="重庆物流枢纽")
    with browser_page(browser, live_server, locale=locale) as page:
        page.set_viewport_size(SIZES[size])
        page.goto(f"{prefix}/projects/CCI-2020-0042/")
        form = page.get_by_test_id("enquiry")
        form.get_by_label(name).fill("Tan Wei Ling")
        form.get_by_label(email).fill("weiling@example.sg")
        form.get_by_label(question).fill("Which berth does the hub use?")
        box = form.get_by_role("button", name=send).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size]["width"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"enquiry-{language}-{size}-form.png"), full_page=True)
        form.get_by_role("button", name=send).click()

        expect(page.get_by_test_id("thanks")).to_have_text(thanks)
        assert page.url == f"{live_server.url}{prefix}/contact/thanks/"
        page.screenshot(path=str(SCREENSHOTS / f"enquiry-{language}-{size}-thanks.png"), full_page=True)

    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email, enquiry.project.public_id, enquiry.language) == (
        "Tan Wei Ling",
        "weiling@example.sg",
        "CCI-2020-0042",
        "en" if language == "en" else "zh-hans",
    )
    assert [message.to for message in mail.outbox] == [["weiling@example.sg"]]


def test_a_bot_that_fills_the_honeypot_is_thanked_and_nothing_is_kept(browser: Browser, live_server):
    make_project(public_id="CCI-2020-0042")
    with browser_page(browser, live_server, locale="en-US") as page:
        page.goto("/projects/CCI-2020-0042/")
        trap = page.locator("#enquiry-website")
        # No person sees or tabs to it; a bot that fills every input does.
        hidden = page.locator('[data-testid="enquiry"] [aria-hidden="true"]').bounding_box()
        assert (hidden["width"], hidden["height"]) == (1, 1)
        assert trap.get_attribute("tabindex") == "-1"
        form = page.get_by_test_id("enquiry")
        form.get_by_label("Your name").fill("Bot")
        form.get_by_label("Your email address").fill("bot@example.com")
        form.get_by_label("Your question").fill("Cheap offers")
        trap.fill("http://spam.example", force=True)
        form.get_by_role("button", name="Send the enquiry").click()

        expect(page.get_by_test_id("thanks")).to_have_text("Thank you for your enquiry")

    assert Enquiry.objects.count() == 0
    assert mail.outbox == []
