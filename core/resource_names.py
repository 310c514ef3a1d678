"""Vocabulary values by their Chinese names in the Chinese admin's exports, and read back by every import.

A file names a status, a focus area or a country by its code (``implementation``, ``aviation``,
``CN``): English words, which an English reader reads as they are. The Chinese admin's export
writes their Chinese names instead (实施, 航空, 中国), and the import reads a Chinese name as the
code it stands for, so a file exported there and imported back is unchanged.

A :class:`Naming` maps one column's codes to names and back. Only a name that belongs to one code
and is no code itself is used (two zones of one Chinese name keep their slugs), so every name a file
carries reads back as the code it came from. Where a column's value has no Chinese name, its code
stays.
"""

from collections import Counter
from collections.abc import Callable

from django.utils import translation
from django.utils.functional import cached_property

from core.localization import CHINESE


class Naming:
    """The Chinese names of one column's codes (``names()`` gives ``{code: name}``), and back.

    ``separator``: the column holds several codes (``aviation;ict``), each named on its own."""

    def __init__(self, names: Callable[[], dict], *, separator: str | None = None):
        self._names = names
        self.separator = separator

    @cached_property
    def _by_code(self) -> dict[str, str]:
        with translation.override(CHINESE):
            every = {str(code): str(name) for code, name in self._names().items()}
        names = {code: name for code, name in every.items() if name}
        used = Counter(names.values())
        # Not a name that is also a code, even one without a name of its own: it would read back as that one.
        return {code: name for code, name in names.items() if used[name] == 1 and name not in every}

    @cached_property
    def _by_name(self) -> dict[str, str]:
        return {name: code for code, name in self._by_code.items()}

    def name_of(self, code: str) -> str:
        return self._by_code.get(code, code)

    def code_of(self, text: str) -> str:
        return self._by_name.get(text.strip(), text)

    def name(self, cell: str) -> str:
        """An exported cell, its codes written as names."""
        if self.separator is None:
            return self.name_of(cell)
        return self.separator.join(self.name_of(part) for part in cell.split(self.separator))

    def code(self, cell: str) -> str:
        """An imported cell, its names read as the codes they stand for."""
        if self.separator is None:
            return self.code_of(cell)
        return self.separator.join(self.code_of(part) for part in cell.split(self.separator))


def choice_naming(model_field) -> Naming:
    """A choice field's labels, as the Chinese catalog gives them."""
    return Naming(lambda: dict(model_field.flatchoices))


def record_naming(model, key: str, *, separator: str | None = None) -> Naming:
    """Records named by ``key`` (a code, a slug), by their Chinese names (``name_zh``)."""
    return Naming(lambda: dict(model._default_manager.values_list(key, "name_zh")), separator=separator)
