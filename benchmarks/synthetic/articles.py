"""News: each article about 1 to 3 projects, with their focus areas and some of their partners."""

import random
from datetime import date, timedelta

from benchmarks.synthetic.copying import through_table
from benchmarks.synthetic.dates import BASE_DATE, day_between, moment_after, updated_after
from benchmarks.synthetic.draws import drafts, weighted
from benchmarks.synthetic.registry import PlannedProject, SyntheticRegistry
from benchmarks.synthetic.vocabulary import ARTICLE_SOURCE, PLACES, THEMES
from news.models import Article, ArticleCategory


def build_articles(registry: SyntheticRegistry) -> None:
    rng = registry.rng("articles")
    ids = registry.reserve_ids(Article, registry.sizes["articles"])
    article_drafts = drafts(rng, len(ids), "articles")
    categories = list(ArticleCategory)
    rows, project_links, area_links, organization_links = [], [], [], []
    for number, article_id in enumerate(ids, start=1):
        size = min(len(registry.planned_projects), weighted(rng, [(1, 60), (2, 30), (3, 10)]))
        linked = rng.sample(registry.planned_projects, size)
        lead = linked[0] if linked else None
        if lead and lead.signed_date:
            published_on = min(BASE_DATE, lead.signed_date + timedelta(days=rng.randint(0, 120)))
        else:
            published_on = day_between(rng, date(2016, 1, 1), BASE_DATE)
        title_en, title_zh, summary, body = _article_text(registry, rng, lead)
        created = moment_after(rng, published_on)
        rows.append(
            (
                article_id,
                number - 1 not in article_drafts,
                created,
                updated_after(rng, created),
                f"synthetic-article-{number:06d}",
                title_en,
                title_zh,
                summary,
                body,
                published_on,
                categories[number - 1] if number <= len(categories) else rng.choice(categories),
                ARTICLE_SOURCE,
                f"https://synthetic.example/news/{number:06d}" if rng.random() < 0.7 else "",
                published_on if rng.random() < 0.6 else None,
            )
        )
        areas = sorted({project.focus_area for project in linked if project.focus_area is not None})
        partners = sorted({each for project in linked for each in project.organizations})
        if not linked:
            areas = [rng.randrange(len(registry.focus_areas))]
            partners = [rng.randrange(len(registry.organization_ids))] if registry.organization_ids else []
        project_links += [(article_id, registry.project_ids[project.index]) for project in linked]
        area_links += [(article_id, registry.focus_areas[area][0]) for area in areas]
        mentioned = rng.sample(partners, min(len(partners), rng.randint(0, 3)))
        organization_links += [(article_id, registry.organization_ids[each]) for each in mentioned]

    columns = (
        "id",
        "is_published",
        "created_at",
        "updated_at",
        "slug",
        "title_en",
        "title_zh",
        "summary_en",
        "body_en",
    )
    columns += ("published_on", "category", "source_name_en", "source_url", "source_published_on")
    registry.write("articles", Article._meta.db_table, columns, rows)
    table = through_table(Article, "projects")
    registry.write("article projects", table, ("article_id", "project_id"), project_links)
    table = through_table(Article, "focus_areas")
    registry.write("article focus areas", table, ("article_id", "focusarea_id"), area_links)
    table = through_table(Article, "organizations")
    registry.write("article organizations", table, ("article_id", "organization_id"), organization_links)


def _article_text(
    registry: SyntheticRegistry, rng: random.Random, lead: PlannedProject | None
) -> tuple[str, str, str, str]:
    """Title in both languages, summary and Markdown body, about the article's first project."""
    if lead is None:
        theme = rng.choice(rng.choice(list(THEMES.values())))
        place = rng.choice(PLACES)
        title_en = f"{place[0]} and Singapore expand {theme[0].lower()} cooperation"
        summary = f"Partners in {place[0]} and Singapore plan more {theme[0].lower()} work in Chongqing."
        return title_en, f"{place[1]}与新加坡深化{theme[1]}合作", summary, summary
    partner_en, partner_zh = registry.organization_names[lead.organizations[0]]
    title_en, title_zh = rng.choice(
        [
            (f"{lead.title_en} signed", f"{lead.title_zh}签约"),
            (f"{lead.title_en} breaks ground", f"{lead.title_zh}开工"),
            (f"{partner_en} joins {lead.title_en}", f"{partner_zh}加入{lead.title_zh}"),
            (
                f"Chongqing and Singapore expand {lead.theme[0].lower()} cooperation",
                f"重庆与新加坡深化{lead.theme[1]}合作",
            ),
        ]
    )
    if not lead.title_zh or not partner_zh:
        title_zh = ""
    summary = f"{lead.title_en} ({lead.public_id}) adds to China-Singapore {lead.theme[0].lower()} work."
    partners = "\n".join(f"- {registry.organization_names[each][0]}" for each in lead.organizations)
    body = f"**{lead.title_en}** is a synthetic project of the registry.\n\n{summary}\n\nPartners:\n\n{partners}\n"
    return title_en, title_zh, summary, body
