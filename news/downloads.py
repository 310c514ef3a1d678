"""The news list's downloads (CSV with a byte-order mark, and XLSX; :mod:`core.downloads`): the
published articles under the list's filters, with the rows and columns of the API's CSV."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.downloads import ListDownload
from news.api.views import ArticleViewSet
from news.filtersets import ArticleFilterSet
from news.models import Article
from projects.models import FocusArea, Organization, Project


def published_articles():
    """The published articles with the published records each names, read a chunk at a time."""
    return Article.objects.published().prefetch_related(
        Prefetch("projects", queryset=Project.objects.published().only("id", "public_id")),
        Prefetch("focus_areas", queryset=FocusArea.objects.published()),
        Prefetch("organizations", queryset=Organization.objects.published().only("id", "slug")),
    )


ARTICLE_DOWNLOADS = ListDownload(
    filterset_class=ArticleFilterSet,
    records=published_articles,
    viewset_class=ArticleViewSet,
    stem="news",
    title=_("CCI Portal news"),
    sheet="News",
    list_route="news:article-list",
    route="news:article-download",
)
