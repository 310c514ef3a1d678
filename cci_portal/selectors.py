"""Reads for the pages that span the projects and news apps."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from news.models import Article
from projects.models import FocusArea, Project

LATEST_ARTICLES = 5


def home_summary() -> dict:
    """Headline numbers of the published registry, its focus areas and the latest news.

    A project counts towards the focus area it names as primary.
    """
    totals = Project.objects.published().aggregate(count=Count("id"), amount_usd=Sum("contract_amount_usd"))
    # An aggregate drops Meta.ordering, so the order is restated.
    focus_areas = (
        FocusArea.objects.published()
        .annotate(project_count=Count("projects", filter=Q(projects__in=Project.objects.published())))
        .order_by("position", "code")
    )
    return {
        "project_count": totals["count"],
        "total_amount_usd": totals["amount_usd"] or Decimal("0"),
        "focus_areas": focus_areas,
        "latest_articles": Article.objects.published()[:LATEST_ARTICLES],
    }
