"""The ``markdown`` filter: ``{{ article.body|markdown }}`` renders and sanitises an article body."""

from django import template
from django.utils.safestring import SafeString

from news.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    return render_markdown(text)
