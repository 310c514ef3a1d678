"""The bureau's staff roles, kept as Django groups: editor, publisher and viewer.

Each role is a set of permission names (``app_label.codename``). ``manage.py setup_roles``
makes every group hold exactly its set, so the definitions here are the single source.
Models are named by ``app_label.model`` strings so that ``projects`` never imports ``news``.
"""

from django.utils.translation import gettext_lazy as _

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

ROLE_DESCRIPTIONS = {
    EDITOR: _("Adds and changes records; cannot delete and cannot publish."),
    PUBLISHER: _("Everything an editor can, plus publish, unpublish and delete, and issue partners' API keys."),
    VIEWER: _("Reads everything, changes nothing."),
}


def _permissions(actions: tuple[str, ...], models: tuple[str, ...]) -> set[str]:
    names = set()
    for model in models:
        app_label, model_name = model.split(".")
        names.update(f"{app_label}.{action}_{model_name}" for action in actions)
    return names


def role_permissions() -> dict[str, set[str]]:
    """Each role's permissions, as ``app_label.codename`` names."""
    viewer = _permissions(("view",), EDITED_MODELS + REFERENCE_MODELS)
    editor = viewer | _permissions(("add", "change"), EDITED_MODELS) | _permissions(("delete",), PROJECT_PARTS)
    publisher = (
        editor
        | _permissions(("delete",), EDITED_MODELS)
        | _permissions(("publish",), PUBLISHABLE_MODELS)
        | _permissions(("add", "change", "view"), (API_KEY_MODEL,))
    )
    return {EDITOR: editor, PUBLISHER: publisher, VIEWER: viewer}
