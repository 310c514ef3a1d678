"""Serializer fields shared by the apps' APIs."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.URI)
class PublicUrlField(serializers.Field):
    """The absolute URL of the record's public page, in the site's default language."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", _("The record's page on the public site."))
        super().__init__(**kwargs)

    def to_representation(self, value):
        with translation.override(settings.LANGUAGE_CODE):
            path = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
