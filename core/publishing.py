"""Publishing: who may publish, the refusal they get otherwise, and the one writer of the flag.

Permission names come from Django's ``get_permission_codename``, as the admin builds them.
Every function is keyword-only; the admin, the import and the API call these instead of
writing the flag themselves.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


def permission_name(action: str, model) -> str:
    """``<app_label>.<action>_<model>``: the permission the admin checks for ``action`` on ``model``."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


PUBLISH_REFUSED = _("You do not have permission to publish.")
UNPUBLISH_REFUSED = _("You do not have permission to unpublish.")


def can_publish(*, user: AbstractBaseUser | AnonymousUser | None, model: type[models.Model]) -> bool:
    """Whether ``user`` holds ``<app>.publish_<model>`` for this model."""
    if user is None:
        return False
    return user.has_perm(permission_name("publish", model))


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
    reason = gettext_noop("Published") if published else gettext_noop("Unpublished")
    changed = 0
    with transaction.atomic():
        for record in records.order_by("pk"):
            record.is_published = published
            record._history_user = user
            record._change_reason = reason
            record.save(update_fields=["is_published", "updated_at"])
            changed += 1
    return changed
