"""The bureau's staff roles, kept as Django groups: editor, publisher and viewer.

Each role is a set of permission names (``app_label.codename``). ``manage.py setup_roles``
makes every group hold exactly its set, so the definitions here are the single source.
Models are named by ``app_label.model`` strings, read when the roles are set up.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.publishing import permission_name

EDITOR = "editor"
PUBLISHER = "publisher"
VIEWER = "viewer"

# What editors add and change; publishers may also delete these.
EDITED_MODELS = (
    "projects.project",
    "projects.projectparticipant",
    "projects.milestone",
    "projects.source",
    "projects.organization",
    "projects.zone",
    "projects.district",
    "projects.reportedfigure",
    "news.article",
)

# Rows inside a project that an editor may remove while editing it (a wrong participant, a
# mistaken milestone): part of changing the project, not deleting a record.
PROJECT_PARTS = (
    "projects.projectparticipant",
    "projects.milestone",
)

# Reference lists that staff read but only an administrator changes.
REFERENCE_MODELS = (
    "projects.focusarea",
    "projects.scheme",
)

# Models with an ``is_published`` flag and a ``publish_<model>`` permission.
PUBLISHABLE_MODELS = (
    "projects.project",
    "projects.organization",
    "projects.zone",
    "projects.reportedfigure",
    "news.article",
)

# Partners' API keys: publishers issue and revoke them (keys are never deleted).
API_KEY_MODEL = "cci_portal.apikey"

# Readers' enquiries (personal data): publishers handle the bureau's correspondence, so they read,
# assign and answer them; editors and viewers do not see them. Only a superuser deletes one.
ENQUIRY_MODEL = "cci_portal.enquiry"

ROLE_NAMES = {
    EDITOR: pgettext_lazy("staff role", "editor"),
    PUBLISHER: pgettext_lazy("staff role", "publisher"),
    VIEWER: pgettext_lazy("staff role", "viewer"),
}

ROLE_DESCRIPTIONS = {
    EDITOR: _("Adds and changes records; cannot delete and cannot publish."),
    PUBLISHER: _(
        "Everything an editor can, plus publish, unpublish and delete, issue partners' API keys and answer enquiries."
    ),
    VIEWER: _("Reads everything, changes nothing."),
}


def _permissions(actions: tuple[str, ...], models: tuple[str, ...]) -> set[str]:
    return {permission_name(action, apps.get_model(model)) for model in models for action in actions}


def role_permissions() -> dict[str, set[str]]:
    """Each role's permissions, as ``app_label.codename`` names."""
    viewer = _permissions(("view",), EDITED_MODELS + REFERENCE_MODELS)
    editor = viewer | _permissions(("add", "change"), EDITED_MODELS) | _permissions(("delete",), PROJECT_PARTS)
    publisher = (
        editor
        | _permissions(("delete",), EDITED_MODELS)
        | _permissions(("publish",), PUBLISHABLE_MODELS)
        | _permissions(("add", "change", "view"), (API_KEY_MODEL,))
        | _permissions(("change", "view"), (ENQUIRY_MODEL,))
    )
    return {EDITOR: editor, PUBLISHER: publisher, VIEWER: viewer}


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
