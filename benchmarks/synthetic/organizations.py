"""Partners: organizations of China and Singapore mostly, of every kind."""

from datetime import date

from benchmarks.synthetic.dates import day_between, moment_after, updated_after
from benchmarks.synthetic.draws import drafts, unique_names, weighted
from benchmarks.synthetic.registry import SyntheticRegistry
from benchmarks.synthetic.vocabulary import (
    COUNTRY_NAMES,
    ORGANIZATION_COUNTRIES,
    ORGANIZATION_KINDS,
    ORGANIZATION_PREFIXES,
    ORGANIZATION_SECTORS,
    ORGANIZATION_SUFFIXES,
)
from projects.choices import OrganizationKind
from projects.models import Organization


def build_organizations(registry: SyntheticRegistry) -> None:
    rng = registry.rng("organizations")
    ids = registry.reserve_ids(Organization, registry.sizes["organizations"])
    organization_drafts = drafts(rng, len(ids), "organizations")
    used: set[str] = set()
    rows = []
    for number, organization_id in enumerate(ids, start=1):
        country = weighted(rng, ORGANIZATION_COUNTRIES)
        kind = weighted(rng, ORGANIZATION_KINDS)
        prefixes = ORGANIZATION_PREFIXES.get(country, ORGANIZATION_PREFIXES["other"])
        name_en, name_zh = unique_names(rng, prefixes, ORGANIZATION_SECTORS, ORGANIZATION_SUFFIXES[kind], used)
        if country not in ("CN", "SG") and rng.random() < 0.5:
            name_zh = ""
        slug = f"synthetic-org-{number:05d}"
        created = moment_after(rng, day_between(rng, date(2016, 1, 1), date(2025, 12, 31)))
        rows.append(
            (
                organization_id,
                name_en,
                name_zh,
                number - 1 not in organization_drafts,
                created,
                updated_after(rng, created),
                slug,
                country,
                kind,
                f"https://{slug}.example/" if rng.random() < 0.4 else "",
                f"{name_en} is a synthetic {OrganizationKind(kind).label.lower()} from {COUNTRY_NAMES[country]} "
                f"taking part in China-Singapore projects in Chongqing.",
            )
        )
        registry.organization_countries.append(country)
        registry.organization_names.append((name_en, name_zh))
    columns = ("id", "name_en", "name_zh", "is_published", "created_at", "updated_at", "slug", "country", "kind")
    registry.write("organizations", Organization._meta.db_table, (*columns, "website", "description_en"), rows)
    registry.organization_ids = ids
    everyone = range(len(ids))
    registry.partner_pools = [
        [position for position in everyone if registry.organization_countries[position] == country] or everyone
        for country in ("CN", "SG")
    ]
