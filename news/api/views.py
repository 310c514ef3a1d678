"""API endpoint of the news articles."""

from django.db.models import Prefetch

from core.api.viewsets import SlugViewSet
from news.api.serializers import ArticleSerializer
from news.filtersets import ArticleFilterSet
from news.models import Article
from projects.models import Organization, Project


class ArticleViewSet(SlugViewSet):
    """News articles, addressed by slug; linked projects and organizations are the visible ones."""

    serializer_class = ArticleSerializer
    filterset_class = ArticleFilterSet
    csv_filename = "articles.csv"

    def get_queryset(self):
        user = self.request.user
        return Article.objects.visible_to(user).prefetch_related(
            Prefetch("projects", queryset=Project.objects.visible_to(user).only("id", "public_id")),
            "focus_areas",
            Prefetch("organizations", queryset=Organization.objects.visible_to(user).only("id", "slug")),
        )

    def freshness_dependencies(self):
        user = self.request.user
        return (Project.objects.visible_to(user), Organization.objects.visible_to(user))
