from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CciPortalConfig(AppConfig):
    """The site itself: pages and commands that span the projects and news apps."""

    name = "cci_portal"
    verbose_name = _("CCI Portal")
