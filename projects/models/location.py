"""Where a project or zone is: a point and how exactly the point places it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.choices import LocationPrecision
from projects.models.base import choices_check


def coordinate_field(verbose_name, limit: int) -> models.DecimalField:
    """Degrees to five places (about a metre), the way districts keep theirs."""
    return models.DecimalField(
        verbose_name,
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )


class LocatedModel(models.Model):
    """A record that may carry a point (WGS 84) and its precision: both coordinates and the precision, or none."""

    latitude = coordinate_field(_("latitude"), 90)
    longitude = coordinate_field(_("longitude"), 180)
    location_precision = models.CharField(
        _("location precision"),
        max_length=12,
        choices=LocationPrecision.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_("How exactly the point places it: an exact site, near it, the district's centre or Chongqing's."),
    )

    class Meta:
        abstract = True

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def location_constraint() -> models.CheckConstraint:
    """Both coordinates in range and a precision, or none of the three (each model's Meta lists it)."""
    return models.CheckConstraint(
        condition=(
            Q(latitude__isnull=True, longitude__isnull=True, location_precision="")
            | (
                Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180)
                & choices_check("location_precision", LocationPrecision)
            )
        ),
        name="%(app_label)s_%(class)s_location_complete",
        violation_error_message=_("Give both coordinates and their precision, or none of them."),
    )
