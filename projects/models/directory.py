"""The registry's directory: zones and partner organizations."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.localization import BilingualText
from core.models import BilingualNameModel, ChineseSearchModel, PublishableModel, WebAddressField
from core.querysets import PublishableQuerySet
from projects.choices import (
    DatePrecision,
    OrganizationKind,
    ZoneKind,
)
from projects.models.base import COUNTRY_CODE_PATTERN, choices_check, name_search_vector, optional_link, trigram_index
from projects.models.location import LocatedModel, location_constraint
from projects.models.reference import District, FocusArea, Source


def directory_indexes(short_name: str) -> list:
    """Full-text search, and typo-tolerant and substring search on both names."""
    return [
        GinIndex(fields=["search_vector"], name=f"projects_{short_name}_search_gin"),
        GinIndex(fields=["search_vector_zh"], name=f"projects_{short_name}_search_zh_gin"),
        trigram_index(short_name, "name_en"),
        trigram_index(short_name, "name_zh"),
    ]


class DirectoryRecord(ChineseSearchModel, BilingualNameModel, PublishableModel):
    """A named, published record with its own page: a zone or a partner, found by full-text search."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True, default="", db_default="")
    established_date = models.DateField(
        _("established"), null=True, blank=True, help_text=_("When the partner was founded or the zone opened.")
    )
    established_date_precision = models.CharField(
        _("established date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        db_default=DatePrecision.DAY,
    )
    search_vector = models.GeneratedField(
        expression=name_search_vector(), output_field=SearchVectorField(), db_persist=True
    )

    description = BilingualText()
    chinese_search_fields = {"A": ("name_zh",), "B": ("description_zh",)}
    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True


class Zone(LocatedModel, DirectoryRecord):
    """A demonstration zone, park, base, centre, port or data channel of the CCI."""

    kind = models.CharField(_("kind"), max_length=20, choices=ZoneKind.choices)
    sources = models.ManyToManyField(Source, blank=True, related_name="zones", verbose_name=_("sources"))
    focus_area = optional_link(FocusArea, related_name="zones", verbose_name=_("focus area"))
    district = optional_link(District, related_name="zones", verbose_name=_("district"))
    # The fields a zone is exchanged with, in order (the API, the import and export).
    record_fields = (
        "slug",
        "name_en",
        "name_zh",
        "kind",
        "focus_area",
        "district",
        "latitude",
        "longitude",
        "location_precision",
        "established_date",
        "established_date_precision",
        "description_en",
        "description_zh",
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector", "search_vector_zh"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        permissions = [("publish_zone", _("Can publish and unpublish zones"))]
        indexes = directory_indexes("zone")
        constraints = [
            location_constraint(),
            models.CheckConstraint(
                condition=choices_check("kind", ZoneKind), name="%(app_label)s_%(class)s_kind_valid"
            ),
        ]

    def get_absolute_url(self):
        return reverse("projects:zone-detail", args=[self.slug])


class Organization(DirectoryRecord):
    """A partner: a Chinese, Singaporean or other body that takes part in CCI projects."""

    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[RegexValidator(COUNTRY_CODE_PATTERN, _("Use an ISO 3166-1 alpha-2 code, such as SG."))],
        help_text=_("ISO 3166-1 alpha-2 code: CN, SG, ..."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    website = WebAddressField(_("website"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="organizations", verbose_name=_("sources"))
    # The fields an organization is exchanged with, in order (the API, the import and export).
    record_fields = (
        "slug",
        "name_en",
        "name_zh",
        "country",
        "kind",
        "website",
        "established_date",
        "established_date_precision",
        "description_en",
        "description_zh",
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector", "search_vector_zh"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = [("publish_organization", _("Can publish and unpublish organizations"))]
        indexes = directory_indexes("org")
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=COUNTRY_CODE_PATTERN),
                name="%(app_label)s_%(class)s_country_iso_alpha2",
            ),
            models.CheckConstraint(
                condition=choices_check("kind", OrganizationKind), name="%(app_label)s_%(class)s_kind_valid"
            ),
        ]

    def get_absolute_url(self):
        return reverse("projects:organization-detail", args=[self.slug])
