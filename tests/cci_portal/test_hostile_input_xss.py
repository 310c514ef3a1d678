"""Stored markup: a payload in every text field, saved through the admin's forms and through the API,
is shown escaped on every public page that shows the field (an article's Markdown body is
sanitised instead). tests/browser/test_stored_xss.py shows in Chromium that none of it runs."""

from dataclasses import dataclass

import pytest
from django.utils.html import escape
from rest_framework.test import APIClient

from news.models import Article
from projects.models import District, Organization, Project, ReportedFigure, Source, Zone
from tests.admin_client import (
    admin_url,
    article_form,
    district_form,
    figure_form,
    organization_form,
    project_form,
    zone_form,
)
from tests.cci_portal.test_hostile_input import body_text
from tests.factories import make_figure, make_source, make_staff

pytestmark = pytest.mark.django_db

SEARCH = "/search/?q=Harbour"
MARKDOWN_BODY = (
    "Harbour body <script>alert(2)</script> <img src=x onerror=alert(1)>\n\n"
    '[click](javascript:alert(3)) <a href="javascript:alert(4)" onclick="alert(5)">x</a> '
    '<iframe src="javascript:alert(6)"></iframe> [data](data:text/html,<script>alert(7)</script>)'
)


def payload(field: str) -> str:
    """Markup that would run if written raw: it breaks out of an attribute, loads an image that
    fails, and opens a script. ``Harbour`` is a word the search finds it by."""
    return f'Harbour {field} "><img src=x onerror=alert(1)><script>alert(2)</script>'


@dataclass(frozen=True)
class Stored:
    """A model whose text fields take payloads, the pages that show them, and how to save one."""

    model: type
    fields: tuple[str, ...]
    admin_form: callable  # (payloads) -> the add form's POST data
    api_endpoint: str | None
    api_body: callable  # (payloads) -> the API's POST body
    pages: callable  # (record) -> the public pages that show it

    def __str__(self):
        return self.model._meta.model_name


def _detail(record) -> list[str]:
    url = record.get_absolute_url()
    return [url, "/zh-hans" + url]


STORED = [
    Stored(
        Project,
        ("title_en", "title_zh", "summary_en", "summary_zh", "description_en", "description_zh"),
        lambda texts: project_form(slug="xss", is_published="on", **texts),
        "projects",
        lambda texts: {"slug": "xss", "focus_area": "ict", "status": "preparation", "is_published": True, **texts},
        lambda record: [*_detail(record), "/projects/", "/zh-hans/projects/", SEARCH],
    ),
    Stored(
        Organization,
        ("name_en", "name_zh", "description_en", "description_zh"),
        lambda texts: {**organization_form(), "slug": "xss", "is_published": "on", **texts},
        "organizations",
        lambda texts: {"slug": "xss", "country": "SG", "kind": "private", "is_published": True, **texts},
        lambda record: [*_detail(record), SEARCH],
    ),
    Stored(
        Zone,
        ("name_en", "name_zh", "description_en", "description_zh"),
        lambda texts: {**zone_form(), "slug": "xss", "is_published": "on", **texts},
        "zones",
        lambda texts: {"slug": "xss", "kind": "park", "is_published": True, **texts},
        lambda record: [*_detail(record), SEARCH],
    ),
    Stored(
        District,
        ("name_en", "name_zh", "description_en", "description_zh"),
        lambda texts: {**district_form(), "slug": "xss", **texts},
        "districts",
        lambda texts: {"slug": "xss", **texts},
        _detail,
    ),
    Stored(
        ReportedFigure,
        ("label_en", "label_zh"),
        lambda texts: {**figure_form(), "is_published": "on", **texts},
        "reported-figures",
        lambda texts: {
            **{key: value for key, value in figure_form().items() if value != ""},
            "is_published": True,
            "source": int(figure_form()["source"]),
            **texts,
        },
        lambda record: ["/stats/", "/zh-hans/stats/", "/"],
    ),
    Stored(
        Article,
        ("title_en", "title_zh", "summary_en", "summary_zh", "source_name_en", "source_name_zh"),
        lambda texts: article_form(
            slug="xss", is_published="on", body_en=MARKDOWN_BODY, body_zh=MARKDOWN_BODY, **texts
        ),
        "articles",
        lambda texts: {
            "slug": "xss",
            "published_on": "2024-03-01",
            "category": "business",
            "body_en": MARKDOWN_BODY,
            "body_zh": MARKDOWN_BODY,
            "is_published": True,
            **texts,
        },
        lambda record: [*_detail(record), "/news/", "/zh-hans/news/", SEARCH, "/"],
    ),
    Stored(
        Source,
        ("title_en", "title_zh", "publisher_en", "publisher_zh", "document_en", "document_zh"),
        lambda texts: {"url": "", "published_on": "", **texts},
        None,  # sources are not written through the API
        None,
        lambda record: ["/data/", "/zh-hans/data/"],
    ),
]


def _assert_shown_escaped(client, case: Stored, record) -> None:
    texts = {field: payload(field) for field in case.fields}
    if case.model is Source:
        make_figure(source=record)  # /data/ lists the sources that published records cite
    shown = set()
    for path in case.pages(record):
        response = client.get(path)
        html = body_text(response)
        assert response.status_code == 200, (path, html[:500])
        assert "<img src=x" not in html and "<script>alert" not in html, path
        shown |= {field for field, text in texts.items() if escape(text) in html}
    assert shown == set(case.fields)


def _assert_markdown_sanitised(client, article) -> None:
    for path in _detail(article):  # the English body, and the Chinese one
        html = body_text(client.get(path))
        body = html.split('data-testid="article-body"', 1)[1].split("</div>", 1)[0]
        for forbidden in ("<script", "<img", "<iframe", "javascript:", "data:text", "onerror", "onclick", "alert("):
            assert forbidden not in body, (path, forbidden, body)
        assert "Harbour body" in body, path


@pytest.mark.parametrize("case", STORED, ids=str)
def test_a_payload_saved_in_the_admin_is_shown_escaped(client, case):
    client.force_login(make_staff("publisher"))
    texts = {field: payload(field) for field in case.fields}

    response = client.post(admin_url(case.model, "add"), case.admin_form(texts))

    assert response.status_code == 302, body_text(response)[-3000:]
    record = case.model.objects.latest("pk")
    assert {field: getattr(record, field) for field in case.fields} == texts
    client.logout()
    _assert_shown_escaped(client, case, record)
    if case.model is Article:
        _assert_markdown_sanitised(client, record)


@pytest.mark.parametrize("case", [case for case in STORED if case.api_endpoint], ids=str)
def test_a_payload_saved_through_the_api_is_shown_escaped(case):
    api = APIClient()
    api.force_authenticate(make_staff("publisher"))
    texts = {field: payload(field) for field in case.fields}

    response = api.post(f"/api/v1/{case.api_endpoint}/", case.api_body(texts), format="json")

    assert response.status_code == 201, response.content
    record = case.model.objects.latest("pk")
    assert {field: getattr(record, field) for field in case.fields} == texts
    _assert_shown_escaped(APIClient(), case, record)
    if case.model is Article:
        _assert_markdown_sanitised(APIClient(), record)


@pytest.mark.parametrize(
    ("model", "form", "field"),
    [
        (Organization, lambda: {**organization_form(), "website": "javascript:alert(1)"}, "website"),
        (Article, lambda: article_form(source_url="javascript:alert(1)"), "source_url"),
        (
            Source,
            lambda: {"title_en": "T", "publisher_en": "P", "url": "javascript:alert(1)", "published_on": ""},
            "url",
        ),
    ],
    ids=["organization-website", "article-source", "source-url"],
)
def test_a_javascript_address_is_refused_by_the_admin(client, model, form, field):
    client.force_login(make_staff("publisher"))
    count = model.objects.count()

    response = client.post(admin_url(model, "add"), form())

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == ["Enter a valid URL."]
    assert model.objects.count() == count


def test_a_reflected_payload_in_the_search_is_escaped(client):
    make_source(title_en=payload("title"))

    html = body_text(client.get("/search/?q=" + payload("q").replace(" ", "+")[:200]))

    assert "<img src=x" not in html and "<script>alert" not in html
    assert escape(payload("q")) in html
