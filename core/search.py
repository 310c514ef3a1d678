"""The one search rule of the site, used by every FilterSet's ``q`` and by site search.

A record matches a query when any of these holds:

- PostgreSQL full-text search on its stored ``search_vector`` (English, ``websearch`` syntax:
  ``"exact phrase"``, ``-excluded``, ``a or b``), for the models that keep one; the others
  (reference lists, figures) match on a substring of their English or Chinese name;
- its Chinese title or name contains the query, when the query holds Chinese (the English
  parser does not split Chinese words);
- with ``fuzzy``, its English title or name is close to the query by ``pg_trgm`` strict word
  similarity, so a misspelt name still finds its record. Only for plain queries
  (:func:`is_plain`): a fuzzy match would ignore the minus of ``-excluded`` and the quotes of a phrase.

:meth:`core.querysets.SearchableQuerySet.search` applies it.
"""

import re

from django.contrib.postgres.search import SearchQuery

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
