"""Pick the English or Chinese form of a bilingual field for the active language."""

from django.utils import translation


def localized(instance, field: str) -> str:
    """Return ``<field>_zh`` when the active language is Chinese and it is filled, else ``<field>_en``."""
    language = translation.get_language() or ""
    if language.startswith("zh"):
        chinese = getattr(instance, f"{field}_zh", "")
        if chinese:
            return chinese
    return getattr(instance, f"{field}_en")
