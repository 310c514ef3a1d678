"""Headless Chromium for the browser tests, driven by Playwright's sync API against the live server.

The browser is found through ``$CHROMIUM_PATH``, then ``/usr/bin/chromium`` (Debian's package),
then Playwright's own copy. When none is there the tests fail (never skip) and say how to get one:
``make browser`` (bin/ensure-browser) installs it.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses that unless told.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_executable(playwright) -> Path:
    """The first Chromium found: $CHROMIUM_PATH, /usr/bin/chromium, then Playwright's own copy."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        if not Path(configured).is_file():
            pytest.fail(f"CHROMIUM_PATH is set to {configured!r}, but there is no such file.", pytrace=False)
        return Path(configured)
    if DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    bundled = Path(playwright.chromium.executable_path)
    if bundled.is_file():
        return bundled
    pytest.fail(
        "No Chromium for the browser tests: set CHROMIUM_PATH, install Debian's chromium package "
        "(/usr/bin/chromium), or run `make browser`, which installs one.",
        pytrace=False,
    )


@pytest.fixture(autouse=True)
def _browser_tests_have_the_vocabularies(reference_vocabularies):
    """Every browser test commits, so it needs the migrated vocabularies put back (tests/conftest.py)."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_executable(playwright)), headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@contextmanager
def browser_page(browser: Browser, live_server, *, locale: str) -> Iterator[Page]:
    """A fresh page in a browser asking for ``locale``, whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A fresh English-language page whose relative URLs go to the live server."""
    with browser_page(browser, live_server, locale="en-US") as page:
        yield page


@pytest.fixture
def screenshot(page: Page, request) -> Callable[[str], Path]:
    """Save a full-page screenshot as test-artifacts/screenshots/<test>-<name>.png."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
