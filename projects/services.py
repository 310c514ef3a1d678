"""Writes of the registry that carry a rule. Keyword-only, typed ``<entity>_<action>`` functions;
the import, the API, the demo loader and the test factories call these instead of writing the rows
themselves. (The admin's participant inline saves each row through the model, which records its history too.)
Publishing is :mod:`core.publishing`; the staff roles are :mod:`cci_portal.roles`.
"""

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Organization, Project, ProjectParticipant


def project_participants_set(
    *,
    project: Project,
    participants: Sequence[tuple[Organization, str]],
    user: AbstractBaseUser | None,
) -> None:
    """Make ``participants`` the saved ``project``'s participants: each ``(organization, role)`` at its
        place in the list (``position`` 0, 1, ...). The writer of participants for the import, the API, the
    demo loader and the test factories.

        A row that stays as it was is left alone; each row added, moved or removed gets a history row
        naming ``user`` and the reason the project's own save gave (``project._change_reason``, such as
        "Imported"). When a row changed, the project's ``updated_at`` moves too: its page and JSON show
        the participants. Raises ``ValidationError`` for a pair listed twice or an unknown role.
    """
    wanted = {(organization.pk, role): position for position, (organization, role) in enumerate(participants)}
    if len(wanted) != len(participants):
        raise ValidationError(_("The same organization is listed twice with the same role."))
    reason = getattr(project, "_change_reason", None)
    with transaction.atomic():
        existing = {(row.organization_id, row.role): row for row in project.participations.select_for_update()}
        removed = [row for key, row in existing.items() if key not in wanted]
        moved = [row for key, row in existing.items() if key in wanted and row.position != wanted[key]]
        added = [
            ProjectParticipant(project=project, organization=organization, role=role, position=position)
            for position, (organization, role) in enumerate(participants)
            if (organization.pk, role) not in existing
        ]
        for row in added:
            row.clean_fields(exclude=["project", "organization"])
        for row in [*removed, *moved, *added]:
            row._history_user = user
            row._change_reason = reason
        for row in removed:
            row.delete()
        for row in moved:
            row.position = wanted[(row.organization_id, row.role)]
            row.save(update_fields=["position"])
        for row in added:
            row.save()
        if removed or moved or added:
            # What projects.signals does for focus areas and sources: keep updated_at (the ETags,
            # the cached aggregates, partners' updated_since syncs) true to what the project shows.
            project.updated_at = timezone.now()
            Project.objects.filter(pk=project.pk).update(updated_at=project.updated_at)
