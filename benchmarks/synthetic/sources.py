"""Sources: one for about ten projects, the documents that milestones and projects cite."""

from datetime import date

from benchmarks.synthetic.dates import BASE_DATE, LAUNCH_DATE, day_between, moment_after
from benchmarks.synthetic.registry import SyntheticRegistry
from benchmarks.synthetic.vocabulary import SOURCE_PUBLISHERS, THEMES
from projects.models import Source

PROJECTS_PER_SOURCE = 10


def build_sources(registry: SyntheticRegistry) -> None:
    rng = registry.rng("sources")
    ids = registry.reserve_ids(Source, -(-registry.sizes["projects"] // PROJECTS_PER_SOURCE))
    rows = []
    for number, source_id in enumerate(ids, start=1):
        publisher = rng.choice(SOURCE_PUBLISHERS)
        theme = rng.choice(rng.choice(list(THEMES.values())))
        published_on = day_between(rng, LAUNCH_DATE, BASE_DATE) if rng.random() < 0.7 else None
        url = f"https://synthetic.example/sources/{number:06d}" if rng.random() < 0.5 else ""
        title = f"Synthetic bulletin {number:06d}: {theme[0].lower()} cooperation in Chongqing"
        updated = moment_after(rng, published_on or date(2025, 1, 1))
        rows.append((source_id, title, publisher, url, f"synthetic:source-{number:06d}", published_on, updated))
    columns = ("id", "title_en", "publisher_en", "url", "document_en", "published_on", "updated_at")
    registry.write("sources", Source._meta.db_table, columns, rows)
    registry.source_ids = ids
