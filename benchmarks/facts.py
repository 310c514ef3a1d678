"""What the scenarios need to know about the registry they measure, read from its database.

The scenario URLs are templates (``/api/v1/projects/?q={common_word}``); their blanks are these
facts: a project with many partners, the partner in the most projects, a word in thousands of
projects and one in nearly all, a cursor deep into the registry. Run inside Django
(``benchmarks.inprocess``); this module imports Django lazily so the orchestrator can read the
dataclass without setting Django up.
"""

from base64 import b64encode
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from benchmarks.harness import HarnessError

FOCUS_AREA = "transport-logistics"  # about a quarter of the synthetic registry
PREFERRED_COMMON_WORD = "logistics"  # the generator puts it in thousands of titles
CHINESE_WORD = "物流"  # logistics, in thousands of Chinese titles: a search of the Chinese words
COMMON_SHARE = (0.01, 0.30)  # "thousands of hits" at 100,000: between 1 % and 30 % of the projects
EVERYWHERE_SHARE = 0.80  # "nearly every row": at least 80 % of the projects
CURSOR_DEPTH_SHARE = 0.9  # 90,000 rows deep at 100,000
PAGE_SIZE = 50  # the API's default page
WORD_CANDIDATES = 200  # most frequent lexemes looked at
BENCH_SUPERUSER = "bench-superuser"


@dataclass(frozen=True)
class RegistryFacts:
    """The blanks of the scenario URLs, and the counts that show they test what they claim."""

    size: int
    published_projects: int
    project_id: str
    project_participants: int
    focus_area: str
    focus_area_id: int
    focus_area_projects: int
    top_organization: str
    top_organization_projects: int
    admin_organization_filter: str
    common_word: str
    common_word_hits: int
    everywhere_word: str
    everywhere_word_hits: int
    chinese_word: str  # quoted for the URL
    chinese_word_hits: int
    cursor_depth: int
    cursor_after_pk: int
    deep_cursor: str  # quoted for the URL


def drf_cursor(position: int) -> str:
    """DRF's cursor for "after primary key ``position``" (``CursorPages`` orders by it): base64 of ``p=<pk>``."""
    return b64encode(urlencode({"p": str(position)}).encode("ascii")).decode("ascii")


def discover(size: int) -> RegistryFacts:
    """Read the facts from the database Django is connected to."""
    from django.db.models import Count, Q

    from projects.models import FocusArea, Organization, Project

    published = Project.objects.published()
    published_count = published.count()
    if published_count < 2:
        raise HarnessError("The registry has fewer than two published projects: nothing to measure.")
    project = published.annotate(n=Count("participations")).order_by("-n", "public_id").first()
    focus_area = FocusArea.objects.filter(code=FOCUS_AREA).first()
    if focus_area is None:
        raise HarnessError(f"No focus area {FOCUS_AREA!r}: the data migrations did not run?")
    organization = (
        Organization.objects.published()
        .annotate(
            n=Count("participations__project", filter=Q(participations__project__is_published=True), distinct=True)
        )
        .order_by("-n", "slug")
        .first()
    )
    if organization is None:
        raise HarnessError("The registry has no published organization.")
    lexemes = _frequent_lexemes()
    common_word, common_hits = _common_word(lexemes, published_count)
    everywhere_word, everywhere_hits = _everywhere_word(lexemes, published_count)
    depth = max(1, min(int(size * CURSOR_DEPTH_SHARE), published_count - PAGE_SIZE))
    after_pk = published.order_by("pk").values_list("pk", flat=True)[depth - 1]
    return RegistryFacts(
        size=size,
        published_projects=published_count,
        project_id=project.public_id,
        project_participants=project.n,
        focus_area=focus_area.code,
        focus_area_id=focus_area.pk,
        focus_area_projects=published.in_focus_areas([focus_area]).count(),
        top_organization=organization.slug,
        top_organization_projects=organization.n,
        admin_organization_filter=admin_organization_filter(organization),
        common_word=common_word,
        common_word_hits=common_hits,
        everywhere_word=everywhere_word,
        everywhere_word_hits=everywhere_hits,
        chinese_word=quote(CHINESE_WORD),
        chinese_word_hits=search_hits(CHINESE_WORD),
        cursor_depth=depth,
        cursor_after_pk=after_pk,
        deep_cursor=quote(drf_cursor(after_pk), safe=""),
    )


def search_hits(word: str) -> int:
    """How many published projects the list's ``q`` filter finds for ``word`` (the app's own search)."""
    from projects.filtersets import ProjectFilterSet
    from projects.models import Project

    filterset = ProjectFilterSet({"q": word}, queryset=Project.objects.published())
    if not filterset.is_valid():
        raise HarnessError(f"q={word!r} is refused by the project filters: {filterset.errors}")
    return filterset.qs.count()


def _frequent_lexemes() -> list[tuple[str, int]]:
    """The most frequent lexemes of the published projects' search vectors, with their document counts."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM projects_project WHERE is_published') "
            "WHERE word ~ '^[a-z]{4,}$' ORDER BY ndoc DESC, word LIMIT %s",
            [WORD_CANDIDATES],
        )
        return cursor.fetchall()


def _surface_word(lexeme: str) -> str:
    """A word as written in a project that stems to ``lexeme`` ("chongq" -> "chongqing"), for readable URLs."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lower(token) FROM ts_debug('english', "
            "(SELECT concat_ws(' ', title_en, summary_en, description_en) FROM projects_project "
            "WHERE is_published AND search_vector @@ to_tsquery('english', %s) LIMIT 1)) "
            "WHERE %s = ANY(lexemes) LIMIT 1",
            [lexeme, lexeme],
        )
        row = cursor.fetchone()
    return row[0] if row else lexeme


def _common_word(lexemes: list[tuple[str, int]], published: int) -> tuple[str, int]:
    """ "logistics" when it is in 1-30 % of the projects, else the lexeme nearest 5 %."""
    low, high = (share * published for share in COMMON_SHARE)
    by_closeness = sorted(lexemes, key=lambda item: (abs(item[1] - 0.05 * published), item[0]))
    for word in [PREFERRED_COMMON_WORD, *(_surface_word(lexeme) for lexeme, _ndoc in by_closeness)]:
        hits = search_hits(word)
        if low <= hits <= high:
            return word, hits
    raise HarnessError(f"No word is in {COMMON_SHARE[0]:.0%}-{COMMON_SHARE[1]:.0%} of the published projects.")


def _everywhere_word(lexemes: list[tuple[str, int]], published: int) -> tuple[str, int]:
    """The most frequent lexeme that the search finds in at least 80 % of the projects."""
    for lexeme, ndoc in lexemes:
        if ndoc < EVERYWHERE_SHARE * published:
            break
        word = _surface_word(lexeme)
        hits = search_hits(word)
        if hits >= EVERYWHERE_SHARE * published:
            return word, hits
    raise HarnessError(f"No word is in {EVERYWHERE_SHARE:.0%} of the published projects.")


def admin_organization_filter(organization) -> str:
    """The project changelist's query string that lists ``organization``'s projects.

    A ``list_filter`` of ``ProjectAdmin`` that leads to organizations when there is one (a field
    path, or a ``SimpleListFilter`` offering the organization); otherwise the one-hop lookup
    ``participants__id__exact``, which the admin accepts without a declared filter.
    """
    from django.contrib import admin
    from django.contrib.admin import SimpleListFilter
    from django.contrib.admin.utils import NotRelationField, get_fields_from_path
    from django.core.exceptions import FieldDoesNotExist
    from django.test import RequestFactory

    from projects.models import Organization, Project

    model_admin = admin.site.get_model_admin(Project)
    for item in model_admin.list_filter:
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            request = RequestFactory().get("/")
            request.user = bench_superuser()
            choices = item(request, {}, Project, model_admin).lookup_choices or []
            for value, label in choices:
                if str(value) in (organization.slug, str(organization.pk)) or str(label) == organization.name_en:
                    return urlencode({item.parameter_name: value})
            continue
        path = item[0] if isinstance(item, list | tuple) else item
        try:
            target = get_fields_from_path(Project, path)[-1]
        except (FieldDoesNotExist, NotRelationField):
            continue
        if getattr(target, "related_model", None) is Organization:
            return urlencode({f"{path}__id__exact": organization.pk})
    return urlencode({"participants__id__exact": organization.pk})


def bench_superuser():
    """The superuser the admin scenarios log in as (created in the bench database, no usable password)."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=BENCH_SUPERUSER, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
