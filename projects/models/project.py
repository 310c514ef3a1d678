"""Projects (their participants and milestones are in :mod:`projects.models.links`)."""

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.chinese import pinyin_sort_key
from core.localization import BilingualText
from core.models import ChineseSearchModel, PublishableModel
from core.validators import GreaterThanValidator
from projects.choices import (
    Currency,
    DatePrecision,
    ProjectStatus,
)
from projects.models.base import (
    FACET_COLUMNS,
    LAUNCH_DATE,
    PUBLIC_ID_PATTERN,
    USD_TOLERANCE,
    choices_check,
    optional_link,
    published_index,
    trigram_index,
)
from projects.models.directory import Organization, Zone
from projects.models.location import LocatedModel, location_constraint
from projects.models.reference import District, FocusArea, Scheme, Source
from projects.querysets import ProjectQuerySet


class Project(LocatedModel, ChineseSearchModel, PublishableModel):
    """A CCI cooperation project: the registry's central record."""

    public_id = models.CharField(
        _("identifier"),
        max_length=13,
        unique=True,
        editable=False,
        help_text=_("Stable public identifier, such as CCI-2019-0007; never changes."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True, default="", db_default="")
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True, default="", db_default="")

    focus_area = optional_link(FocusArea, related_name="projects", verbose_name=_("primary focus area"))
    other_focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="secondary_projects", verbose_name=_("other focus areas")
    )
    scheme = optional_link(Scheme, related_name="projects", verbose_name=_("scheme"))
    zone = optional_link(Zone, related_name="projects", verbose_name=_("zone"))
    district = optional_link(District, related_name="projects", verbose_name=_("district"))
    participants = models.ManyToManyField(
        Organization, through="ProjectParticipant", related_name="projects", verbose_name=_("participants")
    )

    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDENTIFICATION
    )
    signed_date = models.DateField(
        _("signed"),
        null=True,
        blank=True,
        help_text=_("On or after 7 November 2015, when the CCI was launched, and not in the future."),
    )
    signed_date_precision = models.CharField(
        _("signed date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    operation_start_date = models.DateField(_("operation started"), null=True, blank=True)
    operation_start_date_precision = models.CharField(
        _("operation start date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        db_default=DatePrecision.DAY,
    )

    contract_amount = models.DecimalField(
        _("contract amount"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("As reported, in the currency below."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    contract_amount_usd = models.DecimalField(
        _("contract amount (USD)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    usd_rate = models.DecimalField(
        _("USD per unit of currency"),
        max_digits=12,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[GreaterThanValidator(0)],
    )
    usd_rate_date = models.DateField(_("rate date"), null=True, blank=True)

    sources = models.ManyToManyField(Source, blank=True, related_name="projects", verbose_name=_("sources"))

    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title_en", weight="A", config="english")
            + SearchVector("summary_en", weight="B", config="english")
            + SearchVector("description_en", weight="C", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The title's pinyin (or the English title's letters), so that Chinese pages sort titles as a
    # Chinese reader expects: the embedded PostgreSQL has no ICU collation to do it.
    title_sort_zh = models.CharField(max_length=600, editable=False, default="", db_default="", db_collation="C")

    # What the project list's facets count, kept by database triggers from the focus areas
    # and the participants (see migration 0009): a project's facets in one row, no joins.
    facet_focus_areas = ArrayField(models.BigIntegerField(), default=list, editable=False)
    facet_partners = ArrayField(models.BigIntegerField(), default=list, editable=False)
    facet_countries = ArrayField(models.CharField(max_length=2), default=list, editable=False)  # published partners'
    # How complete the record is, kept by projects/completeness.py: a bit per fact it holds, and the share held.
    known_facts = models.PositiveSmallIntegerField(default=0, db_default=0, editable=False)
    completeness = models.PositiveSmallIntegerField(
        _("completeness"), default=0, db_default=0, editable=False, help_text=_("Share of the key facts known, in %.")
    )

    # Each amount's currency, as the history shows it ("2,500,000.00 CNY"): a field of the record, or a code.
    amount_currencies = {"contract_amount": "currency", "contract_amount_usd": "USD", "usd_rate": ""}

    # The fields a project is exchanged with, in their order: the API's representation, its CSV
    # columns, the import/export and the plain rows of the API's lists are built from this one list
    # (each adds its identifiers, links and stamps).
    record_fields = (
        "slug",
        "title_en",
        "title_zh",
        "summary_en",
        "summary_zh",
        "description_en",
        "description_zh",
        "status",
        "focus_area",
        "other_focus_areas",
        "scheme",
        "zone",
        "district",
        "latitude",
        "longitude",
        "location_precision",
        "participants",
        "contract_amount",
        "currency",
        "contract_amount_usd",
        "usd_rate",
        "usd_rate_date",
        "signed_date",
        "signed_date_precision",
        "operation_start_date",
        "operation_start_date_precision",
    )
    search_names = ("title_en", "title_zh")
    chinese_search_fields = {"A": ("title_zh",), "B": ("summary_zh",), "C": ("description_zh",)}
    title = BilingualText()
    summary = BilingualText()
    description = BilingualText()
    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "search_vector",
            "search_vector_zh",
            "title_sort_zh",
            "facet_focus_areas",
            "facet_partners",
            "facet_countries",
            "known_facts",
            "completeness",
        ]
    )

    class Meta:
        # Newest signing first; projects with no signing date after the dated ones.
        ordering = [models.F("signed_date").desc(nulls_last=True), "public_id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [("publish_project", _("Can publish and unpublish projects"))]
        indexes = [
            GinIndex(fields=["search_vector"], name="projects_project_search_gin"),
            GinIndex(fields=["search_vector_zh"], name="projects_project_search_zh_gin"),
            trigram_index("project", "title_en"),
            trigram_index("project", "title_zh"),
            # One per ordering the list and the API offer, over the published rows they show.
            published_index("signed_desc", models.F("signed_date").desc(nulls_last=True), models.F("public_id")),
            published_index("signed_asc", models.F("signed_date").asc(nulls_last=True), models.F("id")),
            published_index("amount_desc", models.F("contract_amount_usd").desc(nulls_last=True), models.F("id")),
            published_index("amount_asc", models.F("contract_amount_usd").asc(nulls_last=True), models.F("id")),
            published_index("title", models.F("title_en"), models.F("id")),
            published_index("title_zh", models.F("title_sort_zh"), models.F("id")),
            published_index("complete_desc", models.F("completeness").desc(nulls_last=True), models.F("id")),
            published_index("complete_asc", models.F("completeness").asc(nulls_last=True), models.F("id")),
            # Everything the list's facets count and its filters test (projects/breakdowns.py).
            models.Index(
                fields=["id"], include=FACET_COLUMNS, condition=Q(is_published=True), name="projects_pub_facets"
            ),
            # The map's points: the newest published projects that have one (few, in any registry).
            models.Index(
                models.F("public_id").desc(),
                condition=Q(is_published=True, latitude__isnull=False),
                name="projects_pub_with_point",
            ),
            # The admin's changelist: the same default order over every project, drafts included.
            models.Index(
                models.F("signed_date").desc(nulls_last=True),
                models.F("public_id"),
                name="projects_project_signed_desc",
            ),
        ]
        constraints = [
            location_constraint(),
            models.CheckConstraint(
                condition=Q(public_id__regex=PUBLIC_ID_PATTERN), name="%(app_label)s_%(class)s_public_id_format"
            ),
            models.CheckConstraint(
                condition=choices_check("status", ProjectStatus), name="%(app_label)s_%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=choices_check("currency", Currency, allow_blank=True),
                name="%(app_label)s_%(class)s_currency_valid",
            ),
            models.CheckConstraint(
                condition=Q(contract_amount__isnull=True) | Q(contract_amount__gte=0),
                name="%(app_label)s_%(class)s_amount_not_negative",
                violation_error_message=_("The contract amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(contract_amount_usd__isnull=True) | Q(contract_amount_usd__gte=0),
                name="%(app_label)s_%(class)s_amount_usd_not_negative",
                violation_error_message=_("The US-dollar amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(usd_rate__isnull=True) | Q(usd_rate__gt=0),
                name="%(app_label)s_%(class)s_usd_rate_positive",
            ),
            models.CheckConstraint(
                condition=Q(contract_amount__isnull=True) | ~Q(currency=""),
                name="%(app_label)s_%(class)s_amount_has_currency",
                violation_error_message=_("An amount needs its currency."),
            ),
            models.CheckConstraint(
                condition=Q(focus_area__isnull=False) | Q(scheme__isnull=False),
                name="%(app_label)s_%(class)s_focus_area_or_scheme",
                violation_error_message=_("A project belongs to a focus area, a scheme, or both."),
            ),
            models.CheckConstraint(
                condition=choices_check("signed_date_precision", DatePrecision),
                name="%(app_label)s_%(class)s_signed_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.public_id} {self.title}"

    def save(self, *args, **kwargs):
        if not self.public_id:
            self.public_id = next_public_id(self.signed_date.year if self.signed_date else timezone.now().year)
        super().save(*args, **kwargs)

    @classmethod
    def chinese_index_queryset(cls):
        linked = super().chinese_index_queryset().select_related("focus_area", "scheme", "zone", "district")
        return linked.prefetch_related("other_focus_areas")

    def chinese_index_values(self) -> dict:
        return {**super().chinese_index_values(), "title_sort_zh": pinyin_sort_key(self.title_zh or self.title_en)}

    def chinese_search_texts(self) -> dict[str, list[str]]:
        """Its own Chinese texts, and at the lowest weight the Chinese names of its focus area, scheme,
        zone and district: ``物流`` finds a logistics project whose text never says the word."""
        texts = super().chinese_search_texts()
        linked = [self.focus_area, self.scheme, self.zone, self.district]
        if self.pk is not None:
            linked += self.other_focus_areas.all()
        texts["D"] = [record.name_zh for record in linked if record is not None]
        return texts

    def get_absolute_url(self):
        return reverse("projects:project-detail", args=[self.public_id])

    def clean(self):
        """Rules across fields, checked by the admin, the import and the API alike."""
        super().clean()
        errors = {}
        if self.signed_date and self.signed_date > timezone.localdate():
            errors["signed_date"] = _("A project cannot be signed in the future.")
        if self.signed_date and self.signed_date < LAUNCH_DATE:
            errors["signed_date"] = _(
                "The CCI was launched on 7 November 2015: a project of it cannot be signed earlier."
            )
        if self.signed_date and self.operation_start_date and self.operation_start_date < self.signed_date:
            errors["operation_start_date"] = _("Operation cannot start before the project is signed.")
        if usd_error := self._usd_equivalent_error():
            errors["contract_amount_usd"] = usd_error
        if errors:
            raise ValidationError(errors)

    def _usd_equivalent_error(self):
        """The US-dollar amount must be the reported amount at the stated rate (within 1%)."""
        if self.contract_amount is None or self.contract_amount_usd is None:
            return None
        rate = Decimal("1") if self.currency == Currency.USD else self.usd_rate
        if rate is None:
            return _("Give the rate used for the US-dollar amount, and its date.")
        expected = self.contract_amount * rate
        if abs(self.contract_amount_usd - expected) > max(expected * USD_TOLERANCE, Decimal("0.01")):
            return _("At %(rate)s USD per %(currency)s, %(amount)s %(currency)s is about US$%(expected)s.") % {
                "rate": rate.normalize(),
                "currency": self.currency,
                "amount": f"{self.contract_amount:,.2f}",
                "expected": f"{expected:,.2f}",
            }
        return None


def next_public_id(year: int) -> str:
    """The next free identifier of a year: CCI-<year>-<four-digit sequence>."""
    prefix = f"CCI-{year}-"
    last = (
        Project.objects.filter(public_id__startswith=prefix)
        .order_by("-public_id")
        .values_list("public_id", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"
