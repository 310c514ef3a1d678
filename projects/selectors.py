"""Reads behind the registry's pages and API."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import pgettext

from projects.models import Milestone, Organization, Project, ProjectParticipant, Zone


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
            Prefetch("articles", queryset=article_model().objects.visible_to(user).order_by("-published_on")),
        )
    )


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
