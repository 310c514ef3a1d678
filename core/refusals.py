"""What an admin refusal (a 403) tells the staff member: what they may not do, and which permission
it needs, read from the admin URL they asked for and the reason the refusal carried.

The admin names its pages ``<app>_<model>_<view>``: ``projects_project_add`` is adding a project,
which needs ``projects.add_project``. A refusal raised with a reason (publishing, say) shows that
reason and the permission the reason names.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from core.publishing import PUBLISH_REFUSED, UNPUBLISH_REFUSED, permission_name

# The admin's views, by the suffix of their URL names: the permission action each needs.
_ACTIONS = {
    "add": "add",
    "change": "change",
    "delete": "delete",
    "changelist": "view",
    "history": "view",
    "simple_history": "change",  # reverting to a version
    "import": "add",
    "process_import": "add",
    "export": "view",
}


@dataclass(frozen=True)
class Refusal:
    """What was refused, in the staff member's language, and the permission (``app.codename``) it
    needs (empty when no one permission opens it)."""

    refused: str
    permission: str


def _refused_text(action: str, model) -> str:
    names = {"verbose_name": model._meta.verbose_name, "verbose_name_plural": model._meta.verbose_name_plural}
    texts = {
        "add": _("You may not add %(verbose_name_plural)s."),
        "change": _("You may not change %(verbose_name_plural)s."),
        "delete": _("You may not delete %(verbose_name_plural)s."),
        "view": _("You may not see %(verbose_name_plural)s."),
    }
    return texts[action] % names


def _model_and_view(url_name: str):
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if url_name.startswith(prefix):
            return model, url_name.removeprefix(prefix)
    return None, None


def admin_refusal(request, exception: Exception) -> Refusal | None:
    """The refusal of an admin page, or ``None`` for a page outside the admin."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace != admin.site.name:
        return None
    reason = str(exception) if exception.args else ""
    model, view = _model_and_view(match.url_name or "")
    if model is None:
        return Refusal(reason or _("You may not open this page."), "")
    if reason in (str(PUBLISH_REFUSED), str(UNPUBLISH_REFUSED)):
        return Refusal(reason, permission_name("publish", model))
    action = _ACTIONS.get(view)
    if view == "changelist" and request.method == "POST":
        action = "change"  # an action on the selected rows
    if action is None:
        return Refusal(reason or _("You may not open this page."), "")
    return Refusal(reason or _refused_text(action, model), permission_name(action, model))
