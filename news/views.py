"""Public pages of the news: the list of articles (filtered by category) and an article's page.

The list goes through the list-page engine of :mod:`core.listing`: bad input never breaks it.
"""

from urllib.parse import urlsplit

from django.db.models import Count, Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.listing import list_filters, list_page
from news.downloads import ARTICLE_DOWNLOADS
from news.filtersets import ArticleFilterSet
from news.models import Article, ArticleCategory
from projects.models import FocusArea, Organization, Project

ARTICLES_PER_PAGE = 20


def article_list(request):
    """Published articles, newest first, 20 a page, with category facets and their counts."""
    published = Article.objects.published()
    filters = list_filters(ArticleFilterSet, request.GET, queryset=published, request=request)
    if filters.refused:
        filters.notices.append(_("The list below leaves that out."))
    selected = _selected_categories(filters)
    others = filters.narrowed(published, [name for name in filters.active if name != "category"])
    listing = list_page(
        filters,
        object_list=filters.filterset.qs,
        per_page=ARTICLES_PER_PAGE,
        requested_page=request.GET.get("page"),
        facets={"category": _category_facets(others, selected, filters.data, request.path)},
    )
    labels = dict(ArticleCategory.choices)
    context = {
        "page": listing.page,
        "articles": listing.page.object_list,
        "notices": listing.notices,
        "categories": listing.facets["category"],
        "all_categories_url": _query_url(request.path, filters.data, category=None),
        "active_category": ",".join(selected),
        "active_category_label": ", ".join(str(labels[value]) for value in selected),
        "page_query": listing.filter_query,
        "downloads": ARTICLE_DOWNLOADS.links(listing.filter_query),
    }
    return render(request, "news/article_list.html", context, status=listing.status)


def article_detail(request, slug):
    """An article's public page; staff who may view articles also see drafts (preview)."""
    articles = Article.objects.visible_to(request.user).prefetch_related(
        Prefetch("projects", queryset=Project.objects.published()),
        Prefetch("focus_areas", queryset=FocusArea.objects.published()),
        Prefetch("organizations", queryset=Organization.objects.published()),
    )
    article = get_object_or_404(articles, slug=slug)
    # Rows imported in bulk skip form validation: only an http(s) source address becomes a link.
    source_link = article.source_url if urlsplit(article.source_url).scheme in {"http", "https"} else ""
    return render(request, "news/article_detail.html", {"article": article, "source_link": source_link})


def _selected_categories(filters) -> list[str]:
    """The categories the (valid) filter chose."""
    return [str(item) for item in filters.cleaned.get("category") or []]


def _category_facets(articles, selected: list[str], query: QueryDict, path: str) -> list[dict]:
    """Each category with its number of ``articles`` and the link that lists it (one query)."""
    counts = dict(articles.order_by().values_list("category").annotate(count=Count("id")))
    return [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "url": _query_url(path, query, category=value),
            "active": value in selected,
        }
        for value, label in ArticleCategory.choices
    ]


def _query_url(path: str, query: QueryDict, **changes) -> str:
    """``path`` with the query string, ``changes`` applied (``None`` removes a parameter)."""
    query = query.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path
