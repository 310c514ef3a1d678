"""Each project's signing year and date, and its identifier CCI-YYYY-NNNN after the year's largest."""

import random
from datetime import date

from benchmarks.synthetic.counts import synthetic_project_capacity
from benchmarks.synthetic.dates import BASE_DATE, LAUNCH_DATE, MAX_SEQUENCE, YEARS, day_between
from benchmarks.synthetic.draws import weighted
from benchmarks.synthetic.registry import PlannedProject
from benchmarks.synthetic.vocabulary import PRECISIONS, SIGNED_YEAR_WEIGHTS, UNSIGNED_WEIGHT
from projects.choices import DatePrecision


def allocate_years(total: int, capacity: dict[int, int]) -> dict[int, int]:
    """How many projects each year gets: shares by weight, no year beyond its capacity."""
    weights = {year: SIGNED_YEAR_WEIGHTS[year] for year in YEARS}
    weights[BASE_DATE.year] += UNSIGNED_WEIGHT
    counts = dict.fromkeys(YEARS, 0)
    remaining = total
    open_years = [year for year in YEARS if capacity[year] > 0]
    while remaining:
        weight_sum = sum(weights[year] for year in open_years)
        shares = {year: remaining * weights[year] // weight_sum for year in open_years}
        if not any(shares.values()):
            for year in sorted(open_years, key=lambda year: (-weights[year], year))[:remaining]:
                shares[year] = 1
        for year in open_years:
            given = min(shares[year], capacity[year] - counts[year])
            counts[year] += given
            remaining -= given
        open_years = [year for year in open_years if counts[year] < capacity[year]]
    return counts


def plan_years(rng: random.Random, total: int) -> list[PlannedProject]:
    """Each project's signing year and date, and its identifier: per year, in signing order,
    after the year's largest identifier; projects not signed yet take the base year, last."""
    capacity = synthetic_project_capacity()
    years: list[int | None] = []
    for year, count in allocate_years(total, capacity).items():
        unsigned = 0
        if year == BASE_DATE.year:
            unsigned = round(count * UNSIGNED_WEIGHT / (SIGNED_YEAR_WEIGHTS[year] + UNSIGNED_WEIGHT))
        years += [year] * (count - unsigned) + [None] * unsigned
    rng.shuffle(years)
    planned = [PlannedProject(index=index, year=year) for index, year in enumerate(years)]
    by_year: dict[int, list[PlannedProject]] = {}
    for project in planned:
        if project.year is not None:
            first = max(LAUNCH_DATE, date(project.year, 1, 1))
            signed = day_between(rng, first, min(BASE_DATE, date(project.year, 12, 31)))
            # A source that gives only the month or the year is stored as its first day.
            project.precision = weighted(rng, PRECISIONS)
            if project.precision == DatePrecision.MONTH:
                signed = signed.replace(day=1)
            elif project.precision == DatePrecision.YEAR and project.year > LAUNCH_DATE.year:
                signed = signed.replace(month=1, day=1)
            else:
                project.precision = DatePrecision.DAY
            project.signed_date = signed
        by_year.setdefault(project.year or BASE_DATE.year, []).append(project)
    for year, projects in by_year.items():
        projects.sort(key=lambda project: (project.signed_date or date.max, project.index))
        for sequence, project in enumerate(projects, start=MAX_SEQUENCE - capacity[year] + 1):
            project.public_id = f"CCI-{year}-{sequence:04d}"
    return planned
