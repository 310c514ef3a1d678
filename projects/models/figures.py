"""Official headline figures, kept beside the totals the registry computes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.localization import BilingualText
from core.models import PublishableModel
from core.querysets import PublishableQuerySet
from projects.choices import (
    DatePrecision,
    FigureMetric,
    FigureQualifier,
    FigureScope,
    FigureUnit,
)
from projects.models.base import choices_check
from projects.models.reference import Source


class ReportedFigure(PublishableModel):
    """An official headline figure, kept beside the totals the registry computes."""

    label_en = models.CharField(_("label (English)"), max_length=300)
    label_zh = models.CharField(_("label (Chinese)"), max_length=300, blank=True)
    metric = models.CharField(_("what it counts"), max_length=30, choices=FigureMetric.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit or currency"), max_length=10, choices=FigureUnit.choices)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=FigureQualifier.choices, default=FigureQualifier.EXACT
    )
    scope = models.CharField(_("scope"), max_length=20, choices=FigureScope.choices)
    share_percent = models.DecimalField(
        _("share of the wider scope (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        # xgettext:no-python-format
        help_text=_("For example 24 when Liangjiang holds 24% of Chongqing's count."),
    )
    share_scope = models.CharField(_("wider scope"), max_length=20, choices=FigureScope.choices, blank=True)
    counted_since = models.DateField(_("counted since"), null=True, blank=True)
    counted_since_precision = models.CharField(
        _("counted since precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        db_default=DatePrecision.DAY,
        help_text=_("A year alone (“since 2015”) is stored as 1 January with the precision year."),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True, help_text=_("Blank when the source states no date."))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures", verbose_name=_("source"))

    # The fields a figure is exchanged with, in order (the API, the import and export).
    record_fields = (
        "id",
        "label_en",
        "label_zh",
        "metric",
        "value",
        "unit",
        "qualifier",
        "scope",
        "share_percent",
        "share_scope",
        "counted_since",
        "counted_since_precision",
        "as_of",
        "source",
    )
    search_names = ("label_en", "label_zh")
    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["metric", "-as_of", "id"]
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        permissions = [("publish_reportedfigure", _("Can publish and unpublish reported figures"))]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="%(app_label)s_%(class)s_value_not_negative"),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True) | Q(share_percent__gte=0, share_percent__lte=100),
                name="%(app_label)s_%(class)s_share_is_percent",
            ),
            models.CheckConstraint(
                condition=choices_check("metric", FigureMetric), name="%(app_label)s_%(class)s_metric_valid"
            ),
            models.CheckConstraint(
                condition=choices_check("unit", FigureUnit), name="%(app_label)s_%(class)s_unit_valid"
            ),
            models.CheckConstraint(
                condition=choices_check("scope", FigureScope), name="%(app_label)s_%(class)s_scope_valid"
            ),
            models.CheckConstraint(
                condition=choices_check("counted_since_precision", DatePrecision),
                name="%(app_label)s_%(class)s_counted_since_precision_valid",
            ),
        ]

    def __str__(self):
        return self.label

    label = BilingualText()
