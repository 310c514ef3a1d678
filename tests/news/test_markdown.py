"""Article bodies: Markdown becomes HTML, and nothing outside the allow-list survives."""

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from news.markdown import render_markdown


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        pytest.param(
            "Before\n\n<script>alert(1)</script>\n\nAfter", "<p>Before</p>\n\n\n<p>After</p>", id="script-block"
        ),
        pytest.param("Photo: <img src=x onerror=alert(1)> caption", "<p>Photo:  caption</p>", id="img-onerror"),
        pytest.param(
            "Click [here](javascript:alert(1)) now",
            '<p>Click <a rel="noopener noreferrer">here</a> now</p>',
            id="javascript-link",
        ),
        pytest.param(
            '<a href="JaVaScRiPt:alert(1)">y</a>',
            '<p><a rel="noopener noreferrer">y</a></p>',
            id="javascript-mixed-case",
        ),
        pytest.param(
            'See <a href="https://example.org" onclick="x()">Example</a>.',
            '<p>See <a href="https://example.org" rel="noopener noreferrer">Example</a>.</p>',
            id="onclick",
        ),
        pytest.param('<div onmouseover="x()">Hover</div>', "Hover", id="div-onmouseover"),
        pytest.param('<p style="color: red">Red</p>', "<p>Red</p>", id="inline-style"),
        pytest.param("<style>body{display:none}</style>Visible", "<p>Visible</p>", id="style-element"),
        pytest.param('Map <iframe src="https://example.org"></iframe> end', "<p>Map  end</p>", id="iframe"),
        pytest.param(
            "[data](data:text/html;base64,PHNjcmlwdD4=)",
            '<p><a rel="noopener noreferrer">data</a></p>',
            id="data-url",
        ),
    ],
)
def test_dangerous_markup_is_removed_and_the_text_kept(markdown, html):
    rendered = render_markdown(markdown)

    assert rendered == html
    for forbidden in ("<script", "alert", "onerror", "onclick", "onmouseover", "javascript:", "style", "iframe"):
        assert forbidden not in rendered.lower()


def test_safe_markup_is_kept_and_links_get_rel():
    rendered = render_markdown(
        "# Port news\n\n"
        "The *new* route is **open**:\n\n"
        "1. Chongqing\n2. Singapore\n\n"
        "- rail\n- sea\n\n"
        'Read [the report](https://example.org/report "Report") or [write](mailto:news@example.org).'
    )

    assert rendered == (
        "<h2>Port news</h2>\n"
        "<p>The <em>new</em> route is <strong>open</strong>:</p>\n"
        "<ol>\n<li>Chongqing</li>\n<li>Singapore</li>\n</ol>\n"
        "<ul>\n<li>rail</li>\n<li>sea</li>\n</ul>\n"
        '<p>Read <a href="https://example.org/report" title="Report" rel="noopener noreferrer">the report</a>'
        ' or <a href="mailto:news@example.org" rel="noopener noreferrer">write</a>.</p>'
    )


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("# One\n## Two\n##### Five\n###### Six", "<h2>One</h2>\n<h3>Two</h3>\n<h6>Five</h6>\n<h6>Six</h6>"),
        ("## Two\n### Three", "<h2>Two</h2>\n<h3>Three</h3>"),
        ("#### Deep\n\ntext\n\n##### Deeper", "<h2>Deep</h2>\n<p>text</p>\n<h3>Deeper</h3>"),
    ],
)
def test_headings_start_at_h2_below_the_page_title_and_keep_their_levels(markdown, html):
    assert render_markdown(markdown) == html


def test_text_is_escaped_and_the_result_is_safe_for_templates():
    rendered = render_markdown("Trade up 5% & rising, 1 < 2")

    assert rendered == "<p>Trade up 5% &amp; rising, 1 &lt; 2</p>"
    assert isinstance(rendered, SafeString)
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_markdown_template_filter_renders_without_escaping_again():
    template = Template("{% load news_markdown %}<div>{{ body|markdown }}</div>")

    html = template.render(Context({"body": "**Open** <script>x()</script>"}))

    assert html == "<div><p><strong>Open</strong> </p></div>"
