"""The admin site's names, and the site's own records there: partners' API keys, issued and revoked by
staff, and the enquiries readers send to the bureau."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cci_portal.models import ApiKey, Enquiry
from cci_portal.services import api_key_issue, api_key_revoke
from core.admin_widgets import SafeAutocompleteMixin

admin.site.site_header = _("CCI Portal administration")
admin.site.site_title = _("CCI Portal admin")
admin.site.index_title = _("Registry, news and partners")


@admin.register(ApiKey)
class ApiKeyAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """Issuing shows the raw key once, in a message; afterwards only its prefix is known."""

    list_display = [
        "organization",
        "name",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "expires_on",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["organization", "created_by"]
    search_fields = ["organization__name_en", "organization__name_zh", "name", "prefix", "contact_email"]
    autocomplete_fields = ["organization"]
    fields = [
        "name",
        "organization",
        "contact_email",
        "expires_on",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_keys"]

    def has_delete_permission(self, request, obj=None):
        # Keys are revoked, never deleted, so the record of who held access stays.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        issued = api_key_issue(
            name=obj.name,
            organization=obj.organization,
            contact_email=obj.contact_email,
            expires_on=obj.expires_on,
            created_by=request.user,
        )
        # The admin goes on with ``obj`` (log entry, redirect): make it the issued record.
        obj.pk = issued.api_key.pk
        obj._state.adding = False
        obj.refresh_from_db()
        self.message_user(
            request,
            _("The new API key is %(key)s. Copy it now: it is shown only once and cannot be recovered.")
            % {"key": issued.raw_key},
            messages.WARNING,
        )

    @admin.action(description=_("Revoke the selected API keys"), permissions=["change"])
    def revoke_keys(self, request, queryset):
        keys = list(queryset.filter(revoked_at__isnull=True))
        for api_key in keys:
            api_key_revoke(api_key=api_key)
        self.message_user(
            request,
            ngettext("Revoked %(count)d API key.", "Revoked %(count)d API keys.", len(keys)) % {"count": len(keys)},
            messages.SUCCESS,
        )


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """The bureau's inbox: staff assign, answer and close enquiries; what the sender wrote stays as sent."""

    list_display = ["created_at", "name", "email", "organization", "subject", "language", "status", "assigned_to"]
    list_filter = ["status", ("assigned_to", admin.RelatedOnlyFieldListFilter), "language"]
    list_select_related = ["project", "zone", "subject_organization", "assigned_to"]
    search_fields = ["name", "email", "organization", "message"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "name",
        "email",
        "organization",
        "language",
        "project",
        "zone",
        "subject_organization",
        "message",
        "status",
        "assigned_to",
        "staff_notes",
    ]
    readonly_fields = [
        "created_at",
        "name",
        "email",
        "organization",
        "language",
        "project",
        "zone",
        "subject_organization",
        "message",
    ]

    @admin.display(description=_("about"))
    def subject(self, enquiry):
        return enquiry.subject or "—"

    def has_add_permission(self, request):
        # Enquiries come from the public form only.
        return False
