"""``lang_attr``: mark a bilingual text shown in the other language than the page's."""

from django import template
from django.utils.html import format_html

from core.localization import reader_language

register = template.Library()


@register.filter
def lang_attr(text) -> str:
    """`` lang="en"`` (or ``zh-Hans``) when ``text`` fell back to the other language, else nothing.

    ``text`` is a :class:`core.localization.LocalizedText`; a plain string is taken as the page's language.
    """
    lang = getattr(text, "lang", None)
    if not lang or lang == reader_language():
        return ""
    return format_html(' lang="{}"', lang)
