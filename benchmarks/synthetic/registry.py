"""One run of the generator: its sizes and seed, its random streams, and what each kind of record
hands on to the kinds built after it (the organizations' countries to the projects, the projects to
the articles)."""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from benchmarks.synthetic.copying import copy_rows, reserve_ids
from benchmarks.synthetic.errors import SyntheticRegistryError
from projects.choices import DatePrecision
from projects.models import FocusArea, Scheme


@dataclass(slots=True)
class PlannedProject:
    """What articles need to know of a project made earlier in the run."""

    index: int
    year: int | None  # the signing year; None when not signed
    signed_date: date | None = None
    precision: str = DatePrecision.DAY
    public_id: str = ""
    focus_area: int | None = None  # a position in the run's list of focus areas
    theme: tuple[str, str] = ("", "")
    title_en: str = ""
    title_zh: str = ""
    organizations: list[int] = field(default_factory=list)  # positions in the run's organizations


class SyntheticRegistry:
    """The state of one run, which the builders of each kind of record read and fill.

    Choices use positions in lists (the n-th organization, the n-th zone), never database ids,
    so the same seed makes the same choices; ids are only looked up to write the rows.
    """

    def __init__(self, cursor, *, projects: int, articles: int, organizations: int, seed: int):
        self.cursor = cursor
        self.sizes = {"projects": projects, "articles": articles, "organizations": organizations}
        self.seed = seed
        self.created: Counter = Counter()
        self.focus_areas = list(FocusArea.objects.order_by("position", "code").values_list("id", "code"))
        self.schemes = list(Scheme.objects.order_by("position", "code").values_list("id", "code"))
        if not self.focus_areas or not self.schemes:
            raise SyntheticRegistryError("No focus areas or schemes: run manage.py migrate first.")
        # Filled by the builders, in the order generate runs them.
        self.district_ids: list[int] = []
        self.zone_ids: list[int] = []
        self.zone_districts: list[int | None] = []  # each zone's district, as a position in district_ids
        self.organization_ids: list[int] = []
        self.organization_countries: list[str] = []
        self.organization_names: list[tuple[str, str]] = []
        self.partner_pools: list = []  # positions of the Chinese and of the Singaporean organizations
        self.source_ids: list[int] = []
        self.planned_projects: list[PlannedProject] = []
        self.project_ids: list[int] = []

    def rng(self, stream: str) -> random.Random:
        # One stream per kind of record: more articles do not change the projects.
        return random.Random(f"{self.seed}:{stream}")

    def reserve_ids(self, model, count: int) -> list[int]:
        return reserve_ids(self.cursor, model, count)

    def write(self, label: str, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        self.created[label] += copy_rows(self.cursor, table, columns, rows)
