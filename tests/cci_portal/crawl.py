"""The draft-marker crawl (test_draft_crawl.py): a small registry with a draft of every public model,
and every public URL of the URL configuration, filled with the identifiers of its records.

The URLs come from walking ``get_resolver()``, so a new page or endpoint is crawled without
anyone adding it; a route whose parameters cannot be filled is listed, and the test fails.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from cci_portal.models import Release
from cci_portal.releases.services import publish_release
from core.api.filters import filterset_parameters
from core.api.renderers import CsvRenderer
from news.models import Article
from projects.breakdowns import LONG_FACETS
from projects.models import District, FocusArea, Milestone, Organization, Project, ReportedFigure, Scheme, Zone
from projects.services import project_participants_set
from tests import factories
from tests.api_client import content, key_header

# Searched for, so a page may echo it back; SECRET is never searched for and must appear nowhere.
MARKER = "quuxdraftmarker"
SECRET = "quuxdraftsecret"
LANGUAGES = ("en", "zh-hans")
# Not public surfaces: every admin URL sends a reader who is not signed-in staff to the login.
EXCLUDED_NAMESPACES = {"admin": "staff only: the admin's own tests cover who may enter"}
# Routes without a name cannot be reversed: how to reach each, by its view.
UNNAMED_ROUTES = {"cci_portal.api.views.not_found": ["/api/v1/no-such-endpoint/"]}
# A release's files crawled: one of each format, and its descriptions.
RELEASE_FILES = (
    "projects.csv",
    "participants.xlsx",
    "organizations.jsonl",
    "zones.parquet",
    "oc4ids-zh.json",
    "datapackage.json",
    "release.json",
    "SHA256SUMS",
)


@dataclass(frozen=True)
class Draft:
    """The identifiers of the drafts, fixed before they exist, so the same URLs are crawled with and without them."""

    project: str = "CCI-2019-0099"
    organization: str = "quux-draft-partner"
    zone: str = "quux-draft-zone"
    article: str = "quux-draft-article"
    project_slug: str = "quux-draft-project"
    figure: int = 990001

    @property
    def tokens(self) -> tuple[str, ...]:
        """What must not appear in an answer, unless the request itself named it."""
        return (self.project, self.project_slug, self.organization, self.zone, self.article)


DRAFT = Draft()


def draft_fields(label: str, *names: str) -> dict:
    """Text fields of a draft, each with the marker and the secret (a Chinese one, ``_zh``, in Chinese)."""
    return {
        name: f"草稿 {MARKER} {SECRET}" if name.endswith("_zh") else f"{label} {MARKER} {SECRET}" for name in names
    }


def public_registry() -> dict:
    """Published records of every kind, each page with something on it."""
    source = factories.make_source(title_en="Annual report")
    district = factories.make_district(slug="yubei", name_en="Yubei")
    zone = factories.make_zone(
        slug="liangjiang", name_en="Liangjiang", focus_area=factories.focus_area("ict"), district=district
    )
    partner = factories.make_organization(slug="psa", name_en="PSA", country="SG")
    other = factories.make_organization(slug="cq-port", name_en="Chongqing Port", country="CN")
    first = factories.make_project(
        slug="rail-hub",
        title_en="Rail hub",
        zone=zone,
        district=district,
        scheme=factories.scheme(),
        participants=[(partner, "funding"), (other, "operator")],
        **factories.make_amount("1000000"),
    )
    first.sources.add(source)
    Milestone.objects.create(project=first, date=date(2020, 1, 1), title_en="Signed", source=source)
    second = factories.make_project(
        slug="data-channel", title_en="Data channel", focus_area=factories.focus_area("ict"), status="completion"
    )
    article = factories.make_article(slug="hub-opens", title_en="Hub opens", body_en="The hub opens.")
    article.projects.add(first)
    article.organizations.add(partner)
    article.focus_areas.add(factories.focus_area())
    for area in FocusArea.objects.exclude(pk=factories.focus_area().pk):  # no empty feed, which is dated "now"
        factories.make_article(slug=f"news-of-{area.code}", title_en=f"News of {area.name_en}").focus_areas.add(area)
    factories.make_figure(label_en="Projects signed", source=source)
    publish_release()  # of the published registry: the drafts come later, and a release never changes
    return {"first": first, "second": second, "partner": partner, "zone": zone}


def add_drafts(registry: dict) -> None:
    """A draft of every public model, each linked to published records; a draft partner on a
    published project, and a draft zone as a published project's zone."""
    names = ("name_en", "name_zh", "description_en", "description_zh")
    partner = factories.make_organization(
        slug=DRAFT.organization, country="MY", is_published=False, **draft_fields("Draft partner", *names)
    )
    first = registry["first"]
    participants = [(row.organization, row.role) for row in first.participations.select_related("organization")]
    project_participants_set(project=first, participants=[*participants, (partner, "investor")], user=None)
    zone = factories.make_zone(slug=DRAFT.zone, is_published=False, **draft_fields("Draft zone", *names))
    second = registry["second"]
    second.zone = zone
    second.save()
    texts = ("title_en", "title_zh", "summary_en", "summary_zh", "description_en", "description_zh")
    project = factories.make_project(
        public_id=DRAFT.project,
        slug=DRAFT.project_slug,
        status="implementation",
        zone=registry["zone"],
        focus_area=factories.focus_area("aviation"),
        participants=[(registry["partner"], "investor")],
        is_published=False,
        **draft_fields("Draft project", *texts),
        **factories.make_amount("7777777"),
    )
    Milestone.objects.create(project=project, date=date(2021, 1, 1), **draft_fields("Signed", "title_en"))
    article = factories.make_article(
        slug=DRAFT.article,
        is_published=False,
        **draft_fields("Draft article", "title_en", "title_zh", "summary_en", "summary_zh", "body_en", "body_zh"),
    )
    article.projects.add(registry["first"], project)
    article.organizations.add(registry["partner"])
    article.focus_areas.add(factories.focus_area())
    figure = draft_fields("Draft figure", "label_en", "label_zh")
    factories.make_figure(id=DRAFT.figure, value=Decimal("987654"), is_published=False, **figure)


def edit_drafts() -> None:
    """Every draft edited as staff would, its parts too, and a new one: nothing the public sees changes."""
    for model, field in ((Project, "title_en"), (Article, "body_en"), (Organization, "name_en"), (Zone, "name_en")):
        for record in model.objects.drafts():
            setattr(record, field, f"Edited {MARKER} {SECRET}")
            record.save()
    project = Project.objects.get(public_id=DRAFT.project)
    project_participants_set(
        project=project, participants=[(Organization.objects.get(slug="cq-port"), "funding")], user=None
    )
    Milestone.objects.create(project=project, date=date(2022, 1, 1), title_en=f"Opened {SECRET}")
    Organization.objects.filter(slug=DRAFT.organization).update(country="TH")  # SQL, past the models
    figure = ReportedFigure.objects.get(pk=DRAFT.figure)
    figure.value = Decimal("123456")
    figure.save()
    factories.make_article(slug="quux-second-draft", title_en=f"Second {SECRET}", is_published=False).projects.add(
        project
    )


# The URLs


@dataclass(frozen=True)
class Route:
    """One route of the URL configuration."""

    name: str | None  # with its namespace
    namespace: str
    route: str  # as the resolver spells it, prefixes included
    kwargs: tuple[str, ...]
    callback: object
    bilingual: bool

    @property
    def public(self) -> bool:
        return self.namespace.split(":")[0] not in EXCLUDED_NAMESPACES

    @property
    def key(self) -> str:
        """The route's name, or for a route without one, its view."""
        return self.name or f"{self.callback.__module__}.{self.callback.__qualname__}"


@dataclass(frozen=True)
class Visit:
    """A URL to crawl, and whether a draft's identifier is in it."""

    url: str
    route: str
    names_draft: bool


def routes(patterns=None, prefix: str = "", namespace: str = "", bilingual: bool = False) -> list[Route]:
    """Every route of the URL configuration, resolvers walked recursively."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            localized = bilingual or isinstance(pattern.pattern, LocalePrefixPattern)
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern), inner, localized)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            route = prefix + str(pattern.pattern)
            found.append(Route(name, namespace, route, _kwarg_names(pattern.pattern), pattern.callback, bilingual))
    return found


def _kwarg_names(pattern) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


def identifiers() -> dict[str, list[tuple[str, object, bool]]]:
    """Values for each parameter name: (model name, value, is a draft), published records from the
    database and the drafts by their fixed identifiers."""
    published = [
        *(("project", value, False) for value in Project.objects.published().values_list("public_id", flat=True)),
    ]
    slugs = [
        *((model._meta.model_name, slug, False) for model in (Zone, Organization, Article) for slug in _slugs(model)),
        *(("district", slug, False) for slug in District.objects.values_list("slug", flat=True)),
        ("zone", DRAFT.zone, True),
        ("organization", DRAFT.organization, True),
        ("article", DRAFT.article, True),
    ]
    codes = [(model._meta.model_name, code, False) for model in (FocusArea, Scheme) for code in _codes(model)]
    figures = [("reportedfigure", pk, False) for pk in ReportedFigure.objects.published().values_list("pk", flat=True)]
    return {
        "public_id": [*published, ("project", DRAFT.project, True)],
        "slug": slugs,
        "code": codes,
        "id": [*figures, ("reportedfigure", DRAFT.figure, True)],
        "name": [
            *(("facet", name, False) for name in LONG_FACETS),
            *(("release", name, False) for name in RELEASE_FILES),
        ],
        "version": [("release", version, False) for version in Release.objects.values_list("version", flat=True)],
    }


def _slugs(model) -> list[str]:
    return list(model.objects.published().values_list("slug", flat=True))


def _codes(model) -> list[str]:
    return list(model.objects.values_list("code", flat=True))


def visits(all_routes: list[Route], values: dict) -> tuple[list[Visit], list[str]]:
    """Every URL to crawl (each language, ``?format=csv`` where the API offers CSV, ``?q=MARKER``
    where a list searches), and the routes that could not be filled."""
    found, unfilled = [], []
    for route in all_routes:
        if not route.public:
            continue
        if route.name is None:
            if route.key not in UNNAMED_ROUTES:
                unfilled.append(f"{route.route} ({route.key})")
            found += [Visit(url, route.key, False) for url in UNNAMED_ROUTES.get(route.key, [])]
            continue
        fills = _fills(route, values)
        if fills is None:
            unfilled.append(f"{route.name} ({route.route})")
            continue
        for kwargs, names_draft in fills:
            for language in LANGUAGES if route.bilingual else ("en",):
                with translation.override(language):
                    path = reverse(route.name, kwargs=kwargs)
                found += [Visit(path + query, route.name, names_draft) for query in _queries(route)]
    return found, unfilled


def _fills(route: Route, values: dict) -> list[tuple[dict, bool]] | None:
    """The parameters' values: those of the model the route's name names, else every one known; for a
    route of several parameters, every combination of theirs."""
    if any(kwarg not in values for kwarg in route.kwargs):
        return None
    short_name = route.name.rpartition(":")[2].replace("-", "").replace("_", "")
    fills = [({}, False)]
    for kwarg in route.kwargs:
        candidates = values[kwarg]
        named = [candidate for candidate in candidates if candidate[0] and candidate[0] in short_name]
        fills = [
            ({**kwargs, kwarg: value}, names_draft or is_draft)
            for kwargs, names_draft in fills
            for _model, value, is_draft in named or candidates
        ]
    return fills or None


def _queries(route: Route) -> list[str]:
    queries = [""]
    view = getattr(route.callback, "cls", None)
    if view is not None:
        renderers = route.callback.initkwargs.get("renderer_classes", view.renderer_classes)
        if any(issubclass(renderer, CsvRenderer) for renderer in renderers):
            queries.append("?format=csv")
        filterset = getattr(view, "filterset_class", None)
        if not route.kwargs and filterset is not None and "q" in filterset_parameters(filterset):
            queries.append(f"?q={MARKER}")
    elif not route.kwargs and not route.route.endswith((".txt", ".xml")):
        queries.append(f"?q={MARKER}")
    return queries


# The answers

_TIMES = re.compile(
    rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?"  # ISO 8601
    rb"|\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]?\w+"  # RFC 2822 (feeds)
)

_CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: bytes
    validators: tuple[str, str]

    @property
    def comparable(self) -> bytes:
        """The body with its stamps blanked: a published record that links to a new draft is saved again."""
        return _TIMES.sub(b"<time>", self.body)


IDENTITIES = ("anonymous", "partner key")


def crawl(client, planned: list[Visit], raw_key: str) -> dict[tuple[str, str], Answer]:
    """Every URL, as an anonymous reader and as a partner's key, from a fresh cache."""
    cache.clear()
    answers = {}
    for count, visit in enumerate(planned):
        if count % 25 == 0:
            cache.clear()  # below every per-address and per-key limit
        for identity, headers in zip(IDENTITIES, ({}, key_header(raw_key)), strict=True):
            response = client.get(visit.url, follow=True, **headers)  # the latest release's redirect
            headers = "\n".join(f"{name}: {value}" for name, value in response.items()).encode()
            validators = (response.get("ETag", ""), response.get("Last-Modified", ""))
            answers[(visit.url, identity)] = Answer(response.status_code, readable_body(response), headers, validators)
    return answers


def leaks(answers: dict, planned: list[Visit]) -> list[str]:
    """Every answer that shows a draft: its secret anywhere, its marker or an identifier the URL did not ask for."""
    found = []
    for visit in planned:
        for identity in IDENTITIES:
            answer = answers[(visit.url, identity)]
            body = (answer.body + answer.headers).lower()
            shown = [token for token in (SECRET, MARKER, *DRAFT.tokens) if token.lower().encode() in body]
            shown = [token for token in shown if token == SECRET or token.lower() not in visit.url.lower()]
            if shown:
                found.append(f"{visit.url} ({identity}): {', '.join(shown)}")
    return found


def readable_body(response) -> bytes:
    """The body as the checks read it: a workbook (XLSX, a zip) as the XML of its parts, in order."""
    body = content(response)
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            return b"\n".join(workbook.read(name) for name in sorted(workbook.namelist()))
    # A form's CSRF token is masked afresh for every answer: it is the reader's own, never the record's.
    return _CSRF_TOKEN.sub(rb'name="csrfmiddlewaretoken" value=""', body)
