"""Reads for the pages that span the projects and news apps."""

from django.db.models import F

from news.models import Article
from projects.models import Project, ReportedFigure
from projects.stats import registry_figures

LATEST_ARTICLES = 5
FEATURED_PROJECTS = 6


def home_summary(version: str | None = None) -> dict:
    """Headline totals beside the reported figures, the focus areas and schemes, featured
    projects and the latest news.

    Totals follow the counting rule (:mod:`projects.querysets`); a project counts towards
    each focus area it names, primary or further. Focus areas and schemes are
    :class:`projects.breakdowns.Tally` rows (``record``, ``projects``), cached with the statistics.
    """
    projects = Project.objects.published()
    figures = registry_figures(version)
    return {
        "totals": figures["totals"],
        "reported_figures": ReportedFigure.objects.published().select_related("source"),
        "focus_areas": figures["by_focus_area"].rows,
        "schemes": figures["by_scheme"].rows,
        "featured_projects": projects.with_list_related().order_by(
            F("contract_amount_usd").desc(nulls_last=True), *Project._meta.ordering
        )[:FEATURED_PROJECTS],
        "latest_articles": Article.objects.published()[:LATEST_ARTICLES],
    }
