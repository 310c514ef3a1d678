"""Writes of the registry that carry a rule: publishing and the staff roles.

Every function is keyword-only; the admin, the import and the management commands call these
instead of writing the flag or the groups themselves.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from projects.roles import role_permissions

PUBLISH_REFUSED = _("You do not have permission to publish.")
UNPUBLISH_REFUSED = _("You do not have permission to unpublish.")


def can_publish(*, user: AbstractBaseUser | AnonymousUser | None, model: type[models.Model]) -> bool:
    """Whether ``user`` holds ``<app>.publish_<model>`` for this model."""
    if user is None:
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def stored_published(instance: models.Model) -> bool:
    """The published flag as the database holds it now (``False`` for a record not saved yet)."""
    if instance.pk is None:
        return False
    stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("is_published", flat=True).first()
    return bool(stored)


def published_change_refusal(
    *, user: AbstractBaseUser | AnonymousUser | None, instance: models.Model, requested: bool
) -> str | None:
    """Why ``user`` may not give ``instance`` the published flag ``requested``; ``None`` when they may.

    Keeping the stored value is always allowed; changing it needs the publish permission.
    """
    if bool(requested) == stored_published(instance) or can_publish(user=user, model=type(instance)):
        return None
    return str(PUBLISH_REFUSED if requested else UNPUBLISH_REFUSED)


def set_published(*, queryset: models.QuerySet, published: bool, user: AbstractBaseUser) -> int:
    """Publish (or unpublish) every record of ``queryset``; returns how many changed.

    Each record is saved on its own so that its history names ``user`` and the change.
    Raises ``PermissionDenied`` when ``user`` lacks the model's publish permission.
    """
    model = queryset.model
    if not can_publish(user=user, model=model):
        raise PermissionDenied(PUBLISH_REFUSED if published else UNPUBLISH_REFUSED)
    records = model._default_manager.filter(pk__in=queryset.values("pk"))
    records = records.drafts() if published else records.published()
    reason = "Published" if published else "Unpublished"
    changed = 0
    with transaction.atomic():
        for record in records.order_by("pk"):
            record.is_published = published
            record._history_user = user
            record._change_reason = reason
            record.save(update_fields=["is_published", "updated_at"])
            changed += 1
    return changed


def roles_setup() -> dict[str, int]:
    """Create the editor, publisher and viewer groups, each holding exactly its defined permissions.

    Idempotent: running it again changes nothing. Returns the number of permissions of each group.
    """
    counts = {}
    with transaction.atomic():
        for name, permission_names in role_permissions().items():
            permissions = _permissions_by_name(permission_names)
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            counts[name] = len(permissions)
    return counts


def _permissions_by_name(names: set[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in wanted]
        )
        if (permission.content_type.app_label, permission.codename) in wanted
    }
    missing = sorted(f"{app}.{codename}" for app, codename in wanted - found.keys())
    if missing:
        raise ImproperlyConfigured(f"Permissions missing (run the migrations first): {', '.join(missing)}")
    return [found[key] for key in sorted(found)]
