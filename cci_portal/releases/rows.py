"""A resource's export read as plain values, for a release: the same cells as
:meth:`core.resources.RegistryResource.export_value` gives a record, without making the records.

At 100,000 projects a release cannot afford a model instance, its prefetches and 29 import-export
field lookups a row (55 % of a project row's cost when it did). Here each column of the resource's
export becomes one expression of a single ``values_list()`` query a batch:

- a field of the record: its value, rendered by the column's own widget;
- a related record (a natural-key widget): its key, looked up in SQL;
- several related records (a key-list widget): their keys in the related model's order, as an array;
- a project's participants: ``slug:role`` pairs in the partners' order.

Only what the public sees: a link to a draft (a published project's draft zone, an article's draft
partner) is left out, as on the record's page. ``tests/cci_portal/releases`` checks that every table's
rows equal the resource's own export of the same records.
"""

from collections.abc import Callable, Iterator

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.utils.encoding import smart_str
from import_export import widgets

from core.models import PublishableModel
from core.resources import RegistryResource
from projects.models import Organization, ProjectParticipant
from projects.resources import ParticipantsWidget


def _public(model) -> models.QuerySet:
    """``model``'s records a public link may name: the published ones of a publishable model."""
    return model.objects.published() if issubclass(model, PublishableModel) else model._default_manager.all()


def _ordered(queryset: models.QuerySet) -> models.QuerySet:
    return queryset.order_by(*(queryset.model._meta.ordering or ()), "pk")


def _keys(values) -> str:
    return ";".join(smart_str(value) for value in values or ())


def _blank_if_none(value):
    return "" if value is None else value


def _participants() -> tuple[models.Expression, Callable]:
    participations = ProjectParticipant.objects.filter(
        project=OuterRef("pk"), organization__in=_public(Organization)
    ).order_by("position", "id")
    pairs = participations.values(
        pair=Concat("organization__slug", Value(":"), "role", output_field=models.TextField())
    )
    return ArraySubquery(pairs), _keys


def _column(model, resource_field) -> tuple[models.Expression | str, Callable]:
    """The SQL that reads one column of ``model``'s export, and what turns its value into the cell."""
    widget = resource_field.widget
    if isinstance(widget, ParticipantsWidget):
        return _participants()
    if isinstance(widget, widgets.ManyToManyWidget):
        link = model._meta.get_field(resource_field.attribute)
        related = _public(widget.model).filter(**{link.related_query_name(): OuterRef("pk")})
        return ArraySubquery(_ordered(related).values(widget.field)), _keys
    if isinstance(widget, widgets.ForeignKeyWidget):
        link = model._meta.get_field(resource_field.attribute)
        if issubclass(widget.model, PublishableModel):
            related = _public(widget.model).filter(pk=OuterRef(link.attname)).values(widget.field)[:1]
            return Subquery(related), _blank_if_none
        key = link.attname if widget.field == "pk" else f"{resource_field.attribute}__{widget.field}"
        return F(key), _blank_if_none
    return resource_field.attribute, lambda value, render=widget.render: render(value, force_native_type=True)


def resource_rows(resource: RegistryResource, queryset: models.QuerySet, *, batch_size: int) -> Iterator[list]:
    """The export of ``resource`` over ``queryset``'s records, a row of native cells each, in key order.

    One query a batch of ``batch_size`` records, reading on from the last key (no OFFSET)."""
    model = queryset.model
    columns = [_column(model, resource_field) for resource_field in resource.get_export_fields()]
    names, annotations = ["pk"], {}
    for index, (sql, _cell) in enumerate(columns):
        if isinstance(sql, str):
            names.append(sql)
        else:
            names.append(f"release_column_{index}")
            annotations[names[-1]] = sql
    cells = [cell for _sql, cell in columns]
    rows = queryset.order_by("pk").annotate(**annotations).values_list(*names)
    last = None
    while True:
        batch = list((rows if last is None else rows.filter(pk__gt=last))[:batch_size])
        if not batch:
            return
        for row in batch:
            yield [cell(value) for cell, value in zip(cells, row[1:], strict=True)]
        last = batch[-1][0]
