"""Review: a change to a published record by staff who may not publish waits as a pending
:class:`core.models.Revision` until a publisher approves or rejects it; a draft is marked ready for
review the same way. The public keeps the published version until the approval writes the change.

The admin (:mod:`core.admin_review`) and the API (:mod:`core.api.viewsets`) propose through
:func:`propose_change`; every function here is keyword-only.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import PublishableModel, Revision
from core.publishing import can_publish, set_published, stored_published

APPROVED = "Approved the change proposed by "  # then the proposer's username (a history reason, in English)
EMPTY = "-"
NOT_PENDING = _("This revision was already decided.")
REVIEW_REFUSED = _("You do not have permission to review changes: it needs the permission to publish.")


class ReviewError(Exception):
    """A proposal or a decision that cannot be made, with a sentence saying why."""


def publishable_models() -> list[type[models.Model]]:
    """Every model with a published flag: the ones whose changes may wait for review."""
    return [model for model in apps.get_models() if issubclass(model, PublishableModel)]


def review_required(*, user, instance: models.Model) -> bool:
    """Whether a save of ``instance`` by ``user`` must wait for review: a change to a published record
    by someone without the model's publish permission."""
    if not isinstance(instance, PublishableModel) or instance.pk is None:
        return False
    # The permission first: it is cached on the user, so a publisher's save (or import row) costs no query.
    return not can_publish(user=user, model=type(instance)) and stored_published(instance)


def _stored(field: models.Field, instance: models.Model):
    """A field's value as a revision keeps it: the key for a relation, a list of keys for many."""
    if field.many_to_many:
        return sorted(related.pk for related in field.value_from_object(instance))
    return getattr(instance, field.attname)


def field_values(instance: models.Model, names) -> dict:
    """``{attname: value}`` of ``instance``'s fields ``names`` (many-to-many values from the instance's
    unsaved ``_proposed_many`` when set, as a form or serializer leaves them)."""
    proposed_many = getattr(instance, "_proposed_many", {})
    values = {}
    for name in names:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[field.name] = sorted(
                getattr(item, "pk", item) for item in proposed_many.get(name, field.value_from_object(instance))
            )
        else:
            values[field.attname] = _kept(field, getattr(instance, field.attname))
    return values


def _kept(field: models.Field, value):
    """An amount as the database will hold it: ``2500000`` becomes ``2500000.00``."""
    if isinstance(field, models.DecimalField) and value is not None:
        return field.to_python(value).quantize(Decimal(1).scaleb(-field.decimal_places))
    return value


def part_rows(model: type[models.Model], fk: str, instances) -> dict:
    """The parts of a record after a change (``instances``, saved or not) as a revision keeps them."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key and field.name != fk]
    return {
        "fk": fk,
        "rows": [
            {"pk": part.pk, **{field.attname: getattr(part, field.attname) for field in fields}} for part in instances
        ],
    }


def _pending(record: models.Model):
    content_type = ContentType.objects.get_for_model(record)
    return Revision.objects.filter(content_type=content_type, object_id=record.pk, status=Revision.Status.PENDING)


def revisions_of(record: models.Model):
    """Every revision of ``record``, newest first."""
    content_type = ContentType.objects.get_for_model(record)
    return Revision.objects.filter(content_type=content_type, object_id=record.pk).select_related(
        "proposed_by", "decided_by"
    )


def propose_change(*, record: models.Model, fields: dict, related: dict, user, note: str = "") -> Revision | None:
    """Keep ``fields`` and ``related`` (see :class:`Revision`) as ``user``'s pending change to ``record``;
    their earlier pending change to it, if any, takes the new values on top of its own. ``None`` when
    nothing differs from the published version."""
    stored = type(record)._base_manager.get(pk=record.pk)
    fields = {name: value for name, value in fields.items() if _differs(stored, name, value)}
    related = {label: part for label, part in related.items() if _rows_differ(stored, label, part)}
    if not fields and not related:
        return None
    with transaction.atomic():
        revision = _pending(record).filter(kind=Revision.Kind.CHANGE, proposed_by=user).select_for_update().first()
        if revision is None:
            revision = Revision(record=record, kind=Revision.Kind.CHANGE, proposed_by=user)
        revision.fields = {**revision.fields, **fields}
        revision.related = {**revision.related, **related}
        revision.note = note or revision.note
        revision.full_clean(exclude=["content_type", "object_id", "proposed_by"])
        revision.save()
    # The JSON as it is stored and read back: dates and amounts as text.
    revision.refresh_from_db(fields=["fields", "related"])
    return revision


def mark_ready(*, record: models.Model, user, note: str = "") -> Revision:
    """Ask a publisher to publish the draft ``record``."""
    if stored_published(record):
        raise ReviewError(gettext("This record is already published."))
    if _pending(record).filter(kind=Revision.Kind.READY).exists():
        raise ReviewError(gettext("This draft is already waiting for review."))
    return Revision.objects.create(record=record, kind=Revision.Kind.READY, proposed_by=user, note=note[:1000])


def _decided(revision_pk: int, user) -> Revision:
    revision = Revision.objects.select_for_update().select_related("content_type").get(pk=revision_pk)
    if not revision.is_pending:
        raise ReviewError(str(NOT_PENDING))
    if not can_publish(user=user, model=revision.content_type.model_class()):
        raise PermissionDenied(REVIEW_REFUSED)
    return revision


def approve(*, revision: Revision, user) -> models.Model:
    """Write ``revision`` to its record (a change) or publish it (a draft), as ``user``. The history names
    the approver, and its reason the proposer. Raises :class:`ReviewError` when the change no longer
    passes the record's validation (say, a slug taken since), and nothing is written."""
    with transaction.atomic():
        revision = _decided(revision.pk, user)
        model = revision.content_type.model_class()
        record = model._base_manager.select_for_update().get(pk=revision.object_id)
        if revision.kind == Revision.Kind.READY:
            set_published(queryset=model._base_manager.filter(pk=record.pk), published=True, user=user)
        else:
            _apply(revision, record, user)
        revision.status = Revision.Status.APPROVED
        revision.decided_by, revision.decided_at = user, timezone.now()
        revision.save(update_fields=["status", "decided_by", "decided_at"])
    return record


def reject(*, revision: Revision, user, reason: str) -> Revision:
    """Turn ``revision`` down with ``reason`` (required), which its proposer reads; the record is unchanged."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(gettext("Say why the change is rejected: the proposer reads the reason."))
    with transaction.atomic():
        revision = _decided(revision.pk, user)
        revision.status = Revision.Status.REJECTED
        revision.decided_by, revision.decided_at, revision.reason = user, timezone.now(), reason[:1000]
        revision.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    return revision


def _apply(revision: Revision, record: models.Model, user) -> None:
    many = {}
    for attname, value in revision.fields.items():
        field = _field(record, attname)
        if field.many_to_many:
            many[field.name] = value
        else:
            setattr(record, field.attname, _python(field, value))
    exclude = [field.name for field in record._meta.concrete_fields if not field.editable]
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ReviewError(" ".join(error.messages)) from error
    proposer = getattr(revision.proposed_by, "username", "")
    record._history_user = user
    record._change_reason = (APPROVED + proposer)[:100]
    record.save()
    for name, keys in many.items():
        getattr(record, name).set(keys)
    for label, part in revision.related.items():
        _apply_rows(apps.get_model(label), part, record, user)


def _apply_rows(model, part: dict, record, user) -> None:
    fk = part["fk"]
    existing = {row.pk: row for row in model._default_manager.filter(**{fk: record})}
    kept = set()
    for values in part["rows"]:
        row = existing.get(values.get("pk")) or model(**{fk: record})
        for attname, value in values.items():
            if attname != "pk":
                setattr(row, attname, _python(_field(row, attname), value))
        row._history_user = user
        row.save()
        kept.add(row.pk)
    for pk, row in existing.items():
        if pk not in kept:
            row._history_user = user
            row.delete()


def _field(instance, attname: str) -> models.Field:
    for field in [*instance._meta.concrete_fields, *instance._meta.many_to_many]:
        if attname in (field.attname, field.name):
            return field
    raise ReviewError(gettext("The record no longer has the field “%(name)s”.") % {"name": attname})


def _python(field: models.Field, value):
    target = field.target_field if field.is_relation else field
    return None if value is None else target.to_python(value)


def _differs(stored, attname: str, value) -> bool:
    field = _field(stored, attname)
    if field.many_to_many:
        return sorted(value) != _stored(field, stored)
    return _python(field, value) != _python(field, _stored(field, stored))


def _rows_differ(stored, label: str, part: dict) -> bool:
    model = apps.get_model(label)
    return sorted(_row_texts(model, part, stored)) != sorted(_current_texts(model, part["fk"], stored))


# What a reviewer reads: each change as the field's name, the published value and the proposed one.


@dataclass(frozen=True)
class Difference:
    label: str
    published: str
    proposed: str


def readable(field: models.Field, value) -> str:
    """A stored value in the reader's terms: a name, not a key; Yes or No; an amount with its separators."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field.many_to_many:
        names = field.related_model._base_manager.filter(pk__in=value)
        return ", ".join(sorted(str(name) for name in names)) or EMPTY
    value = _python(field, value)
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else EMPTY
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DecimalField):
        return number_format(value, force_grouping=True)
    return str(value)


def _row_text(model, fk: str, values: dict) -> str:
    fields = [field for field in model._meta.concrete_fields if not field.primary_key and field.name != fk]
    shown = (readable(field, values.get(field.attname)) for field in fields)
    return " · ".join(text for text in shown if text != EMPTY)


def _row_texts(model, part: dict, record) -> list[str]:
    return [_row_text(model, part["fk"], values) for values in part["rows"]]


def _current_texts(model, fk: str, record) -> list[str]:
    rows = model._default_manager.filter(**{fk: record}).order_by("pk")
    return [_row_text(model, fk, part_rows(model, fk, [row])["rows"][0]) for row in rows]


def differences(revision: Revision, record: models.Model) -> list[Difference]:
    """``revision``'s changes against ``record`` as published now, field by field, then part by part."""
    rows = []
    for attname, value in revision.fields.items():
        field = _field(record, attname)
        rows.append(
            Difference(capfirst(field.verbose_name), readable(field, _stored(field, record)), readable(field, value))
        )
    for label, part in revision.related.items():
        model = apps.get_model(label)
        name = capfirst(model._meta.verbose_name_plural)
        published = "; ".join(_current_texts(model, part["fk"], record)) or EMPTY
        rows.append(Difference(name, published, "; ".join(_row_texts(model, part, record)) or EMPTY))
    return rows


def awaiting_review(*, models_: tuple = ()) -> dict[str, int]:
    """How many revisions wait, by kind: ``{"change": 3, "ready": 1}`` (one query)."""
    pending = Revision.objects.filter(status=Revision.Status.PENDING)
    if models_:
        pending = pending.filter(content_type__in=ContentType.objects.get_for_models(*models_).values())
    counts = dict(pending.order_by().values_list("kind").annotate(count=models.Count("pk")))
    return {kind: counts.get(kind, 0) for kind in Revision.Kind.values}
