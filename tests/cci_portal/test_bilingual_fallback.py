"""A bilingual text with one half empty shows the other, marked with its ``lang``, on every public page that
shows it: each field of the demo data, emptied in turn, on the Chinese pages and the English ones."""

import html
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import linebreaks, strip_tags

from news.markdown import render_markdown
from news.models import Article
from projects.models import District, FocusArea, Milestone, Organization, Project, ReportedFigure, Scheme, Source, Zone

pytestmark = pytest.mark.django_db

RAFFLES = "raffles-city-chongqing"
NUS = "nus-chongqing-research-institute"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


class MarkedTexts(HTMLParser):
    """The text of every element carrying a ``lang`` attribute, by that language (the whole page's excepted)."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str | None, list[str]]] = []
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            lang = dict(attrs).get("lang") if tag != "html" else None
            self.open.append((tag, lang, []))

    def handle_endtag(self, tag):
        while self.open:
            name, lang, parts = self.open.pop()
            if self.open:
                self.open[-1][2].extend(parts)
            if lang:
                self.found.setdefault(lang, []).append(" ".join("".join(parts).split()))
            if name == tag:
                return

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


def marked(page: str, lang: str) -> list[str]:
    parser = MarkedTexts()
    parser.feed(page)
    return parser.found.get(lang, [])


def plain(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str) -> str:
    return plain(html.unescape(strip_tags(linebreaks(text))))


def markdown(text: str) -> str:
    return plain(html.unescape(strip_tags(render_markdown(text))))


@dataclass(frozen=True)
class Field:
    """A bilingual field of one demo record, and the public page that shows it."""

    record: callable  # () -> the record
    name: str
    page: callable  # record -> its page's path in English
    shown: callable = plain  # the text as the page shows it

    def path(self, language: str) -> str:
        return ("/zh-hans" if language == "zh" else "") + self.page(self.record())


def project_page(slug: str):
    return lambda record: f"/projects/{Project.objects.get(slug=slug).public_id}/"


def citing_project(source: Source) -> str:
    return f"/projects/{source.projects.order_by('public_id').first().public_id}/"


FIELDS = {
    "project-summary": Field(lambda: Project.objects.get(slug=RAFFLES), "summary", project_page(RAFFLES)),
    "project-description": Field(
        lambda: Project.objects.get(slug=RAFFLES), "description", project_page(RAFFLES), paragraphs
    ),
    "article-summary": Field(
        lambda: Article.objects.get(slug="liangjiang-counts-44-china-singapore-projects"),
        "summary",
        lambda article: f"/news/{article.slug}/",
    ),
    "article-body": Field(
        lambda: Article.objects.get(slug="liangjiang-counts-44-china-singapore-projects"),
        "body",
        lambda article: f"/news/{article.slug}/",
        markdown,
    ),
    "zone-description": Field(
        lambda: Zone.objects.get(slug="international-data-channel"), "description", lambda zone: f"/zones/{zone.slug}/"
    ),
    "organization-description": Field(
        lambda: Organization.objects.get(slug=NUS), "description", lambda org: f"/organizations/{org.slug}/"
    ),
    "district-description": Field(
        lambda: District.objects.get(slug="jiangbei"), "description", lambda district: f"/districts/{district.slug}/"
    ),
    "focus-area-description": Field(
        lambda: FocusArea.objects.get(code="ict"), "description", lambda area: f"/focus-areas/{area.code}/"
    ),
    "focus-area-description-about": Field(
        lambda: FocusArea.objects.get(code="aviation"), "description", lambda area: "/about/"
    ),
    "scheme-description": Field(
        lambda: Scheme.objects.get(code="business"), "description", lambda scheme: f"/schemes/{scheme.code}/"
    ),
    "figure-label": Field(lambda: ReportedFigure.objects.order_by("pk").first(), "label", lambda figure: "/stats/"),
    "milestone-title": Field(
        lambda: Milestone.objects.filter(project__slug=NUS).order_by("date").first(), "title", project_page(NUS)
    ),
    "source-title": Field(lambda: Source.objects.get(published_on__isnull=False), "title", citing_project),
    "source-publisher": Field(lambda: Source.objects.get(published_on__isnull=False), "publisher", citing_project),
    "source-publisher-of-a-figure": Field(
        lambda: ReportedFigure.objects.order_by("pk").first().source, "publisher", lambda source: "/stats/"
    ),
}

# The page's language, the half emptied, the half shown instead and its tag.
DIRECTIONS = {
    "zh-page-shows-english": ("zh", "zh", "en", "en"),
    "en-page-shows-chinese": ("en", "en", "zh", "zh-Hans"),
}


@pytest.mark.parametrize("direction", list(DIRECTIONS))
@pytest.mark.parametrize("field", list(FIELDS))
def test_an_empty_half_shows_the_other_language_marked_with_lang(client, demo, field, direction):
    case = FIELDS[field]
    language, emptied, shown, tag = DIRECTIONS[direction]
    record = case.record()
    text = getattr(record, f"{case.name}_{shown}")
    assert text and getattr(record, f"{case.name}_{emptied}"), "the demo record has both halves"
    type(record)._base_manager.filter(pk=record.pk).update(**{f"{case.name}_{emptied}": ""})

    response = client.get(case.path(language))

    assert response.status_code == 200
    expected = case.shown(text)
    assert [found for found in marked(response.content.decode(), tag) if found.startswith(expected)], (
        f"{expected[:60]!r} is not marked lang={tag!r} on {case.path(language)}"
    )


@pytest.mark.parametrize("field", list(FIELDS))
def test_with_both_halves_nothing_is_marked_as_the_other_language(client, demo, field):
    case = FIELDS[field]
    page = client.get(case.path("zh")).content.decode()

    expected = case.shown(getattr(case.record(), f"{case.name}_en"))
    assert not [found for found in marked(page, "en") if found.startswith(expected)]
