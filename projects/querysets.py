"""The registry's QuerySets: the counting rule and the shapes lists read (publishing is :mod:`core.querysets`)."""

from decimal import Decimal

from django.db import models
from django.db.models.functions import Coalesce

from core.querysets import PublishableQuerySet
from projects.choices import ProjectStatus


class ProjectQuerySet(PublishableQuerySet):
    """Projects: what the public sees, the counting rule, and what lists and facets read."""

    def counted(self):
        """The counting rule for totals: every status but cancelled."""
        return self.exclude(status=ProjectStatus.CANCELLED)

    def in_focus_areas(self, focus_areas):
        """Projects naming any of ``focus_areas`` as their primary or a further focus area (read
        from the project's own ``facet_focus_areas``, which triggers keep)."""
        ids = [area.pk for area in focus_areas]
        return self.filter(facet_focus_areas__overlap=ids)

    def with_participant(self, organization):
        """Projects ``organization`` takes part in, in any role (by the participants' index: a
        partner is in few projects)."""
        return self.filter(pk__in=organization.participations.values("project_id"))

    def totals(self) -> dict:
        """Count and US-dollar total of these projects by the counting rule, and ``listed_count``:
        how many a list of them shows (every status), in one query.

        Goes through a pk subquery, so joins made by filters never count a project twice.
        """
        counted = ~models.Q(status=ProjectStatus.CANCELLED)
        return self.model.objects.filter(pk__in=self.values("pk")).aggregate(
            listed_count=models.Count("pk"),
            project_count=models.Count("pk", filter=counted),
            projects_with_amount=models.Count("contract_amount_usd", filter=counted),
            amount_usd=Coalesce(
                models.Sum("contract_amount_usd", filter=counted), Decimal("0"), output_field=models.DecimalField()
            ),
        )

    def with_list_related(self):
        """What a list of projects shows, fetched in a fixed number of queries."""
        return self.select_related("focus_area", "scheme", "zone", "district").prefetch_related("other_focus_areas")
