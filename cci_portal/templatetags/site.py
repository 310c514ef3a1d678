"""Template tags for the site's frame: language links and canonical URLs."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in each language, so switching language keeps the visitor in place."""
    request = context["request"]
    current = translation.get_language()
    query = request.GET.urlencode()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "path": url,
                "url": f"{url}?{query}" if query else url,
                "active": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's address without its query string, absolute."""
    request = context["request"]
    return request.build_absolute_uri(request.path)
