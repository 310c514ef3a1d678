"""Projects, with their participants, milestones, further focus areas and sources."""

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from benchmarks.synthetic.copying import chinese_vector, sort_key, through_table
from benchmarks.synthetic.dates import BASE_DATE, day_between, moment_after, updated_after
from benchmarks.synthetic.draws import drafts, weighted
from benchmarks.synthetic.identifiers import plan_years
from benchmarks.synthetic.registry import PlannedProject, SyntheticRegistry
from benchmarks.synthetic.vocabulary import (
    COUNTRY_NAMES,
    CURRENCIES,
    FIRST_ROLES,
    OTHER_ROLES,
    PARTICIPANT_COUNTS,
    PARTNERSHIPS,
    PHASES,
    PLACES,
    PROJECT_KINDS,
    SIGNED_STATUSES,
    THEME_SENTENCES,
    THEMES,
    UNSIGNED_STATUSES,
    USD_RATES,
)
from projects.choices import Currency, DatePrecision, ProjectStatus
from projects.models import Milestone, Project, ProjectParticipant

OPERATING_STATUSES = {
    ProjectStatus.COMPLETION,
    ProjectStatus.MAINTENANCE,
    ProjectStatus.DECOMMISSIONING,
    ProjectStatus.DECOMMISSIONED,
}
STATUS_ORDER = list(ProjectStatus)
CURRENCY_ORDER = list(Currency)
CENT = Decimal("0.01")


def build_projects(registry: SyntheticRegistry) -> None:
    rng = registry.rng("projects")
    planned = plan_years(rng, registry.sizes["projects"])
    ids = registry.reserve_ids(Project, len(planned))
    project_drafts = drafts(rng, len(ids), "projects")
    project_rows, participant_rows, milestone_rows, area_rows, source_rows = [], [], [], [], []
    for project, project_id in zip(planned, ids, strict=True):
        i = project.index
        # The first projects take each value in turn, so every value shows at any size.
        focus, scheme = _focus_and_scheme(registry, rng, i)
        project.focus_area = focus
        theme_code = registry.focus_areas[focus][1] if focus is not None else registry.schemes[scheme][1]
        project.theme = rng.choice(THEMES[theme_code])
        zone, district = _place(registry, rng, i)
        status = STATUS_ORDER[i] if i < len(STATUS_ORDER) else None
        signed, precision = project.signed_date, project.precision
        status = status or weighted(rng, SIGNED_STATUSES if signed else UNSIGNED_STATUSES)
        operation_start = None
        if signed and (
            status in OPERATING_STATUSES or (status == ProjectStatus.IMPLEMENTATION and rng.random() < 0.3)
        ):
            operation_start = signed + timedelta(days=rng.randint(60, 1200))
            if operation_start > BASE_DATE:
                operation_start = None
        amount = _amount(rng, i, signed)
        project.organizations = _participants(registry, rng, i)
        _title(rng, project)
        summary = _summary(registry, rng, project)
        summary_zh = f"{project.title_zh}：重庆的{project.theme[1]}合作项目。" if project.title_zh else ""
        description = _description(rng, project, theme_code, status, signed)
        first_day = signed or day_between(rng, date(2023, 1, 1), BASE_DATE)
        created = moment_after(rng, first_day)
        project_rows.append(
            (
                project_id,
                i not in project_drafts,
                created,
                updated_after(rng, created),
                project.public_id,
                f"synthetic-project-{i + 1:06d}",
                project.title_en,
                project.title_zh,
                summary,
                summary_zh,
                description,
                sort_key(project.title_zh or project.title_en),
                chinese_vector((("A", (project.title_zh,)), ("B", (summary_zh,)))),
                status,
                signed,
                precision,
                operation_start,
                *amount,
                registry.district_ids[district] if district is not None else None,
                registry.focus_areas[focus][0] if focus is not None else None,
                registry.schemes[scheme][0] if scheme is not None else None,
                registry.zone_ids[zone] if zone is not None else None,
            )
        )
        for position, organization in enumerate(project.organizations):
            role = weighted(rng, FIRST_ROLES if position == 0 else OTHER_ROLES)
            participant_rows.append((project_id, registry.organization_ids[organization], role, position))
        milestone_rows += _milestones(registry, rng, project_id, status, signed, precision, operation_start)
        if focus is not None and rng.random() < 0.25:
            others = [area for area in range(len(registry.focus_areas)) if area != focus]
            for other in rng.sample(others, 1 if rng.random() < 0.8 else 2):
                area_rows.append((project_id, registry.focus_areas[other][0]))
        if rng.random() < 0.95:
            count = min(len(registry.source_ids), 1 if rng.random() < 0.85 else 2)
            for source in rng.sample(range(len(registry.source_ids)), count):
                source_rows.append((project_id, registry.source_ids[source]))
    registry.planned_projects = planned
    registry.project_ids = ids

    columns = ("id", "is_published", "created_at", "updated_at", "public_id", "slug", "title_en", "title_zh")
    columns += (
        "summary_en",
        "summary_zh",
        "description_en",
        "title_sort_zh",
        "search_vector_zh",
        "status",
        "signed_date",
        "signed_date_precision",
        "operation_start_date",
    )
    columns += ("contract_amount", "currency", "contract_amount_usd", "usd_rate", "usd_rate_date")
    columns += ("district_id", "focus_area_id", "scheme_id", "zone_id")
    # Partners and further focus areas before their projects (the foreign keys are checked at
    # commit): each project's facet arrays are then computed as it is inserted, instead of a
    # second pass rewriting every project (projects/migrations/0009).
    participant_columns = ("project_id", "organization_id", "role", "position")
    registry.write("participants", ProjectParticipant._meta.db_table, participant_columns, participant_rows)
    table = through_table(Project, "other_focus_areas")
    registry.write("project focus areas", table, ("project_id", "focusarea_id"), area_rows)
    registry.write("projects", Project._meta.db_table, columns, project_rows)
    columns = ("project_id", "date", "date_precision", "title_en", "title_zh", "source_id")
    registry.write("milestones", Milestone._meta.db_table, columns, milestone_rows)
    table = through_table(Project, "sources")
    registry.write("project sources", table, ("project_id", "source_id"), source_rows)


def _focus_and_scheme(registry: SyntheticRegistry, rng: random.Random, i: int) -> tuple[int | None, int | None]:
    """Positions of the primary focus area and the scheme: one of them at least, often both."""
    if i < len(registry.focus_areas):
        return i, None
    if i < len(registry.focus_areas) + len(registry.schemes):
        return None, i - len(registry.focus_areas)
    draw = rng.random()
    focus = rng.randrange(len(registry.focus_areas)) if draw < 0.85 else None
    scheme = rng.randrange(len(registry.schemes)) if draw >= 0.55 else None
    return focus, scheme


def _place(registry: SyntheticRegistry, rng: random.Random, i: int) -> tuple[int | None, int | None]:
    """Positions of the zone and the district; a project in a zone is mostly in the zone's district."""
    zone = i if i < len(registry.zone_ids) else None
    if zone is None and rng.random() < 0.7:
        zone = rng.randrange(len(registry.zone_ids))
    if i < len(registry.district_ids):
        return zone, i
    if zone is not None and registry.zone_districts[zone] is not None and rng.random() < 0.85:
        return zone, registry.zone_districts[zone]
    return zone, rng.randrange(len(registry.district_ids)) if rng.random() < 0.9 else None


def _amount(rng: random.Random, i: int, signed: date | None) -> tuple:
    """contract_amount, currency, contract_amount_usd, usd_rate, usd_rate_date: most projects state one.

    The US-dollar amount is the amount at the rate, rounded to the cent; a US-dollar amount
    needs no rate.
    """
    if i >= len(CURRENCY_ORDER) and rng.random() >= 0.88:
        return None, "", None, None, None
    currency = CURRENCY_ORDER[i] if i < len(CURRENCY_ORDER) else weighted(rng, CURRENCIES)
    amount = Decimal(rng.randint(100, 999) * 10 ** rng.randint(3, 7)).quantize(CENT)
    if currency == Currency.USD:
        return amount, currency, amount, None, None
    rate_date = signed or day_between(rng, date(BASE_DATE.year, 1, 1), BASE_DATE)
    year_rate = Decimal(USD_RATES[rate_date.year][currency])
    rate = (year_rate * Decimal(1 + rng.uniform(-0.01, 0.01))).quantize(Decimal("0.000001"))
    return amount, currency, (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP), rate, rate_date


def _participants(registry: SyntheticRegistry, rng: random.Random, i: int) -> list[int]:
    """1 to 6 distinct partners, mostly a Chinese one first and a Singaporean one second."""
    count = min(weighted(rng, PARTICIPANT_COUNTS), len(registry.organization_ids))
    everyone = range(len(registry.organization_ids))
    chosen = [i] if i < len(registry.organization_ids) else []
    while len(chosen) < count:
        position = len(chosen)
        pool = registry.partner_pools[position] if position < 2 and rng.random() < 0.9 else everyone
        candidate = rng.choice(pool)
        if candidate not in chosen:
            chosen.append(candidate)
    return chosen


def _title(rng: random.Random, project: PlannedProject) -> None:
    kind = rng.choice(PROJECT_KINDS)
    opening = rng.choice(PARTNERSHIPS) if rng.random() < 0.5 else rng.choice(PLACES)
    title_en = f"{opening[0]} {project.theme[0]} {kind[0]}"
    title_zh = f"{opening[1]}{project.theme[1]}{kind[1]}"
    if rng.random() < 0.25:
        phase = rng.choice(PHASES)
        title_en, title_zh = f"{title_en} {phase[0]}", f"{title_zh}{phase[1]}"
    project.title_en = title_en
    project.title_zh = title_zh if rng.random() < 0.95 else ""


def _summary(registry: SyntheticRegistry, rng: random.Random, project: PlannedProject) -> str:
    """One sentence; all but 2% say "Chongqing", so one word matches nearly every project."""
    countries = sorted({COUNTRY_NAMES[registry.organization_countries[each]] for each in project.organizations})
    partners = countries[0] if len(countries) == 1 else f"{', '.join(countries[:-1])} and {countries[-1]}"
    where = f"in {rng.choice(PLACES[1:])[0]}, Chongqing" if rng.random() < 0.98 else "in western China"
    kind = rng.choice(PROJECT_KINDS)[0].lower()
    return f"A {project.theme[0].lower()} {kind} {where}, with partners from {partners}."


def _description(rng, project: PlannedProject, theme_code: str, status: str, signed: date | None) -> str:
    count = len(project.organizations)
    stage = ProjectStatus(status).label.lower()
    sentences = [f"{project.title_en} brings together {count} partner{'s' if count > 1 else ''}."]
    if signed:
        sentences.append(f"It was signed in {signed:%B %Y} and is at the {stage} stage.")
    else:
        sentences.append(f"It is at the {stage} stage and has not been signed yet.")
    sentences.append(THEME_SENTENCES[theme_code])
    if rng.random() < 0.05:
        sentences.append("Logistics links through the New International Land-Sea Trade Corridor support it.")
    return " ".join(sentences)


def _milestones(registry: SyntheticRegistry, rng, project_id, status, signed, precision, operation_start) -> list:
    rows = []
    source_ids = registry.source_ids

    def add(day: date, day_precision: str, title_en: str, title_zh: str) -> None:
        source = source_ids[rng.randrange(len(source_ids))] if rng.random() < 0.4 else None
        rows.append((project_id, day, day_precision, title_en, title_zh, source))

    if signed:
        add(signed, precision, "Agreement signed", "签署协议")
        if status not in (ProjectStatus.IDENTIFICATION, ProjectStatus.PREPARATION) and rng.random() < 0.5:
            last = min(operation_start or BASE_DATE, signed + timedelta(days=400))
            add(day_between(rng, signed, last), DatePrecision.MONTH, "Construction started", "开工建设")
        if operation_start:
            add(operation_start, DatePrecision.DAY, "Operation started", "投入运营")
    elif rng.random() < 0.4:
        add(day_between(rng, date(2023, 1, 1), BASE_DATE), DatePrecision.DAY, "Project proposed", "项目提出")
    if status == ProjectStatus.CANCELLED:
        add(
            day_between(rng, signed or date(2023, 1, 1), BASE_DATE),
            DatePrecision.MONTH,
            "Project cancelled",
            "项目取消",
        )
    return rows
