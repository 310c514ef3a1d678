"""The Nu HTML checker (vnu.jar, pinned in package.json) finds no error on any public page, in both
languages, on the demo data: every page is fetched with the test client, then all are checked in one
JVM start (bin/ensure-checkers installs the jar; it runs on the machine's Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.public_pages import in_both_languages, load_demo_registry, public_pages

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(files: list[Path]) -> list[dict]:
    """The errors vnu reports for ``files``, checked in one run."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            "The Nu HTML checker needs Java and node_modules/vnu-jar: run `make browser` (bin/ensure-checkers).",
            pytrace=False,
        )
    run = subprocess.run(
        [java, "-Xss1m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(run.stderr)["messages"]


def test_every_public_page_is_valid_html(client, tmp_path):
    load_demo_registry()
    files = {}
    for index, (name, path) in enumerate(in_both_languages(public_pages())):
        response = client.get(path)
        assert response.status_code == (404 if name.startswith("404") else 200), (name, path)
        file = tmp_path / f"page-{index:02d}.html"
        file.write_bytes(response.content)
        files[file] = f"{name} {path}"

    names = {"file:" + str(file): name for file, name in files.items()}
    found = [
        f"{names.get(error.get('url'), error.get('url'))}:{error.get('lastLine')}: {error['message']}"
        f" [{error.get('extract', '').strip()[:120]}]"
        for error in vnu_errors(list(files))
    ]
    assert found == [], f"{len(found)} HTML errors:\n" + "\n".join(found)


def test_the_checker_reports_an_invalid_page(tmp_path):
    """The check can fail: a span with aria-label and no role, and a bad <time datetime>."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<span aria-label="3 projects">3</span><time datetime="2026-12-01T10:00:00.123456+00:00">x</time>'
        "</body></html>"
    )
    messages = [error["message"] for error in vnu_errors([page])]
    assert len(messages) == 2, messages
