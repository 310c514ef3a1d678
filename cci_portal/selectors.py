"""Reads for the pages that span the projects and news apps."""

from django.db.models import F

from news.models import Article
from projects.models import FocusArea, Project, ReportedFigure, Scheme

LATEST_ARTICLES = 5
FEATURED_PROJECTS = 6


def home_summary() -> dict:
    """Headline totals beside the reported figures, the focus areas and schemes, featured
    projects and the latest news.

    Totals follow the counting rule (cancelled projects excluded); a project counts towards
    each focus area it names, primary or further.
    """
    projects = Project.objects.published()
    return {
        "totals": projects.totals(),
        "reported_figures": ReportedFigure.objects.published().select_related("source"),
        "focus_areas": FocusArea.objects.published()
        .with_project_totals(projects, via=("focus_area", "other_focus_areas"))
        .order_by("position", "code"),
        "schemes": Scheme.objects.published().with_project_totals(projects, via=("scheme",)).order_by("position"),
        "featured_projects": projects.with_list_related().order_by(
            F("contract_amount_usd").desc(nulls_last=True), *Project._meta.ordering
        )[:FEATURED_PROJECTS],
        "latest_articles": Article.objects.published()[:LATEST_ARTICLES],
    }
