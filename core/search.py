"""The one search rule of the site, used by every FilterSet's ``q`` and by site search.

A record matches a query when any of these holds:

- PostgreSQL full-text search on its stored ``search_vector`` (English, ``websearch`` syntax:
  ``"exact phrase"``, ``-excluded``, ``a or b``), for the models that keep one; the others
  (reference lists, figures) match on a substring of their English or Chinese name;
- Chinese words on its ``search_vector_zh`` (:class:`core.models.ChineseSearchModel`): the words
  of a Chinese query (cut by :mod:`core.chinese`), all required;
- across languages, through the glossary (below): the English of a Chinese query whose every word
  is a glossary term, and the Chinese of an English query made of glossary terms;
- its Chinese title or name contains the query, when the query holds Chinese (a name's part that
  is no word of its own: 港 in 果园港);
- with ``fuzzy``, its English title or name is close to the query by ``pg_trgm`` strict word
  similarity, so a misspelt name still finds its record. Only for plain queries
  (:func:`is_plain`): a fuzzy match would ignore the minus of ``-excluded`` and the quotes of a phrase.

:meth:`core.querysets.SearchableQuerySet.search` applies it.
"""

import csv
import functools
import operator
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.chinese import add_words, query_words

SEARCH_MAX_LENGTH = 200
SEARCH_CONFIG = "english"
# Tuned on the demo data (strict word similarity): misspelt names score 0.45-0.62 ("Raffels City" ->
# Raffles City Chongqing 0.529, "Singpore Airlnes" -> Singapore Airlines 0.565, "Guoyuen" -> Guoyuan 0.455),
# names sharing only one word with the query at most 0.42 ("Fintek zone" -> every "... Demonstration Zone").
TRIGRAM_THRESHOLD = 0.45
MIN_FUZZY_QUERY_LENGTH = 3

# Han ideographs (with their extensions and compatibility forms), CJK punctuation, kana and
# full-width forms: characters the English parser of full-text search does not split into words.
_CJK_CHARACTER = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
# websearch operators: a quote, a word starting with a minus, or a lone "or".
_WEBSEARCH_OPERATOR = re.compile(r'"|(?:^|\s)-\S|(?:^|\s)or(?:\s|$)', re.IGNORECASE)


def has_cjk(value: str) -> bool:
    """Whether ``value`` holds a Chinese (or other CJK) character: only then is a Chinese title a substring match.

    The substring test is left out of queries without Chinese: it cannot find more than the
    full-text match there and made every search read the trigram index too.
    """
    return _CJK_CHARACTER.search(value) is not None


def is_plain(query: str) -> bool:
    """A query without websearch operators, long enough for a typo-tolerant match."""
    return len(query) >= MIN_FUZZY_QUERY_LENGTH and not _WEBSEARCH_OPERATOR.search(query)


def normalize_query(query: str) -> str:
    """The query as searched: surrounding and repeated whitespace removed."""
    return " ".join(query.split())


def websearch_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


# --- Chinese words and the glossary ----------------------------------------------------------
#
# Chinese is matched on ``search_vector_zh``: the words cut by :mod:`core.chinese` when a record is
# saved (:class:`core.models.ChineseSearchModel`), searched with the words cut from the query, all of
# them required. Across languages, a query whose every word is a term of the glossary (the files of
# ``settings.SEARCH_GLOSSARY_FILES``: ``term_en,term_zh`` rows) also searches the other language's
# text for the terms' translations: 物流 finds a record that says only "logistics", and "cold chain"
# one that says only 冷链.

# English words a glossary match may step over ("logistics and aviation").
_ENGLISH_FILLERS = frozenset({"a", "an", "and", "for", "in", "of", "or", "the", "to", "with"})
_ENGLISH_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Glossary:
    """The domain's terms in both languages: Chinese term -> English terms, English words -> Chinese terms."""

    english: dict[str, frozenset[str]]
    chinese: dict[tuple[str, ...], frozenset[str]]

    @property
    def longest_english(self) -> int:
        return max((len(words) for words in self.chinese), default=0)


def _english_words(text: str) -> tuple[str, ...]:
    return tuple(_ENGLISH_WORD.findall(text.lower()))


@functools.cache
def _glossary(paths: tuple[str, ...]) -> Glossary:
    english: dict[str, set[str]] = {}
    chinese: dict[tuple[str, ...], set[str]] = {}
    for path in paths:
        with open(path, encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                term_en, term_zh = row["term_en"].strip(), row["term_zh"].strip()
                if term_en and term_zh:
                    english.setdefault(term_zh, set()).add(term_en)
                    chinese.setdefault(_english_words(term_en), set()).add(term_zh)
    # The Chinese terms are words of the segmenter too, so that a query says them as one word.
    add_words(english)
    return Glossary(
        english={term: frozenset(terms) for term, terms in english.items()},
        chinese={words: frozenset(terms) for words, terms in chinese.items()},
    )


def glossary() -> Glossary:
    return _glossary(tuple(str(path) for path in getattr(settings, "SEARCH_GLOSSARY_FILES", ())))


def english_terms(words: list[str]) -> list[frozenset[str]] | None:
    """The English terms of each Chinese query word, or ``None`` when a word is not in the glossary."""
    terms = glossary().english
    found = [terms.get(word) for word in words]
    return None if not found or None in found else found


def chinese_terms(query: str) -> list[frozenset[str]] | None:
    """The Chinese terms of an English query, read as a run of glossary terms (the longest first),
    or ``None`` when a word of it is in no term."""
    known = glossary()
    words = list(_english_words(query))
    found, start = [], 0
    while start < len(words):
        for end in range(min(len(words), start + known.longest_english), start, -1):
            if (terms := known.chinese.get(tuple(words[start:end]))) is not None:
                found.append(terms)
                start = end
                break
        else:
            if words[start] not in _ENGLISH_FILLERS:
                return None
            start += 1
    return found or None


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _all_of(groups: list[list[str]]) -> str:
    """A ``to_tsquery`` text: every group matched, by any of its terms, a term by all of its words
    (a term the segmenter cuts in two, 中新（重庆）: 中新 & 重庆)."""

    def term(text: str) -> str:
        return "(" + " & ".join(_lexeme(word) for word in (query_words(text) or [text])) + ")"

    return " & ".join("(" + " | ".join(term(text) for text in group) + ")" for group in groups)


@dataclass(frozen=True)
class SearchPlan:
    """What one query searches: the English text, and the Chinese words when it has any to match.

    ``english`` is the query as typed (websearch syntax), or'ed with the English terms of a Chinese
    query; ``chinese`` the Chinese words to find (each group by any of its words), from a Chinese
    query's words or an English query's glossary terms; ``highlighted`` the Chinese words to mark.
    """

    query: str
    english: SearchQuery
    chinese: SearchQuery | None
    highlighted: tuple[str, ...]


def search_plan(query: str) -> SearchPlan:
    glossary()  # its Chinese terms are words of the segmenter: loaded before the query is cut
    english = websearch_query(query)
    groups: list[list[str]] = []
    if has_cjk(query) and not _WEBSEARCH_OPERATOR.search(query):
        # Chinese words are all required; a query with websearch operators ("-物流") keeps their
        # meaning on the English text and the substring match of names, not on the Chinese words.
        words = query_words(query)
        groups = [[word] for word in words]
        # A whole term first: a name the segmenter cuts at its punctuation (中新（重庆）国际…) is still one term.
        whole = glossary().english.get(query.strip())
        if (translations := [whole] if whole else english_terms(words)) is not None:
            translated = functools.reduce(
                operator.and_,
                (
                    functools.reduce(
                        operator.or_, (SearchQuery(term, search_type="phrase", config=SEARCH_CONFIG) for term in terms)
                    )
                    for terms in translations
                ),
            )
            english = english | translated
    elif (translations := chinese_terms(query)) is not None:
        groups = [sorted(terms) for terms in translations]
    if not groups:
        return SearchPlan(query=query, english=english, chinese=None, highlighted=())
    chinese = SearchQuery(_all_of(groups), search_type="raw", config="simple")
    return SearchPlan(
        query=query, english=english, chinese=chinese, highlighted=tuple(word for group in groups for word in group)
    )


def chinese_highlight(texts: list[str], words: tuple[str, ...], *, length: int = 90) -> SafeString:
    """A snippet of the first text that says one of ``words``, each of them marked (``<mark>``), about
    ``length`` characters around the first; the start of the first text when none says one.

    Cut here rather than by ``ts_headline``, whose parser takes a run of Chinese for one word.
    """
    words = tuple(sorted({word for word in words if word}, key=len, reverse=True))
    found = next(((text, text.find(word)) for text in texts for word in words if word in text), None)
    if found is None:
        text, start = (texts[0], 0) if texts else ("", 0)
    else:
        text, start = found[0], max(0, found[1] - length // 3)
    excerpt = " ".join(text[start : start + length].split())
    if not excerpt:
        return mark_safe("")
    pattern = "|".join(re.escape(word) for word in words)
    parts = re.split(f"({pattern})", excerpt) if pattern else [excerpt]
    marked = "".join(f"<mark>{escape(part)}</mark>" if part in words else escape(part) for part in parts)
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")
