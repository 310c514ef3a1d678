"""Review in the admin: a change to a published record by staff who may not publish is kept as a
pending revision (:mod:`core.review`) instead of saved; its page shows the change against the published
version, which publishers approve or reject there; editors mark a draft ready for review; and the
revisions list is the publishers' queue, oldest first."""

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.models import Revision
from core.publishing import can_publish, permission_name, stored_published
from core.review import (
    Difference,
    ReviewError,
    approve,
    differences,
    field_values,
    mark_ready,
    part_rows,
    propose_change,
    publishable_models,
    reject,
    review_required,
    revisions_of,
)

NOTE = "review_note"
PROPOSED = gettext_noop("Proposed a change for review.")
DECIDED_SHOWN = 5


@dataclass
class ReviewPanel:
    """What a record's page says about its review."""

    pending: list[tuple[Revision, list[Difference]]] = field(default_factory=list)
    decided: list[Revision] = field(default_factory=list)
    can_review: bool = False  # a publisher: approve and reject
    needs_review: bool = False  # an editor on a published record: saving proposes
    can_mark_ready: bool = False  # an editor on a draft with no request pending


def _posted_note(request) -> str:
    return request.POST.get(NOTE, "").strip()[:1000]


class ReviewAdminMixin:
    """For :class:`core.admin.PublishableAdmin`: saves that need review become revisions."""

    change_form_template = "admin/review/change_form.html"
    object_history_template = "admin/review/object_history.html"

    def save_model(self, request, obj, form, change):
        if not (change and review_required(user=request.user, instance=obj)):
            return super().save_model(request, obj, form, change)
        request.review_proposal = True  # kept, with the form's parts, by save_related
        form.save_m2m = lambda: None  # the history's revert form would write its many-to-many values at once
        if getattr(request, "reverting_to", None):  # a revert has no parts and no changed_data: every field counts
            names = [field.name for field in obj._meta.concrete_fields if field.editable and not field.primary_key]
            request.review_revision = propose_change(
                record=obj,
                fields=field_values(obj, names),
                related={},
                user=request.user,
                note=gettext("Back to the version of %(date)s") % {"date": request.reverting_to},
            )
        return None

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "review_proposal", False):
            return super().save_related(request, form, formsets, change)
        if hasattr(request, "review_revision"):
            return None
        record = form.instance
        names = [name for name in form.changed_data if self._is_model_field(name)]
        record._proposed_many = {name: form.cleaned_data[name] for name in names}
        parts = {}
        for formset in formsets:
            if formset.has_changed():
                rows = [
                    part.instance
                    for part in formset.forms
                    if part not in formset.deleted_forms and (part.instance.pk is not None or part.has_changed())
                ]
                parts[formset.model._meta.label_lower] = part_rows(formset.model, formset.fk.name, rows)
        request.review_revision = propose_change(
            record=record,
            fields=field_values(record, names),
            related=parts,
            user=request.user,
            note=_posted_note(request),
        )

    def _is_model_field(self, name: str) -> bool:
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return field.concrete or field.many_to_many

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "review_proposal", False):
            return ""  # nothing was saved: log_change records the proposal
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "review_proposal", False):
            message = PROPOSED if getattr(request, "review_revision", None) else ""
            if not message:
                return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not getattr(request, "review_proposal", False):
            return super().response_change(request, obj)
        if request.review_revision is None:
            self.message_user(request, gettext("Nothing differs from the published version: nothing was proposed."))
        else:
            self.message_user(
                request,
                gettext(
                    "Your change to “%(record)s” waits for a publisher's review. "
                    "Until it is approved, the public sees the published version."
                )
                % {"record": type(obj)._base_manager.get(pk=obj.pk)},  # named as published
                messages.SUCCESS,
            )
        return HttpResponseRedirect(request.path)

    def review_panel(self, request, obj) -> ReviewPanel:
        publisher = can_publish(user=request.user, model=self.model)
        revisions = list(revisions_of(obj).order_by("proposed_at", "pk"))
        pending = [revision for revision in revisions if revision.is_pending]
        decided = sorted((revision for revision in revisions if not revision.is_pending), key=lambda r: r.decided_at)
        may_change = self.has_change_permission(request, obj)
        return ReviewPanel(
            pending=[(revision, differences(revision, obj)) for revision in pending],
            decided=decided[-DECIDED_SHOWN:][::-1],
            can_review=publisher,
            needs_review=may_change and review_required(user=request.user, instance=obj),
            can_mark_ready=(
                may_change
                and not publisher
                and not stored_published(obj)
                and not any(revision.kind == Revision.Kind.READY for revision in pending)
            ),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The record the change view already fetched (no second query for it); a form sent back with errors
        # has written its values on it, so the published version is read again to compare with.
        if change and obj is not None:
            published = obj if request.method == "GET" else type(obj)._base_manager.get(pk=obj.pk)
            context["review"] = self.review_panel(request, published)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            revisions = revisions_of(obj).order_by("-proposed_at", "-pk")
            extra_context = {**(extra_context or {}), "revisions": revisions}
        return super().history_view(request, object_id, extra_context)

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/review/<int:revision_id>/",
                self.admin_site.admin_view(self.review_view),
                name=f"{name}_review",
            ),
            path("<path:object_id>/ready/", self.admin_site.admin_view(self.ready_view), name=f"{name}_ready"),
            *super().get_urls(),
        ]

    def _posted_record(self, request, object_id):
        if request.method != "POST":
            return None, HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        opts = self.model._meta
        back = HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        return obj, back

    def review_view(self, request, object_id, revision_id):
        """A publisher's decision on one pending revision: ``decision`` is approve or reject (with ``reason``)."""
        obj, response = self._posted_record(request, object_id)
        if obj is None:
            return response
        revision = revisions_of(obj).filter(pk=revision_id).first()
        if revision is None:
            raise Http404
        decision = request.POST.get("decision")
        if decision not in ("approve", "reject"):
            self.message_user(request, gettext("Choose to approve or to reject the change."), messages.ERROR)
            return response
        try:
            if decision == "approve":
                approve(revision=revision, user=request.user)
                done = gettext("Approved: “%(record)s” is changed.")
            else:
                reject(revision=revision, user=request.user, reason=request.POST.get("reason", ""))
                done = gettext("Rejected: “%(record)s” is unchanged.")
        except ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
            return response
        self.message_user(request, done % {"record": obj}, messages.SUCCESS)
        return response

    def ready_view(self, request, object_id):
        """An editor asks a publisher to publish a draft, with a note."""
        obj, response = self._posted_record(request, object_id)
        if obj is None:
            return response
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        try:
            mark_ready(record=obj, user=request.user, note=_posted_note(request))
            self.message_user(
                request, gettext("“%(record)s” waits for a publisher's review.") % {"record": obj}, messages.SUCCESS
            )
        except ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
        return response


class ReviewStatusFilter(admin.SimpleListFilter):
    """Awaiting review unless another status is chosen: the queue is what the list opens on."""

    title = _("status")
    parameter_name = "status"
    everything = "all"

    def lookups(self, request, model_admin):
        return [*Revision.Status.choices[1:], (self.everything, _("All"))]

    def choices(self, changelist):
        for lookup, title in ((None, Revision.Status.PENDING.label), *self.lookup_choices):
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}, [])
                if lookup
                else changelist.get_query_string(remove=[self.parameter_name]),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == self.everything:
            return queryset
        if self.value() in Revision.Status.values:
            return queryset.filter(status=self.value())
        return queryset.filter(status=Revision.Status.PENDING)


class RevisionAdmin(admin.ModelAdmin):
    """The review queue: what waits for a publisher, oldest first; and, for everyone who proposes, the outcome."""

    list_display = ["record_link", "kind", "status", "proposed_by", "proposed_at", "note", "decision"]
    list_filter = [ReviewStatusFilter, "kind", "content_type", "proposed_by"]
    list_select_related = ["proposed_by", "decided_by", "content_type"]
    ordering = ["proposed_at", "pk"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("record")

    def has_view_permission(self, request, obj=None):
        # Whoever may propose or decide: staff who change or publish a publishable model.
        return any(
            request.user.has_perm(permission_name(action, model))
            for model in publishable_models()
            for action in ("change", "publish")
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"))
    def record_link(self, revision: Revision):
        record = revision.record
        if record is None:
            return gettext("(deleted)")
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record)

    @admin.display(description=_("decision"))
    def decision(self, revision: Revision) -> str:
        if revision.is_pending:
            return ""
        by = getattr(revision.decided_by, "username", "")
        return f"{by}: {revision.reason}" if revision.reason else by
