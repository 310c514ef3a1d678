"""Public pages of the news."""

from django.shortcuts import get_object_or_404, render

from news.models import Article


def article_detail(request, slug):
    """An article's public page; staff who may view articles also see drafts (preview)."""
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    return render(request, "news/article_detail.html", {"article": article})
