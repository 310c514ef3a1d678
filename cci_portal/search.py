"""Site search: one box over the published projects, organizations, zones and articles.

A record matches by the site's one search rule (:mod:`core.search`); the typo-tolerant match is
tried for a type only when the exact rule finds nothing of it, so a correct name is never
drowned by records that merely share a word with it.

One query per type (two where the typo-tolerant match is tried), whatever the number of
matches; the number of matches beyond the first ``limit_per_type`` comes from a count subquery in
the same statement.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.search import SearchHeadline
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Q, Value
from django.db.models.functions import Concat
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from core.localization import CHINESE, reader_language
from core.querysets import search_names, search_rank
from core.search import (
    SEARCH_CONFIG,
    SEARCH_MAX_LENGTH,
    SearchPlan,
    chinese_highlight,
    has_cjk,
    is_plain,
    normalize_query,
    search_plan,
)
from news.models import Article
from projects.models import Organization, Project, Zone

MARK_START, MARK_STOP = "<mark>", "</mark>"
_ESCAPED_MARK_START, _ESCAPED_MARK_STOP = escape(MARK_START), escape(MARK_STOP)
# Markdown punctuation and link targets, blanked out of article bodies before a snippet is cut.
_MARKDOWN_SYNTAX = r"\]\([^)]*\)|[#*_`>\[\]|]+"


class SearchForm(forms.Form):
    """Validates the search box: one free-text field of at most 200 characters (the template draws it)."""

    q = forms.CharField(
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Search for at most %(limit_value)d characters (your search has %(show_value)d). Try fewer words."
            ),
        },
    )


@dataclass(frozen=True)
class SearchHit:
    """One record found: its title in the visitor's language, its page and a highlighted snippet."""

    kind: str
    record: models.Model
    snippet: SafeString

    @property
    def title(self) -> str:
        return self.record.title if self.kind in {"project", "article"} else self.record.name

    @property
    def url(self) -> str:
        if self.kind == "organization":
            return reverse("projects:organization-detail", args=[self.record.slug])
        if self.kind == "zone":
            return reverse("projects:zone-detail", args=[self.record.slug])
        return self.record.get_absolute_url()


@dataclass(frozen=True)
class SearchGroup:
    """The hits of one type, best first, and how many records of that type match in all."""

    kind: str
    label: str
    hits: list[SearchHit] = field(default_factory=list)
    count: int = 0

    @property
    def is_truncated(self) -> bool:
        return self.count > len(self.hits)


@dataclass(frozen=True)
class SearchResults:
    """What a search found, grouped by type in the order the page shows them."""

    query: str
    projects: SearchGroup
    organizations: SearchGroup
    zones: SearchGroup
    articles: SearchGroup

    @property
    def groups(self) -> tuple[SearchGroup, ...]:
        return (self.projects, self.organizations, self.zones, self.articles)

    @property
    def total(self) -> int:
        """All matching records, including those beyond the shown limit."""
        return sum(group.count for group in self.groups)


@dataclass(frozen=True)
class _Target:
    """How one model is searched: its published records, the fields a hit shows and its snippet text."""

    kind: str
    model: type[models.Model]
    fields: tuple[str, ...]
    snippet_source: Callable[[], models.Expression]
    # The Chinese texts a snippet is cut from for a Chinese query or reader, best first.
    chinese_snippet_fields: tuple[str, ...] = ()
    # Also any part of the English name, as the API's lists of zones and partners search ("sing").
    name_substring: bool = False

    @property
    def label(self) -> str:
        return self.model._meta.verbose_name_plural

    @property
    def name_en(self) -> str:
        return search_names(self.model)[0]

    def published(self) -> models.QuerySet:
        return self.model.objects.published()


def _plain_markdown(field_name: str) -> models.Func:
    return models.Func(
        F(field_name),
        Value(_MARKDOWN_SYNTAX),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )


def _joined(*parts) -> Concat:
    pieces = []
    for part in parts:
        if pieces:
            pieces.append(Value(" "))
        pieces.append(part)
    return Concat(*pieces, output_field=models.TextField())


_TARGETS = (
    _Target(
        "project",
        Project,
        ("public_id", "slug", "title_en", "title_zh", "summary_zh", "description_zh"),
        lambda: _joined(F("summary_en"), F("description_en")),
        ("summary_zh", "description_zh"),
    ),
    _Target(
        "organization",
        Organization,
        ("slug", "name_en", "name_zh", "description_zh"),
        lambda: F("description_en"),
        ("description_zh",),
        name_substring=True,
    ),
    _Target(
        "zone",
        Zone,
        ("slug", "name_en", "name_zh", "description_zh"),
        lambda: F("description_en"),
        ("description_zh",),
        name_substring=True,
    ),
    _Target(
        "article",
        Article,
        ("slug", "title_en", "title_zh", "summary_zh", "body_zh"),
        lambda: _joined(F("summary_en"), _plain_markdown("body_en")),
        ("summary_zh", "body_zh"),
    ),
)


def safe_headline(headline: str) -> SafeString:
    """Escape a ``ts_headline`` result, then restore only the exact ``<mark>`` tags it added.

    The source text is user-controlled: ``ts_headline`` drops well-formed tags but copies any other
    markup (``<img src=x onerror=...`` cut short, a stray ``<``) verbatim. Whitespace is folded.
    """
    escaped = escape(" ".join(headline.split()))
    return mark_safe(escaped.replace(_ESCAPED_MARK_START, MARK_START).replace(_ESCAPED_MARK_STOP, MARK_STOP))


def _snippet(target: _Target, record, plan: SearchPlan) -> SafeString:
    """The English headline, or for a Chinese query or reader the Chinese text with the query's words marked."""
    english = safe_headline(record.headline)
    if not (has_cjk(plan.query) or reader_language() == CHINESE):
        return english
    texts = [getattr(record, name) for name in target.chinese_snippet_fields]
    chinese = chinese_highlight([text for text in texts if text], plan.highlighted)
    if chinese and (MARK_START in chinese or MARK_START not in english):
        return chinese
    return english


def _search_target(target: _Target, query: str, *, limit: int) -> SearchGroup:
    """The best ``limit`` published records of one type matching ``query``.

    One database query; a second, typo-tolerant one only when the first finds nothing, so a
    correct name is never drowned by records that merely share a word with it.
    """
    group = _search_target_once(target, query, limit=limit, fuzzy=False)
    if not group.count and is_plain(query):
        group = _search_target_once(target, query, limit=limit, fuzzy=True)
    return group


class _MatchCount(models.Subquery):
    """How many rows a query returns, as a scalar subquery the database runs once for the whole statement."""

    template = "(SELECT count(*) FROM (%(subquery)s) AS matched)"
    output_field = models.IntegerField()


def _search_target_once(target: _Target, query: str, *, limit: int, fuzzy: bool) -> SearchGroup:
    plan = search_plan(query)
    matching = target.published().search(query, fuzzy=fuzzy, name_substring=target.name_substring)
    if not fuzzy:
        matching = matching.annotate(similarity=Value(0.0, output_field=FloatField()))
    full_text = Q(search_vector=plan.english)
    if plan.chinese is not None:
        full_text |= Q(search_vector_zh=plan.chinese)
    records = (
        matching.only(*target.fields)
        .annotate(
            full_text_match=ExpressionWrapper(full_text, output_field=BooleanField()),
            rank=search_rank(target.model, plan),
            headline=SearchHeadline(
                target.snippet_source(),
                plan.english,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
            # Counted apart from the ranked rows: a window count over every match would carry
            # their snippet text along (spilling to disk at 20,000 matches) only to keep 20.
            match_count=_MatchCount(matching.order_by().values("pk")),
        )
        .order_by(F("full_text_match").desc(), F("rank").desc(), F("similarity").desc(), target.name_en, "pk")[:limit]
    )
    records = list(records)
    hits = [SearchHit(kind=target.kind, record=record, snippet=_snippet(target, record, plan)) for record in records]
    return SearchGroup(kind=target.kind, label=target.label, hits=hits, count=records[0].match_count if records else 0)


def site_search(query: str, *, limit_per_type: int = 20) -> SearchResults:
    """Published projects, organizations, zones and articles matching ``query``, best first.

    Four database queries for a non-empty query (one more for each type where only a
    typo-tolerant match finds something), none for an empty one.
    """
    query = normalize_query(query)
    if query:
        groups = {target.kind: _search_target(target, query, limit=limit_per_type) for target in _TARGETS}
    else:
        groups = {target.kind: SearchGroup(kind=target.kind, label=target.label) for target in _TARGETS}
    return SearchResults(
        query=query,
        projects=groups["project"],
        organizations=groups["organization"],
        zones=groups["zone"],
        articles=groups["article"],
    )


def search_view(request):
    """The search page: a hint without a query, results grouped by type, 400 for a refused query."""
    form = SearchForm(request.GET, auto_id="search-page-%s")
    raw_query = request.GET.get("q", "")
    context = {"form": form, "search_query": raw_query, "results": None}
    if not form.is_valid():
        return render(request, "search.html", context, status=400)
    query = normalize_query(form.cleaned_data["q"])
    if query:
        context["results"] = site_search(query)
    return render(request, "search.html", context)
