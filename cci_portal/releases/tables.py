"""The tables of a release: which published rows each holds, and its columns with their types.

Every importable model's table has exactly the import's columns (its django-import-export resource),
so a release's CSV or XLSX re-imports unchanged. A column's type, codelist and description are read
from the model field behind it, so they cannot drift from the registry. Participants, which the
import reads inside the projects' ``participants`` column, get a table of their own as well.

Only what the public sees: published records, and of their links only the published ones (a
published project's draft partner or zone is left out, as on its page).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from cci_portal.releases.rows import resource_rows
from core.resources import AmountWidget, IsoDateWidget, NaturalKeyWidget, PublishedWidget, RegistryResource
from news.models import Article
from news.resources import ArticleResource
from projects.models import (
    District,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Source,
    Zone,
)
from projects.resources import (
    DistrictResource,
    MilestoneResource,
    OrganizationResource,
    ProjectResource,
    ReportedFigureResource,
    SourceResource,
    ZoneResource,
)

# Rows read and written at a time: memory stays flat however large the registry.
BATCH_SIZE = 2000
LANGUAGES = ("en", "zh-hans")


@dataclass(frozen=True)
class Column:
    """One column: its Frictionless type, whether every row fills it, its codelist and its texts."""

    name: str
    type: str
    title: dict[str, str]
    description: dict[str, str]
    required: bool = False
    codelist: tuple[tuple[str, dict[str, str]], ...] = ()
    decimal_places: int | None = None
    max_digits: int | None = None


@dataclass(frozen=True)
class Table:
    """A table of the release: its name (the files' stem), texts, key, columns and rows."""

    name: str
    title: object
    description: object
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[list]] = field(repr=False)

    def batches(self) -> Iterator[list[list]]:
        """The rows' native values (a Decimal, a date, a text as stored), ``BATCH_SIZE`` at a time."""
        rows = self.rows()
        while batch := list(islice(rows, BATCH_SIZE)):
            yield batch


def in_languages(text) -> dict[str, str]:
    """``text`` (a lazy translation) in English and Chinese: ``{"en": …, "zh": …}``."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts["zh" if language != "en" else "en"] = str(text)
    return texts


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _column_type(resource_field, model_field) -> str:
    widget = resource_field.widget
    if isinstance(widget, PublishedWidget) or isinstance(model_field, models.BooleanField):
        return "boolean"
    if isinstance(widget, IsoDateWidget) or isinstance(model_field, models.DateField):
        return "date"
    if isinstance(widget, AmountWidget) or isinstance(model_field, models.DecimalField):
        return "number"
    if isinstance(widget, widgets.IntegerWidget) or isinstance(model_field, models.IntegerField | models.AutoField):
        return "integer"
    if isinstance(widget, NaturalKeyWidget) and widget.field == "pk":
        return "integer"
    return "string"


def _described(model_field, *, extra=None) -> dict[str, str]:
    parts = [capfirst(model_field.verbose_name)] if model_field is not None else []
    if model_field is not None and model_field.help_text:
        parts.append(model_field.help_text)
    if extra:
        parts.append(extra)
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            separator = "。" if language != "en" else ". "
            text = separator.join(str(part).rstrip(".。") for part in parts)
            texts["zh" if language != "en" else "en"] = text + ("。" if language != "en" else ".")
    return texts


# What a column of related records holds, beyond its field's name.
_KEY_NOTES = {
    NaturalKeyWidget: _("Named by its key (a code, a slug, an identifier or a number) as the import reads it"),
    widgets.ManyToManyWidget: _("Their keys, separated by semicolons"),
}


def resource_columns(resource: RegistryResource) -> tuple[Column, ...]:
    """The columns of ``resource``'s export, in its order, typed and described from their model fields."""
    model = resource._meta.model
    columns = []
    for resource_field in resource.get_export_fields():
        model_field = _model_field(model, resource_field.attribute)
        kind = _column_type(resource_field, model_field)
        note = next((text for widget, text in _KEY_NOTES.items() if isinstance(resource_field.widget, widget)), None)
        if resource_field.column_name == "participants":
            note = _("Organization slug and role pairs (slug:role), separated by semicolons")
            title = in_languages(_("participants"))
        else:
            title = in_languages(capfirst(model_field.verbose_name)) if model_field else {"en": "", "zh": ""}
        choices = getattr(model_field, "choices", None) or ()
        columns.append(
            Column(
                name=resource_field.column_name,
                type=kind,
                title=title,
                description=_described(model_field, extra=note),
                required=bool(model_field is not None and not model_field.null and not model_field.blank),
                codelist=tuple((str(value), in_languages(label)) for value, label in choices),
                decimal_places=getattr(model_field, "decimal_places", None) if kind == "number" else None,
                max_digits=getattr(model_field, "max_digits", None) if kind == "number" else None,
            )
        )
    return tuple(columns)


def public_sources() -> models.QuerySet:
    """The sources a published record cites: what the public pages show of them."""
    projects = Project.objects.published()
    return Source.objects.filter(
        Q(pk__in=projects.values("sources"))
        | Q(pk__in=ReportedFigure.objects.published().values("source"))
        | Q(pk__in=Zone.objects.published().values("sources"))
        | Q(pk__in=Organization.objects.published().values("sources"))
        | Q(pk__in=District.objects.published().values("sources"))
        | Q(pk__in=Milestone.objects.filter(project__in=projects).values("source"))
    )


def _resource_table(name, title, description, resource_class, queryset: Callable[[], models.QuerySet]) -> Table:
    resource = resource_class()
    return Table(
        name=name,
        title=title,
        description=description,
        primary_key=tuple(resource.get_import_id_fields()),
        columns=resource_columns(resource),
        rows=lambda: resource_rows(resource, queryset(), batch_size=BATCH_SIZE),
    )


def _participant_rows() -> Iterator[list]:
    participations = (
        ProjectParticipant.objects.filter(
            project__in=Project.objects.published(), organization__in=Organization.objects.published()
        )
        .order_by("project_id", "position", "id")
        .values_list("project__public_id", "organization__slug", "role", "organization__country", "position")
    )
    for row in participations.iterator(chunk_size=BATCH_SIZE):
        yield list(row)


def _participants_table() -> Table:
    participant = ProjectParticipant._meta
    notes = {
        "project": (participant.get_field("project"), _("The project's public identifier")),
        "organization": (participant.get_field("organization"), _("The organization's slug")),
        "role": (participant.get_field("role"), None),
        "country": (Organization._meta.get_field("country"), None),
        "position": (participant.get_field("position"), _("Order among the project's partners")),
    }
    columns = tuple(
        Column(
            name=name,
            type="integer" if name == "position" else "string",
            title=in_languages(capfirst(model_field.verbose_name)),
            description=_described(model_field, extra=note),
            required=name != "country",
            codelist=tuple((str(value), in_languages(label)) for value, label in (model_field.choices or ())),
        )
        for name, (model_field, note) in notes.items()
    )
    return Table(
        name="participants",
        title=_("Participants"),
        description=_("Each published partner of each published project, with its role (one row a role)."),
        primary_key=("project", "organization", "role"),
        columns=columns,
        rows=_participant_rows,
    )


def release_tables() -> tuple[Table, ...]:
    """Every table of a release, in the order the data dictionary lists them."""
    return (
        _resource_table(
            "projects",
            _("Projects"),
            _("The published cooperation projects, one row each, in the import's columns."),
            ProjectResource,
            Project.objects.published,
        ),
        _participants_table(),
        _resource_table(
            "milestones",
            _("Milestones"),
            _("The dated steps of the published projects."),
            MilestoneResource,
            lambda: Milestone.objects.filter(project__in=Project.objects.published()),
        ),
        _resource_table(
            "sources",
            _("Sources"),
            _("The publications and documents the published records cite."),
            SourceResource,
            public_sources,
        ),
        _resource_table(
            "organizations",
            _("Organizations"),
            _("The published partner organizations."),
            OrganizationResource,
            Organization.objects.published,
        ),
        _resource_table(
            "zones",
            _("Zones"),
            _("The published zones, parks, bases and ports."),
            ZoneResource,
            Zone.objects.published,
        ),
        _resource_table(
            "districts",
            _("Districts"),
            _("The districts and counties of Chongqing."),
            DistrictResource,
            District.objects.published,
        ),
        _resource_table(
            "reported-figures",
            _("Reported figures"),
            _("The official headline figures, with their sources and dates."),
            ReportedFigureResource,
            ReportedFigure.objects.published,
        ),
        _resource_table(
            "articles", _("Articles"), _("The published news articles."), ArticleResource, Article.objects.published
        ),
    )


def text_cell(value) -> str:
    """A native value as the import reads it in a CSV cell (text guarded by the caller)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
