"""Abstract bases of the apps' models (bilingual names, publishing) and their shared field types.
No tables of their own."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.localization import localized
from core.validators import WebAddressValidator


class WebAddressField(models.URLField):
    """The address of a web page: ``http`` or ``https`` only (:class:`core.validators.WebAddressValidator`)."""

    default_validators = [WebAddressValidator()]


class BilingualNameModel(models.Model):
    """A record named in English and Chinese, shown in the visitor's language."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name_en

    @property
    def name(self) -> str:
        return localized(self, "name")


class PublishableModel(models.Model):
    """A record that staff draft first and publish when it is ready."""

    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True
