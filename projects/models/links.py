"""A project's links: the organizations taking part in it, with their roles, and its milestones."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.localization import BilingualText
from projects.choices import DatePrecision, ParticipantRole
from projects.models.base import choices_check, optional_link
from projects.models.directory import Organization
from projects.models.project import Project
from projects.models.reference import Source


class ProjectParticipant(models.Model):
    """An organization's part in a project, with its role."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participations", verbose_name=_("project")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="participations", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization", "role"], name="%(app_label)s_%(class)s_unique_role"
            ),
            models.CheckConstraint(
                condition=choices_check("role", ParticipantRole), name="%(app_label)s_%(class)s_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class Milestone(models.Model):
    """A dated step in a project's life: signing, groundbreaking, opening..."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    source = optional_link(Source, related_name="milestones", verbose_name=_("source"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=choices_check("date_precision", DatePrecision),
                name="%(app_label)s_%(class)s_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    title = BilingualText()
