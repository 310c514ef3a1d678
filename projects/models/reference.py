"""Reference records: sources, focus areas, schemes and districts."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.localization import BilingualText
from core.models import BilingualNameModel, WebAddressField
from core.querysets import VocabularyQuerySet


class Source(models.Model):
    """Where a fact came from: a page on the web, or a document the bureau holds."""

    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True, default="", db_default="")
    publisher_en = models.CharField(_("publisher (English)"), max_length=200)
    publisher_zh = models.CharField(_("publisher (Chinese)"), max_length=200, blank=True, default="", db_default="")
    url = WebAddressField(_("URL"), max_length=500, blank=True)
    document_en = models.CharField(
        _("document reference (English)"),
        max_length=300,
        blank=True,
        help_text=_("Where the source is kept when it has no public URL."),
    )
    document_zh = models.CharField(
        _("document reference (Chinese)"), max_length=300, blank=True, default="", db_default=""
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # Sources show inside projects and figures in the API: their edits must change its ETags.
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    # The fields a source is exchanged with, in order (the API, the import and export).
    record_fields = (
        "id",
        "title_en",
        "title_zh",
        "publisher_en",
        "publisher_zh",
        "url",
        "document_en",
        "document_zh",
        "published_on",
    )

    class Meta:
        ordering = ["-published_on", "title_en"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(document_en=""),
                name="%(app_label)s_%(class)s_url_or_document",
                violation_error_message=_("A source needs a URL or a document reference."),
            ),
        ]

    title = BilingualText()
    publisher = BilingualText()
    document = BilingualText()

    def __str__(self):
        return f"{self.publisher}: {self.title}"


class CodedVocabularyModel(BilingualNameModel):
    """A fixed list kept by a data migration, each entry with a short stable code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True, default="", db_default="")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    description = BilingualText()
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "code"]


class FocusArea(CodedVocabularyModel):
    """One of the four CCI focus areas (financial services, aviation, logistics, ICT)."""

    class Meta(CodedVocabularyModel.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def get_absolute_url(self):
        return reverse("projects:focus-area-detail", args=[self.code])


class Scheme(CodedVocabularyModel):
    """One of the four CCI cooperation schemes (business, agriculture, talent, culture and tourism)."""

    class Meta(CodedVocabularyModel.Meta):
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def get_absolute_url(self):
        return reverse("projects:scheme-detail", args=[self.code])


class District(BilingualNameModel):
    """A place in Chongqing: a district, county or new area, with a representative point."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    # The 6-digit administrative division code (GB/T 2260) that its boundary is drawn by on the map;
    # empty for a place that is no division of its own, such as Liangjiang New Area.
    code = models.CharField(
        _("division code"),
        max_length=6,
        blank=True,
        default="",
        db_default="",
        validators=[RegexValidator(r"^50[0-9]{4}$", _("Use Chongqing's 6-digit division code, such as 500112."))],
        help_text=_("Administrative division code, such as 500112 for Yubei District."),
    )
    description_en = models.TextField(_("description (English)"), blank=True, default="", db_default="")
    description_zh = models.TextField(_("description (Chinese)"), blank=True, default="", db_default="")
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="districts", verbose_name=_("sources"))

    description = BilingualText()
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="%(app_label)s_%(class)s_code_unique",
                violation_error_message=_("Another district has this division code."),
            ),
            models.CheckConstraint(
                condition=Q(code="") | Q(code__regex=r"^50[0-9]{4}$"),
                name="%(app_label)s_%(class)s_code_format",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="%(app_label)s_%(class)s_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="%(app_label)s_%(class)s_longitude_range",
            ),
        ]

    def get_absolute_url(self):
        return reverse("projects:district-detail", args=[self.slug])
