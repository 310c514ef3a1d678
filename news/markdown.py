"""Article bodies: Markdown rendered to HTML, then sanitised against an explicit allow-list.

Staff write the Markdown, but a pasted snippet can carry anything, so nothing outside the
allow-list below reaches a visitor: no script, style, iframe or image, no event handler
(``onclick``...), no inline ``style`` and no URL outside http, https and mailto.
"""

import xml.etree.ElementTree as etree

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "b",
        "i",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"
_HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style", "iframe", "noscript", "template"},
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


class _HeadingShift(Treeprocessor):
    """Start the body's headings at ``<h2>``, keeping their relative levels: the page's ``<h1>`` is the
    article's title, and headings must not skip a level below it."""

    def run(self, root: etree.Element) -> None:
        headings = [element for element in root.iter() if element.tag in _HEADING_LEVELS]
        if not headings:
            return
        shift = 2 - min(_HEADING_LEVELS[element.tag] for element in headings)
        for element in headings:
            element.tag = f"h{min(_HEADING_LEVELS[element.tag] + shift, 6)}"


class _HeadingShiftExtension(Extension):
    """Registers the heading shift with Python-Markdown."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_HeadingShift(md), "cci_heading_shift", 5)


def render_markdown(text: str | None) -> SafeString:
    """The Markdown ``text`` as sanitised HTML, safe to put in a page as it is."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(text, extensions=["sane_lists", "tables", "fenced_code", _HeadingShiftExtension()])
    return mark_safe(_cleaner.clean(html).strip())  # nh3 has just sanitised it
