"""The registry's version: when any record its aggregates draw on last changed (:mod:`core.freshness`)."""

from django.db.models import QuerySet

from core.freshness import latest_changes, version_of
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    Scheme,
    Source,
    Zone,
)


def registry_querysets() -> tuple[QuerySet, ...]:
    """Every table the registry's aggregates draw on (history tables for deletions)."""
    return (
        Project.objects.all(),
        Project.history.all(),
        ProjectParticipant.history.all(),
        Milestone.history.all(),
        Organization.objects.all(),
        Zone.objects.all(),
        Source.objects.all(),
        FocusArea.objects.all(),
        Scheme.objects.all(),
        District.objects.all(),
    )


def registry_version() -> str:
    """One string that changes whenever any record the registry's aggregates draw on changes:
    the key of their caches, so an edit shows at once in every process."""
    return version_of(latest_changes(registry_querysets()))
