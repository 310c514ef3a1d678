"""Reads behind the registry's pages and API."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.utils.translation import pgettext

from projects.models import Milestone, Organization, Project, ProjectParticipant, Source, Zone


def article_model():
    """News articles, reached through the reverse relation: the projects app does not import news."""
    return Project._meta.get_field("articles").related_model


def projects_with_details(user):
    """Projects ``user`` may see, with everything a project page or its JSON shows, in a fixed
    number of queries. Related partners, zone and articles follow the same rule: published
    ones, plus drafts for staff who preview them."""
    participations = (
        ProjectParticipant.objects.filter(organization__in=Organization.objects.visible_to(user))
        .select_related("organization")
        .order_by("position", "id")
    )
    return (
        Project.objects.visible_to(user)
        .select_related("focus_area", "scheme", "district")
        .prefetch_related(
            "other_focus_areas",
            Prefetch("zone", queryset=Zone.objects.visible_to(user)),
            Prefetch("participations", queryset=participations),
            Prefetch("milestones", queryset=Milestone.objects.select_related("source")),
            "sources",
            # Newest first; the id breaks ties of a day, which were left to chance before.
            Prefetch("articles", queryset=article_model().objects.visible_to(user).order_by("-published_on", "-id")),
        )
    )


# A project's own columns, as its records (below) carry them: its identifiers, the columns of
# its record fields (``Project.record_fields``; the related ones are read apart) and its stamps.
_RELATED = {"focus_area", "other_focus_areas", "scheme", "zone", "district", "participants"}
PROJECT_COLUMNS = (
    "id",
    "public_id",
    *(name for name in Project.record_fields if name not in _RELATED),
    "is_published",
    "created_at",
    "updated_at",
)
SOURCE_COLUMNS = Source.record_fields


def project_rows(projects: QuerySet, user) -> QuerySet:
    """``projects`` (filtered and ordered) as plain rows: their columns, the codes and slugs of
    their focus areas, scheme, district and zone, and the slugs of their articles, in one query.

    The zone and articles follow the rule of :func:`projects_with_details`; the rest of a
    record comes from :func:`project_records`. Plain rows rather than model instances: building
    instances and their prefetches was half the time of a 50-row API page.
    """
    further_areas = (
        Project.other_focus_areas.through.objects.filter(project_id=OuterRef("pk"))
        .order_by("focusarea__position", "focusarea__code")
        .values("focusarea__code")
    )
    articles = (
        article_model()
        .objects.visible_to(user)
        .filter(projects=OuterRef("pk"))
        .order_by(F("published_on").desc(), "-id")
        .values("slug")
    )
    return projects.values(
        *PROJECT_COLUMNS,
        focus_area_code=F("focus_area__code"),
        other_focus_area_codes=ArraySubquery(further_areas),
        scheme_code=F("scheme__code"),
        district_slug=F("district__slug"),
        district_name_en=F("district__name_en"),
        district_name_zh=F("district__name_zh"),
        district_latitude=F("district__latitude"),
        district_longitude=F("district__longitude"),
        zone_slug=F("zone__slug"),
        zone_name_en=F("zone__name_en"),
        zone_name_zh=F("zone__name_zh"),
        zone_visible=Exists(Zone.objects.visible_to(user).filter(pk=OuterRef("zone_id"))),
        article_slugs=ArraySubquery(articles),
    )


class PagedProjectRows:
    """:func:`project_rows` of ``projects`` for a paginator: a slice reads the page's primary keys
    in the set's order first, then the rows of just those.

    Sorted or ranked in one query, PostgreSQL computes every row's subqueries (further focus
    areas, articles) before it sorts: for a search matching 98,000 projects, 98,000 times to keep 50.
    """

    def __init__(self, projects: QuerySet, user):
        self.projects = projects
        self.user = user

    def __getitem__(self, page: slice) -> list[dict]:
        ids = list(self.projects.values_list("pk", flat=True)[page])
        rows = {row["id"]: row for row in project_rows(Project.objects.filter(pk__in=ids), self.user)}
        return [rows[pk] for pk in ids if pk in rows]

    def count(self) -> int:
        return self.projects.count()


def project_records(rows: Iterable[dict], user) -> list[dict]:
    """Rows of :func:`project_rows` with their partners, milestones and sources attached, in three
    queries for the lot: everything the API's JSON, CSV and OC4IDS show of a project, as plain values.

    ``participants`` are dicts of ``organization`` (slug), ``name_en``, ``name_zh``, ``country``
    and ``role``; ``sources`` dicts of :data:`SOURCE_COLUMNS`; ``milestones`` dicts of ``id``,
    ``date``, ``date_precision``, ``title_en``, ``title_zh`` and ``source`` (a source or ``None``).
    """
    records = list(rows)
    ids = [record["id"] for record in records]
    participants = defaultdict(list)
    for project_id, slug, name_en, name_zh, country, role in (
        ProjectParticipant.objects.filter(project_id__in=ids, organization__in=Organization.objects.visible_to(user))
        .order_by("position", "id")
        .values_list(
            "project_id",
            "organization__slug",
            "organization__name_en",
            "organization__name_zh",
            "organization__country",
            "role",
        )
    ):
        participants[project_id].append(
            {"organization": slug, "name_en": name_en, "name_zh": name_zh, "country": country, "role": role}
        )
    sources = defaultdict(list)
    for row in (
        Project.sources.through.objects.filter(project_id__in=ids)
        .order_by(F("source__published_on").desc(), "source__title_en", "source_id")
        .values("project_id", *_SOURCE_LOOKUPS)
    ):
        sources[row["project_id"]].append(_source(row))
    milestones = defaultdict(list)
    for row in (
        Milestone.objects.filter(project_id__in=ids)
        .order_by("date", "id")
        .values("project_id", "id", "date", "date_precision", "title_en", "title_zh", *_SOURCE_LOOKUPS)
    ):
        milestones[row["project_id"]].append(
            {
                "id": row["id"],
                "date": row["date"],
                "date_precision": row["date_precision"],
                "title_en": row["title_en"],
                "title_zh": row["title_zh"],
                "source": _source(row) if row["source__id"] is not None else None,
            }
        )
    for record in records:
        if not record.pop("zone_visible"):
            record["zone_slug"] = record["zone_name_en"] = record["zone_name_zh"] = None
        record["participants"] = participants.get(record["id"], [])
        record["milestones"] = milestones.get(record["id"], [])
        record["sources"] = sources.get(record["id"], [])
    return records


def project_record(project: Project, user) -> dict:
    """:func:`project_records` of one project, read afresh (the answer to a write)."""
    return project_records(project_rows(Project.objects.filter(pk=project.pk), user), user)[0]


_SOURCE_LOOKUPS = tuple(f"source__{column}" for column in SOURCE_COLUMNS)


_source_values = itemgetter(*_SOURCE_LOOKUPS)


def _source(row: dict) -> dict:
    return dict(zip(SOURCE_COLUMNS, _source_values(row), strict=True))


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a project's timeline: a dated event, or "now" with the current status."""

    label: str
    when: date | None = None
    precision: str = "day"
    is_now: bool = False


def project_timeline(project, *, today: date) -> list[TimelineEntry]:
    """Signing and milestones in date order, with "now" placed between the past and the future."""
    events = [TimelineEntry(step.title, step.date, step.date_precision) for step in project.milestones.all()]
    if project.signed_date:
        events.append(
            TimelineEntry(pgettext("timeline event", "Signed"), project.signed_date, project.signed_date_precision)
        )
    events.sort(key=lambda event: event.when)
    now = TimelineEntry(project.get_status_display(), is_now=True)
    upcoming = next((index for index, event in enumerate(events) if event.when > today), len(events))
    return [*events[:upcoming], now, *events[upcoming:]]
