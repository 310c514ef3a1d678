from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared bases every app builds on; it imports no app and has no tables of its own."""

    name = "core"
    verbose_name = _("Core")
