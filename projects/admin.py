"""The registry in the Django admin: what bureau staff scan, edit, publish, import and export.

Publishing is a permission of its own (``<app>.publish_<model>``), checked on the server: the
flag is read-only for staff without it, a posted or reverted flag is refused by the form, and
the publish actions go through ``projects.services.set_published``, which checks it again.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

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
from projects.resources import OrganizationResource, ProjectResource, ReportedFigureResource
from projects.services import published_change_refusal, set_published

# Django 6 will assume https for a URL typed without a scheme; the bureau's sources are https already.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}

PUBLISH_ACTIONS = ("publish_selected", "unpublish_selected")


class PublishGuardedForm(forms.ModelForm):
    """Refuses a change of the published flag by a user who may not publish.

    The flag is read-only for such a user, so it is not a form field: the form looks at the
    raw posted value (a crafted POST) and at the instance (a history revert) instead.
    """

    publish_user = None  # set by the admin for each request

    def clean(self):
        cleaned_data = super().clean()
        requested = self.instance.is_published
        key = self.add_prefix("is_published")
        if "is_published" in self.fields:
            requested = cleaned_data.get("is_published", requested)
        elif key in self.data:
            requested = forms.CheckboxInput().value_from_datadict(self.data, self.files, key)
        refusal = published_change_refusal(user=self.publish_user, instance=self.instance, requested=requested)
        if refusal:
            raise ValidationError(refusal, code="permission")
        return cleaned_data


def _change_reason(form, record) -> str:
    """What a save in the admin did, for the history: "Added", "Published", "Changed title_en, summary"."""
    if not record.pk:
        return "Added"
    if "is_published" in form.changed_data:
        return "Published" if record.is_published else "Unpublished"
    return "Changed " + ", ".join(form.changed_data) if form.changed_data else "Saved in the admin"


class PublishableAdmin(SimpleHistoryAdmin):
    """Admin of a model with a published flag, a publish permission and a history.

    Records start as drafts; the actions publish and unpublish a selection; the history
    shows who changed what (field: old → new) and reverts to an earlier version.
    """

    form = PublishGuardedForm
    formfield_overrides = HTTPS_URLS
    actions = PUBLISH_ACTIONS

    def has_publish_permission(self, request, obj=None) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request) and "is_published" not in readonly:
            readonly.append("is_published")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.publish_user = request.user
        return form

    def changelist_view(self, request, extra_context=None):
        # The actions are hidden from staff who may not publish; a crafted POST is refused outright.
        publishing = request.method == "POST" and request.POST.get("action") in PUBLISH_ACTIONS
        if publishing and not self.has_publish_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history hides the Revert button from view-only staff but would still save a POST.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # The history links each author to the user admin, which only user managers may open;
        # for everyone else the name is shown without a link (an empty URL name resolves to none).
        if not request.user.has_perm("auth.change_user"):
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        refusal = published_change_refusal(user=request.user, instance=obj, requested=obj.is_published)
        if refusal:
            raise PermissionDenied(refusal)
        if not getattr(obj, "_change_reason", None):
            obj._change_reason = _change_reason(form, obj)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected %(verbose_name_plural)s"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._set_published(request, queryset, published=True)

    @admin.action(description=_("Unpublish the selected %(verbose_name_plural)s"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._set_published(request, queryset, published=False)

    def _set_published(self, request, queryset, *, published: bool):
        changed = set_published(queryset=queryset, published=published, user=request.user)
        template = _("%(count)d %(items)s published.") if published else _("%(count)d %(items)s unpublished.")
        self.message_user(
            request, template % {"count": changed, "items": model_ngettext(self.opts, changed)}, messages.SUCCESS
        )


class RegistryImportExportMixin(ImportExportMixin):
    """Import and export in CSV and XLSX: importing needs add and change, exporting needs view.

    An import is previewed first (a dry run) and written in one transaction, only when every
    row is valid; the export follows the changelist's filters and search.
    """

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_result(self, result, request):
        # Reached only by a confirmation whose file no longer passes: the transaction was rolled back.
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                _("Nothing was imported: the file has errors. Import it again to see them row by row."),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)

    def get_import_data_kwargs(self, **kwargs):
        # A confirmed import is written only when every row is valid, even if the file changed
        # between the preview and the confirmation.
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs


class ProjectParticipantInline(admin.TabularInline):
    """The organizations taking part in a project, each with its role."""

    model = ProjectParticipant
    fields = ["organization", "role", "position"]
    autocomplete_fields = ["organization"]
    extra = 1


class MilestoneInline(admin.TabularInline):
    """Dated steps of a project's life."""

    model = Milestone
    fields = ["date", "date_precision", "title_en", "title_zh", "source"]
    autocomplete_fields = ["source"]
    extra = 0


class ProjectSourceInline(admin.TabularInline):
    """Where the project's facts come from."""

    model = Project.sources.through
    autocomplete_fields = ["source"]
    extra = 0
    verbose_name = _("source")
    verbose_name_plural = _("sources")


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
        return [
            (slug, f"{name} ({count or 0:,})")
            for slug, name, count in partners.values_list("slug", "name_en", "project_count")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        taking_part = ProjectParticipant.objects.filter(organization__slug=self.value()).values("project_id")
        return queryset.filter(pk__in=taking_part)


@admin.register(Project)
class ProjectAdmin(RegistryImportExportMixin, PublishableAdmin):
    """Projects: the registry's central record."""

    resource_classes = [ProjectResource]
    list_display = [
        "public_id",
        "titles",
        "focus_area",
        "status",
        "amount_usd",
        "is_published",
        "updated_at",
    ]
    list_display_links = ["public_id", "titles"]
    list_filter = ["is_published", "status", "focus_area", "scheme", "zone", "district", PartnerFilter]
    list_select_related = ["focus_area"]
    search_fields = ["public_id", "slug", "title_en", "title_zh", "participants__name_en", "participants__name_zh"]
    date_hierarchy = "signed_date"
    # The model's ordering (newest signing first, undated last), which an index over drafts too serves.
    ordering = [models.F("signed_date").desc(nulls_last=True), "public_id"]
    # "N of 100,000 selected" would count the whole registry again on every filtered page.
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["focus_area", "other_focus_areas", "scheme", "zone", "district"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [ProjectParticipantInline, MilestoneInline, ProjectSourceInline]
    fieldsets = [
        (None, {"fields": ["public_id", "title_en", "title_zh", "slug", "summary", "description"]}),
        (_("Classification"), {"fields": ["focus_area", "other_focus_areas", "scheme", "zone", "district"]}),
        (
            _("Status and dates"),
            {"fields": ["status", "signed_date", "signed_date_precision", "operation_start_date"]},
        ),
        (
            _("Amount"),
            {"fields": ["contract_amount", "currency", "contract_amount_usd", "usd_rate", "usd_rate_date"]},
        ),
        (_("Publishing"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]

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


@admin.register(Organization)
class OrganizationAdmin(RegistryImportExportMixin, PublishableAdmin):
    """Partners taking part in projects."""

    resource_classes = [OrganizationResource]
    list_display = ["name_en", "name_zh", "slug", "country", "kind", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", "country"]
    search_fields = ["name_en", "name_zh", "slug"]
    ordering = ["name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["sources"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name_en",
        "name_zh",
        "slug",
        "country",
        "kind",
        "website",
        "description",
        "sources",
        "is_published",
        "created_at",
        "updated_at",
    ]


@admin.register(Zone)
class ZoneAdmin(PublishableAdmin):
    """Demonstration zones, parks, bases, centres, ports and channels."""

    list_display = ["name_en", "name_zh", "kind", "focus_area", "district", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", "focus_area", "district"]
    list_select_related = ["focus_area", "district"]
    search_fields = ["name_en", "name_zh", "slug"]
    ordering = ["name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["focus_area", "district", "sources"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name_en",
        "name_zh",
        "slug",
        "kind",
        "focus_area",
        "district",
        "description",
        "sources",
        "is_published",
        "created_at",
        "updated_at",
    ]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(RegistryImportExportMixin, PublishableAdmin):
    """Official headline figures, kept beside the totals the registry computes."""

    resource_classes = [ReportedFigureResource]
    list_display = ["label_en", "metric", "value", "unit", "scope", "as_of", "is_published", "updated_at"]
    list_filter = ["is_published", "metric", "scope", "unit"]
    search_fields = ["label_en", "label_zh"]
    date_hierarchy = "as_of"
    ordering = ["metric", "-as_of"]
    autocomplete_fields = ["source"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    """Places in Chongqing."""

    list_display = ["name_en", "name_zh", "slug", "latitude", "longitude"]
    search_fields = ["name_en", "name_zh", "slug"]
    ordering = ["name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["sources"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Where facts come from: a web page or a document the bureau holds."""

    formfield_overrides = HTTPS_URLS
    list_display = ["title", "publisher", "published_on", "url", "document"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url", "document"]
    date_hierarchy = "published_on"
    ordering = ["-published_on", "title"]


class VocabularyAdmin(admin.ModelAdmin):
    """A reference list: staff read it and pick from it; an administrator changes it."""

    list_display = ["code", "name_en", "name_zh", "position"]
    search_fields = ["code", "name_en", "name_zh"]
    ordering = ["position", "code"]


admin.site.register(FocusArea, VocabularyAdmin)
admin.site.register(Scheme, VocabularyAdmin)


class ReadOnlyListAdmin(admin.ModelAdmin):
    """A list for looking across projects; the rows are changed on their project's page."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProjectParticipant)
class ProjectParticipantAdmin(ReadOnlyListAdmin):
    """Every partner's part in every project, to answer "where does this organization take part?".

    Read-only: participants are edited on their project's page, so that saving the project
    records the change in its history and its ``updated_at`` (which API mirrors sync on).
    """

    list_display = ["organization", "role", "project", "organization_country"]
    list_filter = ["role", "organization__country"]
    search_fields = ["organization__name_en", "organization__name_zh", "project__public_id", "project__title_en"]
    autocomplete_fields = ["project", "organization"]
    list_select_related = ["organization", "project"]
    ordering = ["organization__name_en", "project__public_id"]

    @admin.display(description=_("country"), ordering="organization__country")
    def organization_country(self, participant):
        return participant.organization.country


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyListAdmin):
    """Every project's dated steps, newest first. Read-only, like the participants list."""

    list_display = ["date", "date_precision", "title_en", "project"]
    list_filter = ["date_precision"]
    search_fields = ["title_en", "title_zh", "project__public_id", "project__title_en"]
    date_hierarchy = "date"
    autocomplete_fields = ["project", "source"]
    list_select_related = ["project"]
    ordering = ["-date", "project__public_id"]
