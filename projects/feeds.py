"""The registry's Atom and RSS feeds: a project's change log (one entry a day of changes to its
published facts, :mod:`projects.changelog`), and any filtered project list (the list page's and the
API's filters), each entry saying what changed; both in the reader's language (the URL's)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, QuerySet
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.listing import ListFilters, known_filters, refused_filter_notices
from projects.changelog import Change, ChangeDay, change_logs, project_change_log
from projects.countries import country_name
from projects.filtersets import ProjectFilterSet
from projects.models import Project


class ProjectHistoryAtom(Feed):
    """``/projects/<id>/history.atom``: the dated changes of a published project."""

    feed_type = Atom1Feed
    description_template = "projects/feeds/change_day.html"

    def get_object(self, request, public_id):
        return get_object_or_404(Project.objects.published(), public_id=public_id)

    def title(self, project: Project) -> str:
        return _("History of %(project)s") % {"project": project.title}

    def subtitle(self, project: Project) -> str:
        return _("The dated changes to the published facts of %(id)s: status, amount, dates and partners.") % {
            "id": project.public_id
        }

    def link(self, project: Project) -> str:
        return f"{project.get_absolute_url()}#history"

    def items(self, project: Project) -> list[ChangeDay]:
        self.project = project
        return project_change_log(project)

    def item_title(self, day: ChangeDay) -> str:
        return _("%(id)s on %(date)s") % {"id": self.project.public_id, "date": date_format(day.day, "DATE_FORMAT")}

    def item_link(self, day: ChangeDay) -> str:
        return f"{self.project.get_absolute_url()}#history-{day.day.isoformat()}"

    def item_pubdate(self, day: ChangeDay) -> datetime:
        return day.at

    def item_updateddate(self, day: ChangeDay) -> datetime:
        return day.at


# The search feeds: any filtered project list, as the list page and the API filter it.

FEED_LENGTH = 50
# ``order``: the most recently changed first (the default), or the newest in the registry first.
FEED_ORDERS = {"changed": ("-updated_at", "-pk"), "new": ("-created_at", "-pk")}
# What a feed entry reads of a project (its title, summary and page): nothing else is fetched.
_ENTRY_FIELDS = ("public_id", "title_en", "title_zh", "summary_en", "summary_zh", "created_at", "updated_at")
# An empty registry has no change to date its feeds from: they are dated the start of 2015, the year
# the initiative was launched.
_REGISTRY_EPOCH = datetime(2015, 1, 1, tzinfo=UTC)
# Query parameters of a list that do not change which projects a feed holds.
_NOT_FOR_FEEDS = ("ordering", "lang")


class RefusedSearch(Exception):
    """A search feed's filters hold a value the FilterSet refuses: answered 400, as the downloads are."""

    def __init__(self, notices: list[str]):
        super().__init__(notices)
        self.notices = notices


@dataclass(frozen=True)
class FeedEntry:
    """A project as a search feed lists it: what changed the day it last changed (``changes``, empty
    when only facts the change log does not follow changed), and when."""

    project: Project
    changes: list[Change]
    changed_at: datetime
    guid: str


@dataclass(frozen=True)
class ProjectSearch:
    """A search feed: its filters (as a query string and in words), its order and its entries."""

    query: str
    described: str
    order: str
    entries: list[FeedEntry]
    # When the feed last changed: its newest entry's change or, for an empty feed, the registry's last
    # published change (never "now", so an empty feed's ``updated`` and Last-Modified hold still).
    updated: datetime


def feed_query(params: QueryDict) -> str:
    """The filters of a list's (or an API query's) parameters, as a search feed's query string."""
    data = known_filters(ProjectFilterSet, params)
    for name in _NOT_FOR_FEEDS:
        data.pop(name, None)
    return data.urlencode()


def project_search(request) -> ProjectSearch:
    """The projects a feed of ``request``'s filters lists, newest change (or project) first, in a fixed
    number of queries: the filters' own, the projects, and their history (:func:`change_logs`)."""
    data = known_filters(ProjectFilterSet, request.GET)
    filterset = ProjectFilterSet(data, queryset=Project.objects.published(), request=request)
    notices = [] if filterset.is_valid() else refused_filter_notices(filterset)
    order = request.GET.get("order", "").strip() or "changed"
    if order not in FEED_ORDERS:
        notices.append(
            _("Order: “%(value)s” is not an order of the feed: changed or new.")
            % {"value": Truncator(order).chars(20)}
        )
    if notices:
        raise RefusedSearch(notices)
    projects = list(filterset.qs.order_by(*FEED_ORDERS[order]).only(*_ENTRY_FIELDS)[:FEED_LENGTH])
    logs = change_logs([project.pk for project in projects])
    entries = [_entry(request, project, logs[project.pk]) for project in projects]
    filters = ListFilters(filterset, data, notices=[], refused=False)
    if entries:
        updated = max(entry.changed_at for entry in entries)
    else:  # one query more, for an empty result only
        updated = Project.objects.published().aggregate(at=Max("updated_at"))["at"] or _REGISTRY_EPOCH
    return ProjectSearch(feed_query(request.GET), _described(filters), order, entries, updated)


def _entry(request, project: Project, log: list[ChangeDay]) -> FeedEntry:
    changed_at = project.updated_at
    day = timezone.localtime(changed_at).date()
    changes = log[0].changes if log and log[0].day == day else []
    with translation.override(settings.LANGUAGE_CODE):  # one identifier in both languages
        page = request.build_absolute_uri(project.get_absolute_url())
    return FeedEntry(project, changes, changed_at, guid=f"{page}#history-{day.isoformat()}")


def _described(filters: ListFilters) -> str:
    """The filters in words: "Focus area: Aviation; Partner country: Singapore"."""
    separator, listed = pgettext("label separator", ": "), pgettext("list separator", ", ")
    parts = []
    for name in (name for name in filters.active if name not in _NOT_FOR_FEEDS):
        field, value = filters.filterset.form.fields[name], filters.cleaned[name]
        values = value if isinstance(value, list | tuple | QuerySet) else [value]
        if name == "partner_country":
            shown = [country_name(code) for code in values]
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            shown = [str(dict(field.choices).get(item, item)) for item in values]
        else:
            shown = [str(item) for item in values]
        parts.append(f"{filters.filterset.filters[name].label}{separator}{listed.join(shown)}")
    return pgettext("filters separator", "; ").join(parts)


def search_feed_links(request, params: QueryDict) -> str:
    """An HTTP ``Link`` header naming the Atom and RSS feeds of the same filters (RFC 8288 ``alternate``);
    in Chinese for ``lang=zh``."""
    query = feed_query(params)
    language = "zh-hans" if params.get("lang") == "zh" else translation.get_language()
    links = []
    with translation.override(language):
        for name, media_type in (
            ("projects:project-feed-atom", Atom1Feed),
            ("projects:project-feed-rss", Rss201rev2Feed),
        ):
            url = request.build_absolute_uri(reverse(name) + (f"?{query}" if query else ""))
            links.append(f'<{url}>; rel="alternate"; type="{media_type.content_type.split(";")[0]}"')
    return ", ".join(links)


class _DatedRss(Rss201rev2Feed):
    """RSS dated by the search (``updated``), not by the clock when it holds no entry."""

    def latest_post_date(self) -> datetime:
        return self.feed["updated"]


class _DatedAtom(Atom1Feed):
    """Atom dated by the search, as :class:`_DatedRss`."""

    def latest_post_date(self) -> datetime:
        return self.feed["updated"]


class ProjectSearchRss(Feed):
    """``/projects/feed.rss``: the published projects matching the list's filters, each entry saying what
    changed; without filters, every new and changed project."""

    feed_type = _DatedRss
    url_name = "projects:project-feed-rss"
    description_template = "projects/feeds/project_change.html"
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except RefusedSearch as refused:
            return HttpResponseBadRequest("\n".join(refused.notices), content_type="text/plain; charset=utf-8")

    def get_object(self, request) -> ProjectSearch:
        return project_search(request)

    def get_context_data(self, **kwargs) -> dict:
        return {"entry": kwargs["item"]}

    def feed_extra_kwargs(self, search: ProjectSearch) -> dict:
        return {"updated": search.updated}

    def title(self, search: ProjectSearch) -> str:
        if not search.described:
            return _("CCI projects: new and changed")
        return _("CCI projects: %(filters)s") % {"filters": search.described}

    def description(self, search: ProjectSearch) -> str:
        if search.order == "new":
            return _("The newest published projects of the CCI registry first, each with its latest change.")
        return _(
            "The published projects of the CCI registry, the most recently changed first: new projects, "
            "changes of status, amount, dates and partners."
        )

    def link(self, search: ProjectSearch) -> str:
        return reverse("projects:project-list") + (f"?{search.query}" if search.query else "")

    def feed_url(self, search: ProjectSearch) -> str:
        path = reverse(self.url_name)
        order = "" if search.order == "changed" else f"order={search.order}"
        query = "&".join(part for part in (search.query, order) if part)
        return path + (f"?{query}" if query else "")

    def items(self, search: ProjectSearch) -> list[FeedEntry]:
        return search.entries

    def item_title(self, entry: FeedEntry) -> str:
        return render_to_string("projects/feeds/project_change_title.html", {"entry": entry}).strip()

    def item_link(self, entry: FeedEntry) -> str:
        return entry.project.get_absolute_url()

    def item_guid(self, entry: FeedEntry) -> str:
        return entry.guid

    def item_pubdate(self, entry: FeedEntry) -> datetime:
        return entry.changed_at

    def item_updateddate(self, entry: FeedEntry) -> datetime:
        return entry.changed_at


class ProjectSearchAtom(ProjectSearchRss):
    """``/projects/feed.atom``: the same entries as Atom 1.0."""

    feed_type = _DatedAtom
    url_name = "projects:project-feed-atom"

    def subtitle(self, search: ProjectSearch) -> str:
        return self.description(search)
