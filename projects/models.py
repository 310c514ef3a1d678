"""The registry: what the CCI signed, in which area, with whom, where and for how much."""

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.localization import localized
from core.models import BilingualNameModel, PublishableModel
from core.querysets import PublishableQuerySet, VocabularyQuerySet
from projects.choices import (
    Currency,
    DatePrecision,
    FigureMetric,
    FigureQualifier,
    FigureScope,
    FigureUnit,
    OrganizationKind,
    ParticipantRole,
    ProjectStatus,
    ZoneKind,
)
from projects.querysets import ProjectQuerySet

PUBLIC_ID_PATTERN = r"^CCI-[0-9]{4}-[0-9]{4}$"
# How far a stated US-dollar amount may be from amount x rate (rounding in the sources).
USD_TOLERANCE = Decimal("0.01")
COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"


def _trigram_index(model: str, field: str) -> GinIndex:
    """A trigram index: typo-tolerant similarity and substring search (Chinese names too)."""
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"projects_{model}_{field}_trgm")


# What the list's facets count and its filters test, so both read an index-only scan.
FACET_COLUMNS = [
    "scheme_id",
    "zone_id",
    "district_id",
    "status",
    "signed_date",
    "contract_amount_usd",
    "facet_focus_areas",
    "facet_partners",
    "facet_countries",
]


def _published_index(name: str, *expressions) -> models.Index:
    """An index over published projects only: the rows every public list reads and sorts."""
    return models.Index(*expressions, name=f"projects_pub_{name}", condition=Q(is_published=True))


def _name_search_vector() -> SearchVector:
    return SearchVector("name_en", weight="A", config="english") + SearchVector(
        "description", weight="B", config="english"
    )


def _choices_check(field: str, choices, *, allow_blank: bool = False) -> Q:
    values = list(choices.values)
    if allow_blank:
        values.append("")
    return Q(**{f"{field}__in": values})


class Source(models.Model):
    """Where a fact came from: a page on the web, or a document the bureau holds."""

    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    document = models.CharField(
        _("document reference"),
        max_length=300,
        blank=True,
        help_text=_("Where the source is kept when it has no public URL."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # Sources show inside projects and figures in the API: their edits must change its ETags.
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(document=""),
                name="%(app_label)s_%(class)s_url_or_document",
                violation_error_message=_("A source needs a URL or a document reference."),
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


class CodedVocabularyModel(BilingualNameModel):
    """A fixed list kept by a data migration, each entry with a short stable code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

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
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="districts", verbose_name=_("sources"))

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
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


class Zone(BilingualNameModel, PublishableModel):
    """A demonstration zone, park, base, centre, port or data channel of the CCI."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ZoneKind.choices)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zones",
        verbose_name=_("focus area"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zones",
        verbose_name=_("district"),
    )
    description = models.TextField(_("description"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="zones", verbose_name=_("sources"))
    search_vector = models.GeneratedField(
        expression=_name_search_vector(), output_field=SearchVectorField(), db_persist=True
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        permissions = [("publish_zone", _("Can publish and unpublish zones"))]
        indexes = [
            GinIndex(fields=["search_vector"], name="projects_zone_search_gin"),
            _trigram_index("zone", "name_en"),
            _trigram_index("zone", "name_zh"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_choices_check("kind", ZoneKind), name="%(app_label)s_%(class)s_kind_valid"
            ),
        ]

    def get_absolute_url(self):
        return reverse("projects:zone-detail", args=[self.slug])


class Organization(BilingualNameModel, PublishableModel):
    """A partner: a Chinese, Singaporean or other body that takes part in CCI projects."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[RegexValidator(COUNTRY_CODE_PATTERN, _("Use an ISO 3166-1 alpha-2 code, such as SG."))],
        help_text=_("ISO 3166-1 alpha-2 code: CN, SG, ..."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="organizations", verbose_name=_("sources"))
    search_vector = models.GeneratedField(
        expression=_name_search_vector(), output_field=SearchVectorField(), db_persist=True
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = [("publish_organization", _("Can publish and unpublish organizations"))]
        indexes = [
            GinIndex(fields=["search_vector"], name="projects_org_search_gin"),
            _trigram_index("org", "name_en"),
            _trigram_index("org", "name_zh"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=COUNTRY_CODE_PATTERN),
                name="%(app_label)s_%(class)s_country_iso_alpha2",
            ),
            models.CheckConstraint(
                condition=_choices_check("kind", OrganizationKind), name="%(app_label)s_%(class)s_kind_valid"
            ),
        ]

    def get_absolute_url(self):
        return reverse("projects:organization-detail", args=[self.slug])


class Project(PublishableModel):
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
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)

    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("primary focus area"),
    )
    other_focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="secondary_projects", verbose_name=_("other focus areas")
    )
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("scheme")
    )
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("zone")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("district"),
    )
    participants = models.ManyToManyField(
        Organization, through="ProjectParticipant", related_name="projects", verbose_name=_("participants")
    )

    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDENTIFICATION
    )
    signed_date = models.DateField(_("signed"), null=True, blank=True)
    signed_date_precision = models.CharField(
        _("signed date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    operation_start_date = models.DateField(_("operation started"), null=True, blank=True)

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
        validators=[MinValueValidator(0)],
    )
    usd_rate_date = models.DateField(_("rate date"), null=True, blank=True)

    sources = models.ManyToManyField(Source, blank=True, related_name="projects", verbose_name=_("sources"))

    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title_en", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("description", weight="C", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    # What the project list's facets count, kept by database triggers from the focus areas
    # and the participants (see migration 0009): a project's facets in one row, no joins.
    facet_focus_areas = ArrayField(models.BigIntegerField(), default=list, editable=False)
    facet_partners = ArrayField(models.BigIntegerField(), default=list, editable=False)
    facet_countries = ArrayField(models.CharField(max_length=2), default=list, editable=False)  # published partners'

    search_names = ("title_en", "title_zh")
    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at", "search_vector", "facet_focus_areas", "facet_partners", "facet_countries"]
    )

    class Meta:
        # Newest signing first; projects with no signing date after the dated ones.
        ordering = [models.F("signed_date").desc(nulls_last=True), "public_id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [("publish_project", _("Can publish and unpublish projects"))]
        indexes = [
            GinIndex(fields=["search_vector"], name="projects_project_search_gin"),
            _trigram_index("project", "title_en"),
            _trigram_index("project", "title_zh"),
            # One per ordering the list and the API offer, over the published rows they show.
            _published_index("signed_desc", models.F("signed_date").desc(nulls_last=True), models.F("public_id")),
            _published_index("signed_asc", models.F("signed_date").asc(nulls_last=True), models.F("id")),
            _published_index("amount_desc", models.F("contract_amount_usd").desc(nulls_last=True), models.F("id")),
            _published_index("amount_asc", models.F("contract_amount_usd").asc(nulls_last=True), models.F("id")),
            _published_index("title", models.F("title_en"), models.F("id")),
            # Everything the list's facets count and its filters test (projects/breakdowns.py).
            models.Index(
                fields=["id"], include=FACET_COLUMNS, condition=Q(is_published=True), name="projects_pub_facets"
            ),
            # The admin's changelist: the same default order over every project, drafts included.
            models.Index(
                models.F("signed_date").desc(nulls_last=True),
                models.F("public_id"),
                name="projects_project_signed_desc",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(public_id__regex=PUBLIC_ID_PATTERN), name="%(app_label)s_%(class)s_public_id_format"
            ),
            models.CheckConstraint(
                condition=_choices_check("status", ProjectStatus), name="%(app_label)s_%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=_choices_check("currency", Currency, allow_blank=True),
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
                condition=_choices_check("signed_date_precision", DatePrecision),
                name="%(app_label)s_%(class)s_signed_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.public_id} {self.title_en}"

    def save(self, *args, **kwargs):
        if not self.public_id:
            self.public_id = next_public_id(self.signed_date.year if self.signed_date else timezone.now().year)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:project-detail", args=[self.public_id])

    def clean(self):
        """Rules across fields, checked by the admin, the import and the API alike."""
        super().clean()
        errors = {}
        if self.signed_date and self.signed_date > timezone.localdate():
            errors["signed_date"] = _("A project cannot be signed in the future.")
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

    @property
    def title(self) -> str:
        return localized(self, "title")


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


class ProjectParticipant(models.Model):
    """An organization's part in a project, with its role."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
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
                condition=_choices_check("role", ParticipantRole), name="%(app_label)s_%(class)s_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class Milestone(models.Model):
    """A dated step in a project's life: signing, groundbreaking, opening..."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="milestones", verbose_name=_("source")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=_choices_check("date_precision", DatePrecision),
                name="%(app_label)s_%(class)s_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title_en}"

    @property
    def title(self) -> str:
        return localized(self, "title")


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
        # xgettext:no-python-format
        help_text=_("For example 24 when Liangjiang holds 24% of Chongqing's count."),
    )
    share_scope = models.CharField(_("wider scope"), max_length=20, choices=FigureScope.choices, blank=True)
    counted_since = models.DateField(_("counted since"), null=True, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True, help_text=_("Blank when the source states no date."))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures", verbose_name=_("source"))

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
                condition=_choices_check("metric", FigureMetric), name="%(app_label)s_%(class)s_metric_valid"
            ),
            models.CheckConstraint(
                condition=_choices_check("unit", FigureUnit), name="%(app_label)s_%(class)s_unit_valid"
            ),
            models.CheckConstraint(
                condition=_choices_check("scope", FigureScope), name="%(app_label)s_%(class)s_scope_valid"
            ),
        ]

    def __str__(self):
        return self.label_en

    @property
    def label(self) -> str:
        return localized(self, "label")
