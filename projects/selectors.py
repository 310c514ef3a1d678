"""Reads behind the registry's pages and API."""

from django.db.models import Prefetch

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


def group_page_projects(projects):
    """The projects listed on a focus-area, scheme, zone, district or organization page."""
    return projects.with_list_related()
