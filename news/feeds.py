"""RSS 2.0 and Atom feeds of the latest published articles, for the whole news and per focus area."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from news.models import Article
from projects.models import FocusArea

FEED_LENGTH = 20


class LatestArticlesRss(Feed):
    """The latest published articles, newest first, as RSS 2.0."""

    feed_type = Rss201rev2Feed
    title = _("CCI Portal news")
    description = _(
        "News of the China-Singapore (Chongqing) Demonstration Initiative on Strategic Connectivity and its projects."
    )

    def link(self):
        return reverse("news:article-list")

    def items(self):
        return Article.objects.published()[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime:
        # A naive midnight: the syndication view makes it aware in the site's time zone.
        return datetime.combine(item.published_on, time.min)

    def item_updateddate(self, item: Article) -> datetime:
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [str(item.get_category_display())]


class LatestArticlesAtom(LatestArticlesRss):
    """The latest published articles as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = LatestArticlesRss.description


class FocusAreaArticlesRss(LatestArticlesRss):
    """The latest published articles linked to one focus area, as RSS 2.0; an unknown code is a 404."""

    def get_object(self, request, code: str) -> FocusArea:
        return get_object_or_404(FocusArea.objects.published(), code=code)

    def title(self, obj: FocusArea) -> str:
        return gettext("CCI Portal news: %(focus_area)s") % {"focus_area": obj.name}

    def description(self, obj: FocusArea) -> str:
        return gettext("The latest news on %(focus_area)s in the CCI.") % {"focus_area": obj.name}

    def link(self, obj: FocusArea) -> str:
        return reverse("projects:focus-area-detail", args=[obj.code])

    def items(self, obj: FocusArea):
        return Article.objects.published().filter(focus_areas=obj)[:FEED_LENGTH]


class FocusAreaArticlesAtom(FocusAreaArticlesRss):
    """The latest published articles linked to one focus area, as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, obj: FocusArea) -> str:
        return self.description(obj)
