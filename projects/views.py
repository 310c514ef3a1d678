"""Public pages of the registry."""

from django.shortcuts import get_object_or_404, render

from projects.models import Project


def project_detail(request, public_id):
    """A project's public page; staff who may view projects also see drafts (preview)."""
    project = get_object_or_404(
        Project.objects.visible_to(request.user)
        .select_related("focus_area", "scheme", "zone", "district")
        .prefetch_related("other_focus_areas", "participations__organization", "milestones", "sources"),
        public_id=public_id,
    )
    return render(request, "projects/project_detail.html", {"project": project})
