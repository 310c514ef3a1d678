"""The words and weights of the synthetic registry, read from ``vocabulary.toml`` beside this module.

Words are (English, Chinese) pairs. Weights are (value, weight) pairs in the order the draw takes
them, with the registry's codes turned into its choices (``ProjectStatus``, ``Currency``, ...),
so a misspelt code fails here rather than as a row the database refuses.
"""

import tomllib
from pathlib import Path

from projects.choices import Currency, DatePrecision, OrganizationKind, ParticipantRole, ProjectStatus, ZoneKind

with (Path(__file__).parent / "vocabulary.toml").open("rb") as file:
    _VOCABULARY = tomllib.load(file)
_WORDS, _WEIGHTS = _VOCABULARY["words"], _VOCABULARY["weights"]


def _pairs(words: list[list[str]]) -> list[tuple[str, ...]]:
    return [tuple(each) for each in words]


def _by_code(table: dict, code=str) -> dict:
    """The table with its keys turned into ``code`` (a choices class, ``int``)."""
    return {code(key): value for key, value in table.items()}


def _weights(table: dict, code=str) -> list[tuple]:
    return list(_by_code(table, code).items())


# Words
PLACES = _pairs(_WORDS["places"])
PARTNERSHIPS = _pairs(_WORDS["partnerships"])
THEMES = {code: _pairs(words) for code, words in _WORDS["themes"].items()}
THEME_SENTENCES: dict[str, str] = _WORDS["theme_sentences"]
PROJECT_KINDS = _pairs(_WORDS["project_kinds"])
PHASES = _pairs(_WORDS["phases"])
ZONE_KIND_NAMES = {kind: tuple(name) for kind, name in _by_code(_WORDS["zone_kinds"], ZoneKind).items()}
DISTRICT_NAMES = _pairs(_WORDS["districts"])  # English, Chinese, latitude, longitude
COUNTRY_NAMES: dict[str, str] = _WORDS["countries"]
ORGANIZATION_PREFIXES = {country: _pairs(words) for country, words in _WORDS["organization_prefixes"].items()}
ORGANIZATION_SECTORS = _pairs(_WORDS["organization_sectors"])
ORGANIZATION_SUFFIXES = {
    kind: _pairs(words) for kind, words in _by_code(_WORDS["organization_suffixes"], OrganizationKind).items()
}
SOURCE_PUBLISHERS: list[str] = _WORDS["source_publishers"]
ARTICLE_SOURCE: str = _WORDS["article_source"]

# Weights
ORGANIZATION_COUNTRIES = _weights(_WEIGHTS["organization_countries"])
ORGANIZATION_KINDS = _weights(_WEIGHTS["organization_kinds"], OrganizationKind)
SIGNED_YEAR_WEIGHTS = _by_code(_WEIGHTS["signed_years"], int)
UNSIGNED_WEIGHT: int = _WEIGHTS["not_signed"]
SIGNED_STATUSES = _weights(_WEIGHTS["signed_statuses"], ProjectStatus)
UNSIGNED_STATUSES = _weights(_WEIGHTS["unsigned_statuses"], ProjectStatus)
CURRENCIES = _weights(_WEIGHTS["currencies"], Currency)
PRECISIONS = _weights(_WEIGHTS["precisions"], DatePrecision)
PARTICIPANT_COUNTS = _weights(_WEIGHTS["participant_counts"], int)
FIRST_ROLES = _weights(_WEIGHTS["first_roles"], ParticipantRole)
OTHER_ROLES = _weights(_WEIGHTS["other_roles"], ParticipantRole)
DRAFT_SHARES: dict[str, float] = _WEIGHTS["draft_shares"]
# Yearly average US dollars per unit, as decimal strings.
USD_RATES = {year: _by_code(rates, Currency) for year, rates in _by_code(_VOCABULARY["usd_rates"], int).items()}
