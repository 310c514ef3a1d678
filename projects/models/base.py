"""What the registry's models share: patterns, index and constraint builders."""

from datetime import date
from decimal import Decimal

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper

PUBLIC_ID_PATTERN = r"^CCI-[0-9]{4}-[0-9]{4}$"
# The CCI was launched on 7 November 2015: no project of it is signed earlier.
LAUNCH_DATE = date(2015, 11, 7)
# How far a stated US-dollar amount may be from amount x rate (rounding in the sources).
USD_TOLERANCE = Decimal("0.01")
COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"


def trigram_index(model: str, field: str) -> GinIndex:
    """A trigram index: typo-tolerant similarity and substring search (Chinese names too)."""
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"projects_{model}_{field}_trgm")


# What the list's facets count and its filters test, so both read an index-only scan.
FACET_COLUMNS = [
    "scheme_id",
    "zone_id",
    "district_id",
    "status",
    "signed_date",
    "contract_amount_usd",
    "facet_focus_areas",
    "facet_partners",
    "facet_countries",
]


def published_index(name: str, *expressions) -> models.Index:
    """An index over published projects only: the rows every public list reads and sorts."""
    return models.Index(*expressions, name=f"projects_pub_{name}", condition=Q(is_published=True))


def name_search_vector() -> SearchVector:
    return SearchVector("name_en", weight="A", config="english") + SearchVector(
        "description_en", weight="B", config="english"
    )


def choices_check(field: str, choices, *, allow_blank: bool = False) -> Q:
    values = list(choices.values)
    if allow_blank:
        values.append("")
    return Q(**{f"{field}__in": values})


def optional_link(to, *, related_name: str, verbose_name) -> models.ForeignKey:
    """A link to a reference record that may be left empty; the record cannot be deleted while linked."""
    return models.ForeignKey(
        to, on_delete=models.PROTECT, null=True, blank=True, related_name=related_name, verbose_name=verbose_name
    )
