"""The registry's version: when any record its aggregates draw on last changed (:mod:`core.freshness`)."""

from django.db.models import QuerySet

from core.freshness import latest_changes, version_of
from projects.models import District, FocusArea, Organization, Project, Scheme, Source, Zone


def registry_querysets() -> tuple[QuerySet, ...]:
    """Every table the registry's aggregates draw on, as the public sees them.

    The published projects (their participants and milestones included: the change log counts
    theirs as the project's), partners and zones, the sources and the vocabularies. They move
    with every change the public can see, whoever writes it, and never with a draft, so they
    serve both as the validators of public reads and as the keys of the aggregates' caches.
    """
    return (
        Project.objects.published(),
        Organization.objects.published(),
        Zone.objects.published(),
        Source.objects.all(),
        FocusArea.objects.all(),
        Scheme.objects.all(),
        District.objects.all(),
    )


def registry_version() -> str:
    """One string that changes whenever a record the registry's aggregates draw on changes as
    the public sees it: the key of their caches, so an edit shows at once in every process."""
    return version_of(latest_changes(registry_querysets()))
