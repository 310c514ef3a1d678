"""Whole public pages kept in the cache for readers who are not signed in.

A page that depends on no filter (home, statistics) is the same for every anonymous reader of
a language until a record changes. Its cache key carries the site's version, read from the
latest indexed stamp of every table the pages draw on, as the public sees them
(:mod:`core.freshness`), so a public change shows at once, in every process, a draft's edit
keeps the page, and a cached page costs one query. Signed-in staff, who may see drafts and
admin links, always get the page rendered for them.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from core.freshness import VERSIONED_CACHE_SECONDS, latest_changes, version_of
from news.models import Article
from projects.freshness import registry_querysets
from projects.models import ReportedFigure


def site_version() -> str:
    """Changes whenever a record any public page shows changes: projects and their links,
    partners, zones, sources, vocabularies, reported figures and articles, as the public sees
    them (a draft's edit keeps every page in the cache)."""
    markers = latest_changes((*registry_querysets(), ReportedFigure.objects.published(), Article.objects.published()))
    return version_of(markers)


def cached_public_page(view):
    """Serve ``view``'s page from the cache to anonymous GETs; render and keep it on a miss."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        parts = [translation.get_language() or "", request.get_full_path(), site_version()]
        key = "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        if (kept := cache.get(key)) is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), VERSIONED_CACHE_SECONDS)
        return response

    return wrapper
