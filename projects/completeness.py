"""How complete a project's record is: which of the facts an investor looks for it holds, after
AidData's practice of stating what a record knows and what it lacks.

Each fact is one SQL condition on the project's row and its links, defined once here. The
project keeps the result in two columns, recomputed in one ``UPDATE`` whenever the project, its
participants, milestones or sources change (``projects/signals.py``): ``known_facts``, a bit per
fact held, and ``completeness``, the share held in per cent, which the list sorts and filters
on (``quality_min``) through an index. Only what the public sees counts: published partners.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Round
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.models import Milestone, Project


def _milestones():
    return Milestone.objects.filter(project=OuterRef("pk"))


def _sourced():
    """The record names its sources, and every milestone its own."""
    named = Exists(Project.sources.through.objects.filter(project=OuterRef("pk")))
    return named & ~Exists(_milestones().filter(source__isnull=True))


@dataclass(frozen=True)
class Fact:
    """A fact of a project's record: its key, its bit in ``known_facts``, its label, what makes it
    known in words (the data page) and in SQL, and what a project page says when it is missing."""

    key: str
    bit: int
    label: str
    definition: str
    missing: str
    condition: Callable[[], Q | Exists]


FACTS = (
    Fact(
        "signed_date",
        1,
        _("Signing date"),
        _("The day, month or year the agreement was signed."),
        _("The date of signing is not known."),
        lambda: Q(signed_date__isnull=False),
    ),
    Fact(
        "amount",
        2,
        _("Amount with its rate"),
        _("A contract amount, in US dollars or with the rate it was converted to US dollars at."),
        _("No contract amount with a US-dollar rate is reported."),
        lambda: Q(contract_amount__isnull=False) & (Q(currency="USD") | Q(usd_rate__isnull=False)),
    ),
    Fact(
        "partners",
        4,
        _("Partners from both countries"),
        _("At least one published partner from China and one from Singapore."),
        _("No published partner from both China and Singapore is named."),
        lambda: Q(facet_countries__contains=["CN", "SG"]),
    ),
    Fact(
        "location",
        8,
        pgettext_lazy("completeness", "Location"),
        _("Where the project is: a point on the map, or at least its district or county."),
        _("Where the project is is not recorded."),
        lambda: Q(district__isnull=False) | Q(latitude__isnull=False),
    ),
    Fact(
        "status_date",
        16,
        _("Dated progress"),
        _("At least one dated milestone, showing where the project stands."),
        _("No dated milestone shows where the project stands."),
        lambda: Exists(_milestones()),
    ),
    Fact(
        "sources",
        32,
        _("Sources"),
        _("The record names its sources, and every milestone its own."),
        _("Not every fact names its source."),
        _sourced,
    ),
)
FACT_KEYS = tuple(fact.key for fact in FACTS)
# The list's "record holds at least" choices: (``quality_min`` in per cent, facts held of FACTS).
QUALITY_STEPS = [(round(100 * held / len(FACTS)), held) for held in range(1, len(FACTS) + 1)]


def _held(fact: Fact, then: int):
    return Case(When(fact.condition(), then=Value(then)), default=Value(0), output_field=IntegerField())


def refresh_completeness(projects: QuerySet) -> int:
    """Recompute ``known_facts`` and ``completeness`` of ``projects`` in one statement (no save, so
    no signal, history row or change of ``updated_at``). Returns how many rows it updated."""
    held = sum((_held(fact, 1) for fact in FACTS[1:]), _held(FACTS[0], 1))
    bits = sum((_held(fact, fact.bit) for fact in FACTS[1:]), _held(FACTS[0], FACTS[0].bit))
    return Project.objects.filter(pk__in=projects.values("pk")).update(
        known_facts=bits, completeness=Round(held * Value(100.0) / Value(len(FACTS)))
    )


@dataclass(frozen=True)
class RecordQuality:
    """What a project's page says about its record: the facts it holds and those it lacks."""

    completeness: int
    known: list[Fact]
    missing: list[Fact]
    facts: tuple[Fact, ...] = FACTS


def record_quality(project: Project) -> RecordQuality:
    known = [fact for fact in FACTS if project.known_facts & fact.bit]
    missing = [fact for fact in FACTS if not project.known_facts & fact.bit]
    return RecordQuality(project.completeness, known, missing)


def registry_completeness(projects: QuerySet) -> dict:
    """How complete ``projects`` are, in one query: their count, their mean completeness, and how
    many hold each fact (by key: language-neutral, so the statistics' cache can keep it)."""
    figures = projects.order_by().aggregate(
        total=Count("pk"),
        completeness=Coalesce(Round(Avg("completeness")), 0, output_field=IntegerField()),
        **{fact.key: Count("pk", filter=GreaterThan(F("known_facts").bitand(fact.bit), 0)) for fact in FACTS},
    )
    return {
        "total": figures["total"],
        "completeness": int(figures["completeness"]),
        "facts": {fact.key: figures[fact.key] for fact in FACTS},
    }


@dataclass(frozen=True)
class FactTally:
    """A fact and how many of the registry's projects hold it."""

    fact: Fact
    held: int
    total: int

    @property
    def share(self) -> int:
        return round(100 * self.held / self.total) if self.total else 0


def fact_tallies(figures: dict) -> list[FactTally]:
    """:func:`registry_completeness`'s counts as a row a fact, in the facts' order."""
    return [FactTally(fact, figures["facts"][fact.key], figures["total"]) for fact in FACTS]
