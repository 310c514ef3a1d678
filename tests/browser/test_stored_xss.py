"""Stored payloads do not run in Chromium: markup saved through the API into a project's title and
summary, an organization's and a zone's description, a reported figure's label and an article's
Markdown body (script, event handlers, ``javascript:`` links) sets no ``window.__xss`` and opens no
dialog on any public page that shows it, even with the Content-Security-Policy bypassed: escaping
and the Markdown sanitiser stop them on their own, the policy is a second wall."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser
from rest_framework.test import APIClient

from tests.factories import make_source, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def runs(n: int) -> str:
    """JavaScript that would record that payload ``n`` ran."""
    return f"window.__xss={n};alert({n})"


IMAGE = f'<img src=x onerror="{runs(1)}">'
SCRIPT = f"<script>{runs(2)}</script>"
SVG = f'<svg onload="{runs(3)}"></svg>'
ATTRIBUTE = f'" autofocus onfocus="{runs(4)}" x="'
MARKDOWN = "\n\n".join(
    [
        "Harbour article body.",
        f"[a Markdown link](javascript:{runs(5)})",
        f'<a href="javascript:{runs(6)}">an HTML link</a>',
        IMAGE,
        SCRIPT,
        f'<iframe src="javascript:{runs(7)}"></iframe>',
        "[a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)",
        f'<details open ontoggle="{runs(9)}">x</details>',
    ]
)


def _store_payloads() -> dict[str, str]:
    """Save the payloads through the API, as a publisher; give the pages that show them."""
    api = APIClient()
    api.force_authenticate(make_staff("publisher"))
    published = {"is_published": True}

    def post(endpoint: str, body: dict) -> dict:
        response = api.post(f"/api/v1/{endpoint}/", {**body, **published}, format="json")
        assert response.status_code == 201, response.content
        return {**response.json(), "path": urlsplit(response.json().get("public_url", "")).path}

    organization = post(
        "organizations",
        {
            "slug": "xss-org",
            "name_en": "Harbour " + ATTRIBUTE,
            "country": "SG",
            "kind": "private",
            "description_en": SVG,
        },
    )
    zone = post(
        "zones", {"slug": "xss-zone", "name_en": "Harbour zone " + SCRIPT, "kind": "park", "description_en": IMAGE}
    )
    project = post(
        "projects",
        {
            "slug": "xss-project",
            "title_en": "Harbour " + IMAGE,
            "title_zh": "港口 " + SCRIPT,
            "summary_en": SCRIPT + ATTRIBUTE,
            "description_en": SVG,
            "focus_area": "ict",
            "status": "preparation",
            "zone": "xss-zone",
            "participants": [{"organization": "xss-org", "role": "investor"}],
        },
    )
    post(
        "reported-figures",
        {
            "label_en": "Harbour " + IMAGE,
            "metric": "projects_signed",
            "value": "44",
            "unit": "count",
            "scope": "liangjiang",
            "source": make_source(title_en=SCRIPT, publisher_en=SVG).pk,
        },
    )
    article = post(
        "articles",
        {
            "slug": "xss-article",
            "title_en": "Harbour " + SCRIPT,
            "summary_en": IMAGE,
            "body_en": MARKDOWN,
            "published_on": "2024-03-01",
            "category": "business",
            "projects": [project["id"]],
        },
    )
    return {
        "project": project["path"],
        "project in Chinese": "/zh-hans" + project["path"],
        "project list": "/projects/",
        "organization": organization["path"],
        "zone": zone["path"],
        "article": article["path"],
        "news": "/news/",
        "search": "/search/?q=Harbour",
        "home": "/",
        "statistics": "/stats/",
        "data": "/data/",
    }


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["without-the-csp", "with-the-csp"])
def test_no_stored_payload_runs_on_any_public_page(browser: Browser, live_server, bypass_csp):
    pages = _store_payloads()
    context = browser.new_context(base_url=live_server.url, bypass_csp=bypass_csp)
    context.set_default_timeout(15_000)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    ran = {}
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, (name, path)
        page.wait_for_load_state("networkidle")
        if name == "article":
            # Follow every link of the body, as a reader would; none may run anything.
            for link in page.locator('[data-testid="article-body"] a').all():
                link.click(no_wait_after=True)
        page.keyboard.press("Tab")  # the attribute payload runs on focus
        ran[name] = page.evaluate("() => window.__xss")
    context.close()

    assert ran == dict.fromkeys(pages)
    assert dialogs == []


def test_the_payloads_reach_the_pages_and_would_run_if_written_raw(browser: Browser, live_server):
    """The pages show the payloads as text, and the same markup written raw runs: the test above
    proves escaping and sanitising, not an empty page or a payload that could never run."""
    pages = _store_payloads()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(pages["project"])
    title = page.locator("h1").inner_text()
    page.goto(pages["article"])
    body = page.locator('[data-testid="article-body"]')
    text = body.inner_text()
    links = [link.get_attribute("href") for link in body.locator("a").all()]
    page.goto("about:blank")  # a document of its own, without the site's policy
    page.set_content(f"<body>{IMAGE}</body>")
    page.wait_for_function("() => window.__xss === 1")
    context.close()

    assert title == "Harbour " + IMAGE
    assert "Harbour article body." in text
    assert links and all(href is None or href.startswith(("http://", "https://", "mailto:")) for href in links)
    assert dialogs == ["1"]
