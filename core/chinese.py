"""Chinese text for search and sorting: words for the full-text index, and pinyin sort keys.

PostgreSQL has no Chinese parser: its ``simple`` configuration would take a whole run of Chinese
characters for one word. The words are cut here, in Python, and fed to it space-joined:

- :func:`index_words` (:func:`segment`) for ``to_tsvector('simple', ...)``, in search mode: each
  word with the dictionary words inside it, so that 数据, 数据通道 and 国际数据通道 all find a text
  that says 国际数据通道;
- :func:`query_words` for the query, in precise mode: 国际数据通道 stays one term;
- :func:`pinyin_sort_key` for sorting by pinyin with the database's plain byte order.

The segmenter is jieba-rs (the ``rjieba`` binding): its dictionary is built into the library, so
nothing is downloaded or written at run time. Its domain words (the names of the site's places,
projects and partners, which the general dictionary splits up: 两江新区, 果园港) come from the files
named in ``settings.CHINESE_DICTIONARY_FILES`` and from :func:`add_words`. The segmenter is built
on first use, once per process, never at import: it takes about 0.2 s and 25 MB.
"""

import itertools
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from rjieba import Jieba

__all__ = [
    "SORT_KEY_MAX_LENGTH",
    "STOP_WORDS",
    "add_words",
    "index_words",
    "pinyin_sort_key",
    "query_words",
    "reset",
    "segment",
]

DICTIONARY_FILES_SETTING = "CHINESE_DICTIONARY_FILES"
# Words that find nearly every text: left out of queries (the index keeps them).
STOP_WORDS = frozenset(
    {"的", "地", "得", "之", "了", "着", "过", "和", "与", "及", "或", "并", "而", "在", "于", "对", "是", "等", "也"}
)
# The longest key pinyin_sort_key returns: a model's sort-key column holds at least this much.
SORT_KEY_MAX_LENGTH = 600

# Han ideographs: U+3007 (ling, zero), the unified blocks and their extensions, the compatibility forms.
_HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# A letter, a digit or an ideograph: what makes a token a word rather than punctuation or whitespace.
_WORD_CHARACTER = re.compile(r"[^\W_]")
# The full-width forms of ASCII (letters, digits, the comma of Chinese text) and the ideographic space.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(match: re.Match) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def _normalize(text: str) -> str:
    """NFKC: full-width letters and digits become ASCII, compatibility ideographs unified ones.

    The full-width forms are mapped first, in one pass: most Chinese texts hold nothing else that
    NFKC changes, and its quick check then spares the full normalization.
    """
    text = _FULL_WIDTH.sub(_half_width, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


# The segmenter and its domain dictionary -------------------------------------------------------------------


class _Segmenter:
    """The process's jieba-rs tokenizer with its domain words, built on first use.

    One lock guards every call: ``add_word`` needs the tokenizer to itself, and a cut (which lets
    go of the GIL) running in another thread makes it fail with "Already borrowed". Cutting a
    paragraph takes about 0.1 ms, and the site's sync workers serve one request at a time anyway.
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._tokenizer: Jieba | None = None
        self._files: tuple[str, ...] | None = None
        self._added: dict[str, None] = {}  # The words of add_words(), in order, each once.
        self._builds = 0

    def tokenizer(self) -> "Jieba":
        """The tokenizer for the dictionary files now configured (call with the lock held)."""
        files = _dictionary_files()
        if self._tokenizer is None or files != self._files:
            tokenizer = _new_tokenizer(first=self._builds == 0)
            for word, frequency in _read_dictionary_files(files):
                tokenizer.add_word(word, frequency, None)
            for word in self._added:
                tokenizer.add_word(word, None, None)
            self._tokenizer, self._files = tokenizer, files
            self._builds += 1
        return self._tokenizer

    def add(self, words: Iterable[str]) -> None:
        with self.lock:
            for word in words:
                if word not in self._added:
                    self._added[word] = None
                    if self._tokenizer is not None:
                        self._tokenizer.add_word(word, None, None)

    def reset(self) -> None:
        with self.lock:
            self._tokenizer, self._files = None, None
            self._added.clear()


def _new_tokenizer(*, first: bool) -> "Jieba":
    """A tokenizer with jieba's general dictionary.

    Importing ``rjieba`` builds a default tokenizer for its module-level functions: the first build
    takes that one rather than paying for a second copy of the dictionary.
    """
    import rjieba

    default = getattr(rjieba, "_DEFAULT_JIEBA", None)
    return default if first and default is not None else rjieba.Jieba()


def _dictionary_files() -> tuple[str, ...]:
    files = getattr(settings, DICTIONARY_FILES_SETTING, None) or ()
    if isinstance(files, str | Path):
        raise ImproperlyConfigured(f"{DICTIONARY_FILES_SETTING} must be a list of paths, not one path.")
    return tuple(str(path) for path in files)


def _read_dictionary_files(paths: Sequence[str]) -> Iterator[tuple[str, int | None]]:
    """The words of the files with their jieba frequency, if a line gives one (``word [frequency]``).

    One word a line, UTF-8; blank lines and lines starting with ``#`` are skipped.
    """
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise ImproperlyConfigured(f"{DICTIONARY_FILES_SETTING}: cannot read {path}: {error}") from error
        for line in text.splitlines():
            fields = _prepared(line).split()
            if not fields or fields[0].startswith("#"):
                continue
            frequency = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
            yield fields[0], frequency


_segmenter = _Segmenter()


def add_words(words: Iterable[str]) -> None:
    """Add words to the dictionary of this process, so that each is cut as one word (and its parts found).

    For names taken from the database (``Zone.objects.values_list("name_zh", flat=True)``).
    Blank words and words with a space inside (which never reach the segmenter in one piece) are
    skipped; adding a word twice does nothing. Texts indexed before keep the words they were cut into.
    """
    cleaned = (_prepared(word).strip() for word in words if word)
    _segmenter.add(word for word in cleaned if word and not any(char.isspace() for char in word))


def reset() -> None:
    """Forget the tokenizer and the words of :func:`add_words`: the next cut builds it anew. For tests."""
    _segmenter.reset()


# Words -----------------------------------------------------------------------------------------------------


def segment(text: str | None) -> list[str]:
    """The words of ``text`` for a full-text index, in the order of the text, a repeated word repeated.

    Each Chinese word of more than two characters comes after the dictionary words inside it
    (国际数据通道: 国际, 数据, 数据通, 数据通道, 通道, 国际数据通道), so that a query for any of them
    finds the text. Latin words and numbers are lowercased and kept whole (``covid-19``, ``3.6``):
    PostgreSQL's parser splits them itself. Punctuation and whitespace are dropped.
    """
    if not text:
        return []
    words = []
    with _segmenter.lock:
        tokenizer = _segmenter.tokenizer()
        for token in _words(tokenizer.cut(_prepared(text), True)):
            if len(token) > 2 and _HAN.search(token):
                words += [part for part in tokenizer.cut_all(token) if len(part) > 1 and part != token]
            words.append(token)
    return words


def index_words(*texts: str | None) -> str:
    """The words of the texts (:func:`segment`), space-joined for ``to_tsvector('simple', ...)``.

    An empty text, or ``None`` (a nullable field), adds nothing.
    """
    return " ".join(word for text in texts for word in segment(text))


def query_words(query: str | None) -> list[str]:
    """The words of a visitor's query, each once, in its order: to be found together in a text's index words.

    Cut in precise mode, so that a name stays one term (国际数据通道, not also 数据); lowercased, with
    punctuation and :data:`STOP_WORDS` dropped. Empty when nothing is left (a query of 的): the
    caller decides what such a query finds. Websearch operators (quotes, a minus) are not kept.
    """
    if not query:
        return []
    with _segmenter.lock:
        tokens = _segmenter.tokenizer().cut(_prepared(query), True)
    return list(dict.fromkeys(word for word in _words(tokens) if word not in STOP_WORDS))


def _prepared(text: str) -> str:
    """A text as cut, and a word as added to the dictionary: normalized and lowercased."""
    return _normalize(text).lower()


def _words(tokens: list[str]) -> list[str]:
    """The tokens that are words: they hold a letter, a digit or an ideograph (not punctuation, not spaces)."""
    return [token for token in tokens if _WORD_CHARACTER.search(token)]


# Sorting ---------------------------------------------------------------------------------------------------


def _kind(char: str) -> str | None:
    if _HAN.match(char):
        return "han"
    if "0" <= char <= "9":
        return "digit"
    if char.isalpha():
        return "letter"
    return None


def _syllables(han: str) -> Iterator[str]:
    """Each character's pinyin with its tone number (chong2); a phrase decides a polyphone (重庆: chong2 qing4)."""
    from pypinyin import Style, lazy_pinyin

    for syllable in lazy_pinyin(han, style=Style.TONE3, neutral_tone_with_five=True):
        if syllable.isascii() and syllable.isalnum():
            yield syllable if syllable[-1].isdigit() else f"{syllable}5"
        else:  # A character pypinyin does not know: itself, after every letter.
            yield syllable


def _number(digits: str) -> str:
    """Digits prefixed with their count, so that numbers compare by value: 2 (12) < 10 (210) < 2019 (42019).

    Nine digits and more take "9" and a count of two digits: up to 99 digits compare by value.
    """
    digits = digits.lstrip("0") or "0"
    count = len(digits)
    return f"{count}{digits}" if count < 9 else f"9{min(count, 99):02d}{digits}"


def _letters(word: str) -> str:
    """A run of letters without its accents, lowercased, ended by 0: "A" sorts among the a's, before 阿 (a1)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower() + "0"


def pinyin_sort_key(text: str | None, *, max_length: int = SORT_KEY_MAX_LENGTH) -> str:
    """A key whose plain byte order (``COLLATE "C"``) is the pinyin order of the texts.

    Each Chinese character gives its pinyin and tone (重庆 chong2qing4, so 长江 chang2jiang1 comes
    before it); the tone digit ends the syllable, so 西安 (xi1an1) comes before 先 (xian1). Latin
    letters sort among the pinyin by their letters (A区, 阿, Airlines, 安全); numbers come first, by
    value (2 before 10). Punctuation and spaces count for nothing, except that the text
    itself follows the pinyin after a space, to order texts that read alike (公示, 公式) and to keep
    the order the same from run to run. Cut to ``max_length`` characters; ``""`` for an empty text.

    Sort with the C collation: a locale's collation skips the spaces and digits the key relies on.
    """
    if not text:
        return ""
    text = _normalize(text)
    parts = []
    for kind, chars in itertools.groupby(text, key=_kind):
        run = "".join(chars)
        if kind == "han":
            parts.extend(_syllables(run))
        elif kind == "digit":
            parts.append(_number(run))
        elif kind == "letter":
            parts.append(_letters(run))
    return f"{''.join(parts)} {text}"[:max_length]
