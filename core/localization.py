"""The one mechanism for bilingual fields: an ``<field>_en`` / ``<field>_zh`` pair of model fields,
read through a :class:`BilingualText` attribute named ``<field>``.

The attribute gives the text in the reader's language or, when that one is empty, in the other:
a :class:`LocalizedText`, which knows its language, so a template marks a fallback with ``lang``
(``{{ project.summary|lang_attr }}``, see :mod:`core.templatetags.bilingual`).
"""

from django.utils import translation

ENGLISH = "en"
CHINESE = "zh-Hans"
LANGUAGE_SUFFIXES = {ENGLISH: "en", CHINESE: "zh"}


def reader_language() -> str:
    """The BCP 47 tag of the active language: ``zh-Hans`` for the Chinese site, else ``en``."""
    return CHINESE if (translation.get_language() or "").startswith("zh") else ENGLISH


class LocalizedText(str):
    """A bilingual field's text with ``lang``, the language it is written in."""

    lang: str

    def __new__(cls, value: str, lang: str):
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __getnewargs__(self):
        # Copied and pickled (a cached page's context) with its language.
        return str(self), self.lang


def localized(instance, field: str) -> LocalizedText:
    """``<field>_zh`` or ``<field>_en``: the reader's language first, the other when it is empty."""
    english, chinese = (getattr(instance, f"{field}_{suffix}", "") or "" for suffix in ("en", "zh"))
    return localized_value(english, chinese)


def localized_value(english: str, chinese: str) -> LocalizedText:
    """Of a text's two halves, the reader's language first, the other when it is empty."""
    preferred = reader_language()
    texts = {ENGLISH: english, CHINESE: chinese}
    for lang in (preferred, ENGLISH if preferred == CHINESE else CHINESE):
        if texts[lang]:
            return LocalizedText(texts[lang], lang)
    return LocalizedText("", preferred)


def bilingual_fields(field: str) -> tuple[str, str]:
    """The two model fields behind a bilingual ``field``: ``("<field>_en", "<field>_zh")``."""
    return f"{field}_en", f"{field}_zh"


class BilingualText:
    """A model attribute reading the ``_en`` / ``_zh`` pair of its name with :func:`localized`."""

    def __set_name__(self, owner, name: str):
        self.field = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return localized(instance, self.field)


def bilingual_names(model) -> list[str]:
    """The bilingual fields of ``model``: the names of its :class:`BilingualText` attributes, in declaration order."""
    names = []
    for klass in reversed(model.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, BilingualText) and name not in names:
                names.append(name)
    return names
