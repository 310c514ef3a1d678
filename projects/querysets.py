"""QuerySets that decide what the public sees. Every public surface goes through them."""

from decimal import Decimal

from django.db import models
from django.db.models.functions import Coalesce

from projects.choices import ProjectStatus


def sees_drafts(user, model) -> bool:
    """Whether ``user`` is staff who may view ``model``, and so previews its drafts."""
    opts = model._meta
    return bool(
        user and user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


class PublishableQuerySet(models.QuerySet):
    """Records with an ``is_published`` flag: drafts stay with the staff."""

    def published(self):
        return self.filter(is_published=True)

    def drafts(self):
        return self.filter(is_published=False)

    def visible_to(self, user):
        """Published records, plus drafts for staff who may view this model (draft preview)."""
        return self.all() if sees_drafts(user, self.model) else self.published()


class VocabularyQuerySet(models.QuerySet):
    """Reference lists (focus areas, schemes, districts) are public as a whole."""

    def published(self):
        return self.all()


class ProjectQuerySet(PublishableQuerySet):
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
