"""QuerySets that decide what the public sees. Every public surface goes through them."""

from django.contrib.postgres.search import SearchRank, TrigramStrictWordSimilarity
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from core.publishing import permission_name
from core.search import TRIGRAM_THRESHOLD, SearchPlan, has_cjk, is_plain, search_plan


def sees_drafts(user, model) -> bool:
    """Whether ``user`` is staff who may view ``model``, and so previews its drafts."""
    return bool(user and user.is_active and user.is_staff and user.has_perm(permission_name("view", model)))


class SearchableQuerySet(models.QuerySet):
    """Records found by the site's one search rule (:mod:`core.search`).

    The model names its English and Chinese title fields in ``search_names``
    (``("name_en", "name_zh")`` unless it says otherwise).
    """

    def search(self, query: str, *, fuzzy: bool = False, name_substring: bool = False):
        """The records matching ``query``; with ``fuzzy``, also those whose English name is close to it
        (annotated ``similarity``). Unordered: :meth:`ranked_search` orders by relevance.

        ``name_substring`` also matches a substring of the English name: what the lists of zones and
        partners add, where a reader types part of a name ("sing" for the Singaporean partners). A
        model without a ``search_vector`` matches a substring of either name only.
        """
        name_en, name_zh = search_names(self.model)
        if not has_search_vector(self.model):
            return self.filter(Q(**{f"{name_en}__icontains": query}) | Q(**{f"{name_zh}__icontains": query}))
        plan = search_plan(query)
        matches = Q(search_vector=plan.english)
        if plan.chinese is not None and has_chinese_search_vector(self.model):
            matches |= Q(search_vector_zh=plan.chinese)
        if has_cjk(query):
            matches |= Q(**{f"{name_zh}__icontains": query})
        if name_substring:
            matches |= Q(**{f"{name_en}__icontains": query})
        queryset = self
        if fuzzy:
            queryset = queryset.annotate(similarity=TrigramStrictWordSimilarity(Value(query), name_en))
            matches |= Q(similarity__gt=TRIGRAM_THRESHOLD)
        return queryset.filter(matches)

    def ranked_search(self, query: str, *, name_substring: bool = False):
        """:meth:`search`, best match first (``ts_rank``; the primary key breaks ties), typo-tolerant
        as the site search is: when nothing matches a plain query (:func:`core.search.is_plain`), the
        records whose English name is close to it, closest first. The test for a match is one more
        query (``EXISTS``, stopping at the first), made only for a plain query.

        The rank is an ordering, not a column, so an explicit ``ordering`` that replaces it also
        saves computing it for every match.
        """
        found = self.search(query, name_substring=name_substring)
        if not has_search_vector(self.model):
            return found
        if is_plain(query) and not found.exists():
            close = self.search(query, fuzzy=True, name_substring=name_substring)
            return close.order_by(F("similarity").desc(), "pk")
        # A part of a name ranks nothing: those matches come in name order, as the lists are.
        tie_break = (search_names(self.model)[0],) if name_substring else ()
        return found.order_by(search_rank(self.model, search_plan(query)).desc(), *tie_break, "pk")


def search_rank(model, plan: SearchPlan):
    """How well a record matches: ``ts_rank`` of its English vector, plus its Chinese one's when searched."""
    rank = SearchRank(F("search_vector"), plan.english)
    if plan.chinese is not None and has_chinese_search_vector(model):
        rank += Coalesce(SearchRank(F("search_vector_zh"), plan.chinese), 0.0)
    return rank


def search_names(model) -> tuple[str, str]:
    return getattr(model, "search_names", ("name_en", "name_zh"))


def has_search_vector(model) -> bool:
    return any(field.name == "search_vector" for field in model._meta.concrete_fields)


def has_chinese_search_vector(model) -> bool:
    return any(field.name == "search_vector_zh" for field in model._meta.concrete_fields)


class PublishableQuerySet(SearchableQuerySet):
    """Records with an ``is_published`` flag: drafts stay with the staff."""

    def published(self):
        return self.filter(is_published=True)

    def drafts(self):
        return self.filter(is_published=False)

    def visible_to(self, user):
        """Published records, plus drafts for staff who may view this model (draft preview)."""
        return self.all() if sees_drafts(user, self.model) else self.published()


class VocabularyQuerySet(SearchableQuerySet):
    """Reference lists (focus areas, schemes, districts) are public as a whole."""

    def published(self):
        return self.all()
