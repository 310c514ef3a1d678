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


class ProjectTotalsMixin:
    """For models that projects point at: focus areas, schemes, zones, districts, organizations."""

    def with_project_totals(self, projects, *, via: tuple[str, ...], counting_rule: bool = True):
        """Annotate ``project_count`` and ``amount_usd``: the part of ``projects`` (by the counting
        rule) that points at each row.

        ``via`` names the Project fields that point here (for focus areas: ``focus_area``, then
        ``other_focus_areas``). Each field after the first skips the projects an earlier one
        matched, so a project counts once per row. Through a many-to-many field (an organization's
        ``participants``) the count is still distinct, but an organization in two roles on one
        project adds that project's amount twice: read amounts there from ``Project.totals()``.
        ``counting_rule=False`` counts cancelled projects too (for facets, which count what a
        filter would list).
        """
        counted = projects.counted() if counting_rule else projects
        project_count = models.Value(0)
        amount_usd = models.Value(Decimal("0"))
        earlier = models.Q()
        for field in via:
            matching = counted.filter(**{field: models.OuterRef("pk")})
            if earlier:
                matching = matching.exclude(earlier)
            project_count += _aggregate(matching, "COUNT", "pk", models.IntegerField())
            amount_usd += _aggregate(matching, "SUM", "contract_amount_usd", _AMOUNT)
            earlier |= models.Q(**{field: models.OuterRef("pk")})
        return self.annotate(
            project_count=models.ExpressionWrapper(project_count, output_field=models.IntegerField()),
            amount_usd=models.ExpressionWrapper(amount_usd, output_field=_AMOUNT),
        )


class PublishableQuerySet(ProjectTotalsMixin, models.QuerySet):
    """Records with an ``is_published`` flag: drafts stay with the staff."""

    def published(self):
        return self.filter(is_published=True)

    def drafts(self):
        return self.filter(is_published=False)

    def visible_to(self, user):
        """Published records, plus drafts for staff who may view this model (draft preview)."""
        return self.all() if sees_drafts(user, self.model) else self.published()


class VocabularyQuerySet(ProjectTotalsMixin, models.QuerySet):
    """Reference lists (focus areas, schemes, districts) are public as a whole."""

    def published(self):
        return self.all()


class ProjectQuerySet(PublishableQuerySet):
    def counted(self):
        """The counting rule for totals: every status but cancelled."""
        return self.exclude(status=ProjectStatus.CANCELLED)

    def in_focus_areas(self, focus_areas):
        """Projects naming any of ``focus_areas`` as their primary or a further focus area."""
        further = self.model.other_focus_areas.through.objects.filter(focusarea__in=focus_areas)
        return self.filter(models.Q(focus_area__in=focus_areas) | models.Q(pk__in=further.values("project_id")))

    def with_participant(self, organization):
        """Projects ``organization`` takes part in, in any role."""
        return self.filter(pk__in=organization.participations.values("project_id"))

    def totals(self) -> dict:
        """Count and US-dollar total of these projects, by the counting rule.

        Goes through a pk subquery, so joins made by filters never count a project twice.
        """
        counted = self.model.objects.filter(pk__in=self.counted().values("pk"))
        return counted.aggregate(
            project_count=models.Count("pk"),
            projects_with_amount=models.Count("contract_amount_usd"),
            amount_usd=Coalesce(models.Sum("contract_amount_usd"), Decimal("0"), output_field=models.DecimalField()),
        )

    def with_list_related(self):
        """What a list of projects shows, fetched in a fixed number of queries."""
        return self.select_related("focus_area", "scheme", "zone", "district").prefetch_related("other_focus_areas")


_AMOUNT = models.DecimalField(max_digits=20, decimal_places=2)


def _aggregate(queryset, function: str, field: str, output_field) -> Coalesce:
    """A correlated ``SELECT <function>(<field>)`` subquery over ``queryset``, 0 when empty."""
    # COUNT(DISTINCT ...): a many-to-many path (an organization in two roles) must not count twice.
    extra = {"template": "COUNT(DISTINCT %(expressions)s)"} if function == "COUNT" else {}
    aggregate = models.Func(models.F(field), function=function, output_field=output_field, **extra)
    values = queryset.order_by().annotate(value=aggregate).values("value")
    return Coalesce(models.Subquery(values[:1], output_field=output_field), models.Value(0), output_field=output_field)
