"""Reads behind the registry's public pages."""

from django.db.models import Prefetch

from projects.models import Organization, Project, ProjectParticipant


def project_detail_queryset(user):
    """A project page's record with everything it shows, in a fixed number of queries.

    Partners and related articles are the published ones only. Articles come through the
    reverse relation: the projects app does not import news.
    """
    article_model = Project._meta.get_field("articles").related_model
    participations = (
        ProjectParticipant.objects.filter(organization__in=Organization.objects.published())
        .select_related("organization")
        .order_by("position", "id")
    )
    return (
        Project.objects.visible_to(user)
        .select_related("focus_area", "scheme", "zone", "district")
        .prefetch_related(
            "other_focus_areas",
            Prefetch("participations", queryset=participations),
            "milestones",
            "sources",
            Prefetch("articles", queryset=article_model.objects.published().order_by("-published_on")),
        )
    )


def group_page_projects(projects):
    """The projects listed on a focus-area, scheme, zone, district or organization page."""
    return projects.with_list_related().order_by("-signed_date", "public_id")
