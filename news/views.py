"""Public pages of the news: the list of articles (filtered by category) and an article's page.

Bad input never breaks a page: a page number that is not a number or is out of range shows the
nearest page (status 200) with a message saying so; an invalid filter value answers 400 with the
page, a message naming the value, and the list without that filter.
"""

from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from news.filtersets import ArticleFilterSet
from news.models import Article, ArticleCategory
from projects.listing import page_or_nearest, refused_filter_notices
from projects.models import FocusArea, Organization, Project

ARTICLES_PER_PAGE = 20

# What a message calls each filter of ArticleFilterSet (its query parameter name is not for people).


def article_list(request):
    """Published articles, newest first, 20 a page, with category facets and their counts."""
    published = Article.objects.published()
    # The page's own links keep the filters and drop the page number (and, below, refused values).
    query = request.GET.copy()
    query.pop("page", None)
    filterset = ArticleFilterSet(query, queryset=published, request=request)
    status = 200
    notices = []
    if not filterset.is_valid():
        status = 400
        notices = refused_filter_notices(filterset)
        notices.append(_("The list below leaves that out."))
        for name in filterset.errors:
            query.pop(name, None)
        filterset = ArticleFilterSet(query, queryset=published, request=request)
        if not filterset.is_valid():  # a rule across filters: start again from no filter at all
            query = QueryDict(mutable=True)
            filterset = ArticleFilterSet(query, queryset=published, request=request)
            filterset.is_valid()

    page, page_notice = page_or_nearest(Paginator(filterset.qs, ARTICLES_PER_PAGE), request.GET.get("page"))
    if page_notice:
        notices.append(page_notice)

    selected = _selected_categories(filterset)
    labels = dict(ArticleCategory.choices)
    context = {
        "page": page,
        "articles": page.object_list,
        "notices": notices,
        "categories": _category_facets(_without(query, "category", request), selected, query, request.path),
        "all_categories_url": _query_url(request.path, query, category=None),
        "active_category": ",".join(selected),
        "active_category_label": ", ".join(str(labels[value]) for value in selected),
        "page_query": query.urlencode(),
    }
    return render(request, "news/article_list.html", context, status=status)


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


def _selected_categories(filterset) -> list[str]:
    """The categories the (valid) filter chose, whether it takes one value or several."""
    value = filterset.form.cleaned_data.get("category")
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _without(query: QueryDict, name: str, request):
    """The published articles matching every filter of ``query`` but ``name``: what the facet of ``name`` counts."""
    others = query.copy()
    others.pop(name, None)
    return ArticleFilterSet(others, queryset=Article.objects.published(), request=request).qs


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
