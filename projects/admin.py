"""The registry in the Django admin: what bureau staff scan, edit, publish, import and export
(the shared publishing, history and import rules are :mod:`core.admin`)."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import (
    HTTPS_URLS,
    NamedValueFilter,
    PublishableAdmin,
    ReadOnlyListAdmin,
    RegistryImportExportMixin,
    TabularInline,
    VocabularyAdmin,
)
from core.admin_bilingual import BilingualAdminMixin, bilingual_value_filter
from core.admin_widgets import SafeAutocompleteMixin
from projects import countries
from projects.completeness import FACTS
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)
from projects.resources import (
    DistrictResource,
    OrganizationResource,
    ProjectResource,
    ReportedFigureResource,
    SourceResource,
    ZoneResource,
)


class ProjectParticipantInline(TabularInline):
    """The organizations taking part in a project, each with its role."""

    model = ProjectParticipant
    fields = ["organization", "role", "position"]
    autocomplete_fields = ["organization"]
    extra = 1


class MilestoneInline(TabularInline):
    """Dated steps of a project's life."""

    model = Milestone
    fields = ["date", "date_precision", "title_en", "title_zh", "source"]
    autocomplete_fields = ["source"]
    extra = 0


class ProjectSourceInline(TabularInline):
    """Where the project's facts come from."""

    model = Project.sources.through
    autocomplete_fields = ["source"]
    extra = 0
    verbose_name = _("source")
    verbose_name_plural = _("sources")


class CountryFilter(NamedValueFilter):
    """Organizations by country, each named in the reader's language (``?country=SG``)."""

    title = _("country")
    parameter_name = field = "country"
    name_of = staticmethod(countries.country_name)


class ParticipantCountryFilter(CountryFilter):
    parameter_name = field = "organization__country"


class PartnerFilter(admin.SimpleListFilter):
    """Projects an organization takes part in (``?partner=<slug>``), in any role.

    The sidebar lists the partners in the most projects, not all 5,000: any other partner is one
    search away (the changelist search covers partners' names) or named by its slug in the address.
    """

    title = _("partner")
    parameter_name = "partner"
    listed = 20

    def lookups(self, request, model_admin):
        # Ranked by parts taken (a partner may have two roles in a project): counting distinct
        # projects over all 300,000 parts would take 100 ms at 100,000 projects, this 25 ms.
        busiest = (
            ProjectParticipant.objects.values("organization_id")
            .annotate(parts=Count("pk"))
            .order_by("-parts", "organization_id")
            .values("organization_id")[: self.listed]
        )
        projects = (
            ProjectParticipant.objects.filter(organization=OuterRef("pk"))
            .order_by()
            .values("organization_id")
            .annotate(projects=Count("project_id", distinct=True))
            .values("projects")
        )
        # The partner chosen stays listed (and shown as chosen) when it is not one of the busiest.
        partners = Organization.objects.filter(models.Q(pk__in=busiest) | models.Q(slug=self.value() or ""))
        partners = partners.annotate(project_count=Subquery(projects)).order_by(
            models.F("project_count").desc(nulls_last=True), "name_en"
        )
        # Named in the reader's language, as every vocabulary of the admin.
        return [
            (partner.slug, f"{partner} ({partner.project_count or 0:,})")
            for partner in partners.only("slug", "name_en", "name_zh")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        taking_part = ProjectParticipant.objects.filter(organization__slug=self.value()).values("project_id")
        return queryset.filter(pk__in=taking_part)


class MissingFactFilter(admin.SimpleListFilter):
    """``?missing=<fact>``: the projects whose record lacks one key fact (projects/completeness.py);
    with the completeness column, sorted least complete first, the records most in need of work."""

    title = _("missing fact")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(fact.key, fact.label) for fact in FACTS]

    def queryset(self, request, queryset):
        fact = next((fact for fact in FACTS if fact.key == self.value()), None)
        if fact is None:
            return queryset
        return queryset.alias(held=models.F("known_facts").bitand(fact.bit)).filter(held=0)


@admin.register(Project)
class ProjectAdmin(BilingualAdminMixin, RegistryImportExportMixin, PublishableAdmin):
    """Projects: the registry's central record."""

    resource_classes = [ProjectResource]
    list_display = [
        "public_id",
        "titles",
        "focus_area",
        "status",
        "amount_usd",
        "completeness_shown",
        "is_published",
        "updated_at",
    ]
    list_display_links = ["public_id", "titles"]
    list_filter = [
        "is_published",
        "status",
        "focus_area",
        "scheme",
        "zone",
        "district",
        PartnerFilter,
        MissingFactFilter,
    ]
    list_select_related = ["focus_area"]
    search_fields = ["public_id", "slug", "title_en", "title_zh", "participants__name_en", "participants__name_zh"]
    date_hierarchy = "signed_date"
    # The model's ordering (newest signing first, undated last), which an index over drafts too serves.
    ordering = [models.F("signed_date").desc(nulls_last=True), "public_id"]
    # "N of 100,000 selected" would count the whole registry again on every filtered page.
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["focus_area", "scheme", "zone", "district"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [ProjectParticipantInline, MilestoneInline, ProjectSourceInline]
    fieldsets = [
        # Each bilingual field's English and Chinese side by side, on one row.
        (
            None,
            {
                "fields": [
                    "public_id",
                    ("title_en", "title_zh"),
                    "slug",
                    ("summary_en", "summary_zh"),
                    ("description_en", "description_zh"),
                ]
            },
        ),
        (_("Classification"), {"fields": ["focus_area", "other_focus_areas", "scheme", "zone", "district"]}),
        (_("Location"), {"fields": [("latitude", "longitude", "location_precision")]}),
        (
            _("Status and dates"),
            {
                "fields": [
                    "status",
                    ("signed_date", "signed_date_precision"),
                    ("operation_start_date", "operation_start_date_precision"),
                ]
            },
        ),
        (
            _("Amount"),
            {"fields": ["contract_amount", "currency", "contract_amount_usd", "usd_rate", "usd_rate_date"]},
        ),
        (_("Publishing"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "other_focus_areas":  # four at most: boxes to tick rather than a search
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("title"), ordering="title_en")
    def titles(self, project: Project) -> str:
        """The English title, with the Chinese one below it when there is one."""
        if not project.title_zh:
            return project.title_en
        return format_html('{}<br><span lang="zh-Hans">{}</span>', project.title_en, project.title_zh)

    @admin.display(description=_("amount (USD)"), ordering="contract_amount_usd")
    def amount_usd(self, project: Project) -> str | None:
        if project.contract_amount_usd is None:
            return None
        return f"{project.contract_amount_usd:,.2f}"

    @admin.display(description=_("completeness"), ordering="completeness")
    def completeness_shown(self, project: Project) -> str:
        return f"{project.completeness}%"


@admin.register(Organization)
class OrganizationAdmin(BilingualAdminMixin, RegistryImportExportMixin, PublishableAdmin):
    """Partners taking part in projects."""

    resource_classes = [OrganizationResource]
    list_display = ["name_en", "name_zh", "slug", "country_name", "kind", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", CountryFilter]
    search_fields = ["name_en", "name_zh", "slug"]
    ordering = ["name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["sources"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        ("name_en", "name_zh"),
        "slug",
        "country",
        "kind",
        "website",
        ("established_date", "established_date_precision"),
        ("description_en", "description_zh"),
        "sources",
        "is_published",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, organization: Organization) -> str:
        return countries.country_name(organization.country)


@admin.register(Zone)
class ZoneAdmin(BilingualAdminMixin, RegistryImportExportMixin, PublishableAdmin):
    """Demonstration zones, parks, bases, centres, ports and channels."""

    resource_classes = [ZoneResource]
    list_display = ["name_en", "name_zh", "kind", "focus_area", "district", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", "focus_area", "district"]
    list_select_related = ["focus_area", "district"]
    search_fields = ["name_en", "name_zh", "slug"]
    ordering = ["name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["focus_area", "district", "sources"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        ("name_en", "name_zh"),
        "slug",
        "kind",
        "focus_area",
        "district",
        ("latitude", "longitude", "location_precision"),
        ("established_date", "established_date_precision"),
        ("description_en", "description_zh"),
        "sources",
        "is_published",
        "created_at",
        "updated_at",
    ]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(BilingualAdminMixin, RegistryImportExportMixin, PublishableAdmin):
    """Official headline figures, kept beside the totals the registry computes."""

    resource_classes = [ReportedFigureResource]
    list_display = ["label_en", "label_zh", "metric", "value", "unit", "scope", "as_of", "is_published", "updated_at"]
    list_filter = ["is_published", "metric", "scope", "unit"]
    search_fields = ["label_en", "label_zh"]
    date_hierarchy = "as_of"
    ordering = ["metric", "-as_of"]
    autocomplete_fields = ["source"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(District)
class DistrictAdmin(BilingualAdminMixin, RegistryImportExportMixin, SafeAutocompleteMixin, admin.ModelAdmin):
    """Places in Chongqing."""

    resource_classes = [DistrictResource]
    list_display = ["name_en", "name_zh", "slug", "code", "latitude", "longitude"]
    search_fields = ["name_en", "name_zh", "slug", "code"]
    ordering = ["name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["sources"]
    fields = [
        ("name_en", "name_zh"),
        "slug",
        "code",
        ("description_en", "description_zh"),
        ("latitude", "longitude"),
        "sources",
    ]


@admin.register(Source)
class SourceAdmin(BilingualAdminMixin, RegistryImportExportMixin, admin.ModelAdmin):
    """Where facts come from: a web page or a document the bureau holds. Other files name a source by its id."""

    resource_classes = [SourceResource]
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "publisher", "published_on", "url", "document"]
    list_filter = [bilingual_value_filter("publisher", _("publisher"))]
    search_fields = ["title_en", "title_zh", "publisher_en", "publisher_zh", "url", "document_en", "document_zh"]
    date_hierarchy = "published_on"
    ordering = ["-published_on", "title_en"]
    fields = [
        ("title_en", "title_zh"),
        ("publisher_en", "publisher_zh"),
        "url",
        ("document_en", "document_zh"),
        "published_on",
    ]


admin.site.register(FocusArea, VocabularyAdmin)
admin.site.register(Scheme, VocabularyAdmin)


@admin.register(ProjectParticipant)
class ProjectParticipantAdmin(ReadOnlyListAdmin):
    """Every partner's part in every project, to answer "where does this organization take part?".

    Read-only: participants are edited on their project's page, so that saving the project
    records the change in its history and its ``updated_at`` (which API mirrors sync on).
    """

    list_display = ["organization", "role", "project", "organization_country"]
    list_filter = ["role", ParticipantCountryFilter]
    search_fields = ["organization__name_en", "organization__name_zh", "project__public_id", "project__title_en"]
    autocomplete_fields = ["project", "organization"]
    list_select_related = ["organization", "project"]
    ordering = ["organization__name_en", "project__public_id"]

    @admin.display(description=_("country"), ordering="organization__country")
    def organization_country(self, participant):
        return countries.country_name(participant.organization.country)


@admin.register(Milestone)
class MilestoneAdmin(BilingualAdminMixin, ReadOnlyListAdmin):
    """Every project's dated steps, newest first, with the titles still lacking their Chinese. Read-only,
    like the participants list."""

    list_display = ["date", "date_precision", "title_en", "title_zh", "project"]
    list_filter = ["date_precision"]
    search_fields = ["title_en", "title_zh", "project__public_id", "project__title_en"]
    date_hierarchy = "date"
    autocomplete_fields = ["project", "source"]
    list_select_related = ["project"]
    ordering = ["-date", "project__public_id"]
