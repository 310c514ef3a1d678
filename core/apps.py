from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared bases every app builds on; it imports no app. Its one table, written by database
    triggers only, logs the changes the public can see (core/migrations/0001_public_change.py)."""

    name = "core"
    verbose_name = _("Core")
