"""Admin bases of every app: publishing as a permission of its own, history, import and export.

Publishing is checked on the server: the flag is read-only for staff without the publish
permission, a posted or reverted flag is refused by the form, and the publish actions go through
``core.publishing.set_published``, which checks it again.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import SelectableFieldsExportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from core.admin_bilingual import BilingualAdminMixin
from core.admin_review import ReviewAdminMixin, RevisionAdmin
from core.admin_widgets import SafeAutocompleteMixin
from core.models import Revision
from core.publishing import PUBLISH_REFUSED, permission_name, published_change_refusal, set_published
from core.resources import column_title
from core.review import APPROVED
from core.spreadsheets import NotText, decoded_text

# Django 6 will assume https for a URL typed without a scheme; the bureau's sources are https already.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}

# The inline style attributes that third-party admin pages write, allowed by their hashes on those
# pages only (the Content-Security-Policy allows no other inline style): django-simple-history's
# paginator ("border-top: 0"), the import preview's diffs from diff-match-patch
# ("background:#e6ffe6;", "background:#ffe6e6;"), and the export form ("padding: 0;", "font-weight: bold;",
# and the "Select all" box's handler "onSelectToggleChange(event)").
HISTORY_STYLES = ("'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",)
IMPORT_STYLES = (
    "'sha256-AFyijjilwBx8kC+SMDLzasw2VV9MWz1VYVQ8xIgdMlA='",
    "'sha256-S0qL3AVCJ6EdYX2E0yOmH+5YvauOwNAxIl4pJ/0IUUg='",
)
EXPORT_STYLES = (
    "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",
    "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",
)
EXPORT_HANDLERS = ("'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='",)


def allow_styles(response, hashes: tuple[str, ...], *, handlers: tuple[str, ...] = ()):
    """Let ``response``'s page carry the inline style attributes of ``hashes`` (and the event
    handlers of ``handlers``), and no other."""
    response._csp_update = {"style-src-attr": ["'unsafe-hashes'", *hashes]}
    if handlers:
        response._csp_update["script-src-attr"] = ["'unsafe-hashes'", *handlers]
    return response


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


# A history's reason is data (the API and the exports give it as it is), so it is stored in English;
# the history page shows it in the reader's language (change_reason_display).
CHANGED = "Changed "
REVERTED = "Reverted to the version of "  # then the version's date and time, in Chongqing
REASON_LENGTH = 100  # django-simple-history's column: a longer reason would fail the save


def _change_reason(form, record) -> str:
    """What a save in the admin did, for the history: "Added", "Published", "Changed title_en, summary_en"."""
    if not record.pk:
        return gettext_noop("Added")
    if "is_published" in form.changed_data:
        return gettext_noop("Published") if record.is_published else gettext_noop("Unpublished")
    if not form.changed_data:
        return gettext_noop("Saved in the admin")
    names = list(form.changed_data)
    reason = CHANGED + ", ".join(names)
    while len(reason) > REASON_LENGTH:  # the fields that do not fit are "…"
        names.pop()
        reason = CHANGED + ", ".join([*names, "…"])
    return reason


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def change_reason_display(reason: str | None, model) -> str:
    """A history reason in the reader's language: "Published" translated, and "Changed title_en, summary_en"
    naming the fields of ``model`` by their verbose names ("Changed title (English), summary (English)")."""
    if not reason:
        return ""
    if reason.startswith(REVERTED):
        return gettext("Reverted to the version of %(date)s") % {"date": reason.removeprefix(REVERTED)}
    if reason.startswith(APPROVED):
        return gettext("Approved the change proposed by %(user)s") % {"user": reason.removeprefix(APPROVED)}
    if reason.startswith(CHANGED):
        labels = [_field_label(model, name) for name in reason.removeprefix(CHANGED).split(", ")]
        return gettext("Changed %(fields)s") % {"fields": pgettext("list separator", ", ").join(labels)}
    return gettext(reason)


class HistoryChanges(HistoricalRecordContextHelper):
    """The history's "Changes" column in the reader's terms: a choice by its label, a flag as Yes or No,
    related records by their names, an amount with its separators and currency (the model's
    ``amount_currencies``: a currency field of the version, or a code), and an emptied value as the
    admin's empty value."""

    empty = "-"

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, list):
            return ", ".join(str(self.readable(field, item)) for item in value) or self.empty
        return self.readable(field, value)

    def readable(self, field, value):
        if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
            return self.empty
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if field.flatchoices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(field, models.DecimalField):
            currency = getattr(self.model, "amount_currencies", {}).get(field.name)
            currency = getattr(self.record, currency, currency) if currency else ""
            return f"{number_format(value, force_grouping=True)} {currency}".strip()
        return value


class PublishableAdmin(SafeAutocompleteMixin, ReviewAdminMixin, SimpleHistoryAdmin):
    """Admin of a model with a published flag, a publish permission and a history.

    Records start as drafts; the actions publish and unpublish a selection; the history
    shows who changed what (field: old → new) and reverts to an earlier version. A change to a
    published record by staff who may not publish waits for review (:mod:`core.admin_review`).
    """

    form = PublishGuardedForm
    formfield_overrides = HTTPS_URLS
    actions = PUBLISH_ACTIONS

    def has_publish_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(permission_name("publish", self.model))

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
            raise PermissionDenied(PUBLISH_REFUSED)
        return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history hides the Revert button from view-only staff but would still save a POST.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":  # a revert: the history says to which version
            version = self.model.history.filter(history_id=version_id).values_list("history_date", flat=True).first()
            if version is not None:
                request.reverting_to = timezone.localtime(version).strftime("%Y-%m-%d %H:%M")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # The history links each author to the user admin, which only user managers may open;
        # for everyone else the name is shown without a link (an empty URL name resolves to none).
        if not request.user.has_perm("auth.change_user"):
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return allow_styles(super().history_view(request, object_id, extra_context), HISTORY_STYLES)

    def get_historical_record_context_helper(self, request, historical_record):
        helper = HistoryChanges(self.model, historical_record)
        helper.empty = self.get_empty_value_display()
        return helper

    def save_model(self, request, obj, form, change):
        refusal = published_change_refusal(user=request.user, instance=obj, requested=obj.is_published)
        if refusal:
            raise PermissionDenied(refusal)
        if getattr(request, "reverting_to", None):
            obj._change_reason = REVERTED + request.reverting_to
        elif not getattr(obj, "_change_reason", None):
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


class ExcelCSV(CSV):
    """A CSV as Excel saves it: read from UTF-8 with or without a byte-order mark, or GB18030 (GBK,
    what Chinese Excel saves as plain CSV); anything else is refused (:class:`NotText`). The admin
    writes it in UTF-8 with a byte-order mark (``to_encoding``), which Excel on a Chinese Windows reads."""

    def get_read_mode(self):
        return "rb"  # the bytes: create_dataset finds their encoding

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = decoded_text(in_stream)
        return super().create_dataset(in_stream, **kwargs)


class TitledExportForm(SelectableFieldsExportForm):
    """The export form, its fields' boxes labelled by the columns' titles ("Title (English)", not "Title En")."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        return column_title(resource._meta.model, field) if field else super()._get_field_label(resource, field_name)


NOT_TEXT_MESSAGE = _(
    "This file is not UTF-8 or GB18030 (GBK) text. Save it from Excel as “CSV UTF-8”, "
    "or as CSV in the Chinese (GBK) encoding."
)


class RegistryImportExportMixin(ImportExportMixin):
    """Import and export in CSV and XLSX: importing needs add and change, exporting needs view.

    An import is previewed first (a dry run) and written in one transaction, only when every
    row is valid; the export follows the changelist's filters and search. A CSV is exported in
    UTF-8 with a byte-order mark and read in UTF-8 or GB18030 (:class:`ExcelCSV`). The exported
    columns are headed by their titles in the staff member's language, which the import reads back.
    """

    import_formats = [ExcelCSV, XLSX]
    export_formats = [ExcelCSV, XLSX]
    export_form_class = TitledExportForm
    from_encoding = None  # the uploaded bytes are stored and read as they are; ExcelCSV decodes them
    to_encoding = "utf-8-sig"

    def add_data_read_fail_error_to_form(self, form, e):
        # A file in another encoding: say which ones are read, not "'NotText' encountered".
        if isinstance(e, NotText):
            form.add_error("import_file", NOT_TEXT_MESSAGE)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def import_action(self, request, **kwargs):
        return allow_styles(super().import_action(request, **kwargs), IMPORT_STYLES)

    def export_action(self, request):
        return allow_styles(super().export_action(request), EXPORT_STYLES, handlers=EXPORT_HANDLERS)

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "titled_headers": True}

    def has_import_permission(self, request):
        return request.user.has_perms([permission_name("add", self.model), permission_name("change", self.model)])

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


class VocabularyAdmin(BilingualAdminMixin, admin.ModelAdmin):
    """A reference list: staff read it and pick from it; an administrator changes it."""

    list_display = ["code", "name_en", "name_zh", "position"]
    search_fields = ["code", "name_en", "name_zh"]
    ordering = ["position", "code"]
    fields = ["code", ("name_en", "name_zh"), ("description_en", "description_zh"), "position"]


class NamedValueFilter(admin.SimpleListFilter):
    """The values a coded field (``field``) takes, each by its name in the reader's language (``name_of``):
    a country code by the country's name. ``parameter_name`` is usually the field, as Django's own filter."""

    field = ""

    @staticmethod
    def name_of(value: str) -> str:
        return value

    def lookups(self, request, model_admin):
        values = model_admin.get_queryset(request).order_by().values_list(self.field, flat=True).distinct()
        return sorted(((value, str(self.name_of(value))) for value in values if value), key=lambda item: item[1])

    def queryset(self, request, queryset):
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular row's fields carry their names: the column headers are no ``<label>`` of theirs."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            # The widget itself, inside the admin's related-record links when it has them.
            widget = getattr(field.widget, "widget", field.widget)
            if not widget.is_hidden:
                widget.attrs.setdefault("aria-label", capfirst(field.label or name))


class TabularInline(SafeAutocompleteMixin, admin.TabularInline):
    """The tabular inline of every app: each field in a row named for assistive technology."""

    formset = LabelledInlineFormSet


class ReadOnlyListAdmin(admin.ModelAdmin):
    """A list for looking across projects; the rows are changed on their project's page."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Revision, RevisionAdmin)
