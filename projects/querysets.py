"""The registry's QuerySets: the counting rule and the shapes lists read (publishing is :mod:`core.querysets`)."""

from decimal import Decimal

from django.db import models
from django.db.models.functions import Coalesce

from core.querysets import PublishableQuerySet
from projects.choices import ProjectStatus

# The counting rule, defined here once: counts and totals take the published projects of every
# status but this one, each project once; a project without a US-dollar amount counts as a
# project and adds nothing. Stats, facets, the home page and the API refer here (the API states
# it in words as ``cci_portal.api.stats.COUNTING_RULE``; the public page "How we count" in data.html).
UNCOUNTED_STATUS = ProjectStatus.CANCELLED


def is_counted(status: str) -> bool:
    """Whether the counting rule counts a project of ``status``."""
    return status != UNCOUNTED_STATUS


def counted_condition() -> models.Q:
    return ~models.Q(status=UNCOUNTED_STATUS)


class ProjectQuerySet(PublishableQuerySet):
    """Projects: what the public sees, the counting rule, and what lists and facets read."""

    def counted(self):
        """The projects the counting rule counts."""
        return self.filter(counted_condition())

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
        counted = counted_condition()
        return self.model.objects.filter(pk__in=self.values("pk")).aggregate(
            listed_count=models.Count("pk"),
            project_count=models.Count("pk", filter=counted),
            projects_with_amount=models.Count("contract_amount_usd", filter=counted),
            amount_usd=Coalesce(
                models.Sum("contract_amount_usd", filter=counted), Decimal("0"), output_field=models.DecimalField()
            ),
        )

    def by_district(self) -> list:
        """Every district, each with ``project_count``: how many of these projects it has by the
        counting rule (the map's shading). Two queries: these projects grouped by district, which
        reads only the matching rows, and the districts, in name order."""
        district_model = self.model._meta.get_field("district").related_model
        # Through a pk subquery, as ``totals``: a filter's joins never count a project twice.
        matching = self.model.objects.filter(pk__in=self.counted().values("pk")).exclude(district=None)
        counts = dict(matching.order_by().values_list("district_id").annotate(models.Count("pk")))
        districts = list(district_model.objects.order_by("name_en"))
        for district in districts:
            district.project_count = counts.get(district.pk, 0)
        return districts

    def with_list_related(self):
        """What a list of projects shows, fetched in a fixed number of queries."""
        return self.select_related("focus_area", "scheme", "zone", "district").prefetch_related("other_focus_areas")

    # Counts and totals by the counting rule, one SQL statement each (:mod:`projects.breakdowns`):
    # the statistics, the home page, the API and the list's facets all read them from here.

    def by_focus_area(self):
        return _breakdowns().by_focus_area(self)

    def by_scheme(self):
        return _breakdowns().by_scheme(self)

    def by_status(self):
        return _breakdowns().by_status(self)

    def by_partner_country(self):
        return _breakdowns().by_partner_country(self)

    def by_signing_year(self):
        return _breakdowns().by_signing_year(self)

    def facet_counts(self, narrowed_by: dict, *, limit: int | None, chosen: dict):
        """Every facet of the list (these projects, further narrowed by each other facet's choice)
        and the count of the list, in one statement."""
        return _breakdowns().facet_counts(self, narrowed_by, limit=limit, chosen=chosen)


def _breakdowns():
    # The breakdowns read the models, which are built on these QuerySets: imported when first used.
    from projects import breakdowns

    return breakdowns
