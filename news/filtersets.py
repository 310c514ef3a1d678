"""FilterSet of the news articles, used by the REST API and the public news list alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import (
    ChoicesFilter,
    KeyFilter,
    SearchFilterSet,
    SinceFilter,
    StableOrderingFilter,
    bounds,
    search_filter,
    visible_choices,
)
from news.models import Article, ArticleCategory
from projects.filtersets import focus_areas_filter, organization_filter
from projects.models import Project


class ArticleFilterSet(SearchFilterSet):
    """Filters of the article list. Filters combine with AND; values of one filter with OR."""

    q = search_filter(
        _(
            "Full-text search, ranked: the English title, summary and body; Chinese words in the Chinese ones; "
            "the other language's words through the glossary."
        )
    )
    category = ChoicesFilter(
        label=_("Category"),
        field_name="category",
        choices=ArticleCategory.choices,
        help_text=_("Categories, several allowed."),
    )
    focus_area = focus_areas_filter(_("Focus area codes, several allowed."))
    project = KeyFilter(
        label=_("Project"),
        queryset=visible_choices(Project),
        to_field_name="public_id",
        method="filter_project",
        help_text=_("Identifier of a project the article is about, such as CCI-2019-0001."),
    )
    organization = organization_filter(_("Organization"), _("Slug of an organization the article is about."))
    published_after, published_before = bounds(
        django_filters.DateFilter,
        "published_on",
        at_least=(_("Published after"), _("Published on or after this date (YYYY-MM-DD).")),
        at_most=(_("Published before"), _("Published on or before this date (YYYY-MM-DD).")),
    )
    updated_since = SinceFilter(label=_("Updated since"))
    ordering = StableOrderingFilter(
        label=_("Order"),
        fields=(("published_on", "published_on"), ("title_en", "title"), ("updated_at", "updated_at")),
        help_text=_("Sort by a field; prefix with - for descending. Default: newest first."),
    )

    class Meta:
        model = Article
        fields = []

    def filter_focus_area(self, queryset, name, value):
        if not value:
            return queryset
        through = Article.focus_areas.through.objects.filter(focusarea__in=value)
        return queryset.filter(pk__in=through.values("article_id"))

    def filter_project(self, queryset, name, value):
        return queryset.filter(pk__in=Article.projects.through.objects.filter(project=value).values("article_id"))

    def filter_organization(self, queryset, name, value):
        through = Article.organizations.through.objects.filter(organization=value)
        return queryset.filter(pk__in=through.values("article_id"))
