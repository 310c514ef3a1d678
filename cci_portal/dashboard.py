"""The staff dashboard on the admin's home page: drafts by author, what was published lately, and
the published projects with the most facts missing; each part only for staff who may see its records.

A fixed number of queries whatever the registry's size: one per part and model.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.text import capfirst

from core.models import Revision
from core.publishing import permission_name
from core.review import awaiting_review
from news.models import Article
from projects.models import Project

DASHBOARD_MODELS = (Project, Article)
RECENT = 10
LEAST_COMPLETE = 10
REVIEWERS = ("change", "publish")  # who proposes changes, and who decides on them
_LISTED = ("pk", "public_id", "title_en", "title_zh", "completeness")


@dataclass(frozen=True)
class DraftCount:
    author: str  # the username of whoever added the draft; "" when unknown (a data load)
    model: type
    count: int

    @property
    def kind(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?is_published__exact=0"


@dataclass(frozen=True)
class Published:
    record: object  # the record as it was published (its title then)
    model: type
    at: object
    by: str

    @property
    def url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.record.pk])

    @property
    def title(self) -> str:
        return self.record.title


@dataclass
class Dashboard:
    drafts: list[DraftCount] = field(default_factory=list)
    published: list[Published] = field(default_factory=list)
    least_complete: list[Project] = field(default_factory=list)
    awaiting: dict[str, int] | None = None  # pending revisions by kind, for staff who propose or decide
    decided: list[Revision] = field(default_factory=list)  # the user's own proposals, decided lately


def _viewable(user, model) -> bool:
    return user.has_perm(permission_name("view", model))


def staff_dashboard(user) -> Dashboard:
    """What the dashboard shows ``user``."""
    dashboard = Dashboard()
    for model in (model for model in DASHBOARD_MODELS if _viewable(user, model)):
        added = (
            model.history.filter(history_type="+", id__in=model.objects.drafts().values("pk"))
            .values("history_user__username")
            .annotate(count=Count("id", distinct=True))
            .order_by("-count", "history_user__username")
        )
        dashboard.drafts += [DraftCount(row["history_user__username"] or "", model, row["count"]) for row in added]
        published = (
            model.history.filter(history_change_reason="Published", is_published=True)
            .select_related("history_user")
            .order_by("-history_date")[:RECENT]
        )
        dashboard.published += [
            Published(version.instance, model, version.history_date, getattr(version.history_user, "username", ""))
            for version in published
        ]
    dashboard.drafts.sort(key=lambda row: (-row.count, row.author, row.model._meta.model_name))
    dashboard.published.sort(key=lambda row: row.at, reverse=True)
    dashboard.published = dashboard.published[:RECENT]
    if any(user.has_perm(permission_name(action, model)) for model in DASHBOARD_MODELS for action in REVIEWERS):
        dashboard.awaiting = awaiting_review()
        decided = Revision.objects.filter(proposed_by=user).exclude(status=Revision.Status.PENDING)
        dashboard.decided = list(
            decided.select_related("decided_by").prefetch_related("record").order_by("-decided_at")[:RECENT]
        )
    if _viewable(user, Project):
        least = Project.objects.published().order_by("completeness", "pk")
        dashboard.least_complete = list(least.only(*_LISTED)[:LEAST_COMPLETE])
    return dashboard
