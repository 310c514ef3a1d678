"""Import and export of the registry (django-import-export), in CSV and XLSX.

Related records are named by their natural keys (focus area and scheme by code, zone,
district and organization by slug, project by public identifier, source by id), so a file can
be read and written by people. Every problem is reported on its row, under the column it came
from; see docs/admin.md. The demo loader (:mod:`projects.demo`) reads its fixtures through
these same resources.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, widgets

from core.resource_names import Naming
from core.resources import (
    AmountWidget,
    IsoDateWidget,
    NamedCodeWidget,
    NaturalKeyListWidget,
    NaturalKeyWidget,
    RegistryOptions,
    RegistryResource,
    unknown_key_error,
)
from projects.choices import ParticipantRole
from projects.countries import COUNTRY_NAMES
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)
from projects.services import project_participants_set


def sources_field() -> fields.Field:
    """The ``sources`` column: the ids of the sources a record cites, separated by semicolons."""
    return fields.Field(
        attribute="sources", column_name="sources", widget=NaturalKeyListWidget(Source, "pk", label="id")
    )


def established_field() -> fields.Field:
    """The ``established_date`` column, a date as YYYY-MM-DD (a workbook's date cell read as a date, not a time)."""
    return fields.Field(attribute="established_date", column_name="established_date", widget=IsoDateWidget())


def vocabulary_field(name: str, model, key: str) -> fields.Field:
    """A vocabulary record named by ``key``: the Chinese admin's export writes its Chinese name."""
    return fields.Field(attribute=name, column_name=name, widget=NaturalKeyWidget(model, key, named=True))


def source_field() -> fields.Field:
    """The ``source`` column: the id of the one source a record cites."""
    return fields.Field(attribute="source", column_name="source", widget=NaturalKeyWidget(Source, "pk", label="id"))


class ParticipantsWidget(widgets.Widget):
    """Participants as ``organization-slug:role`` pairs separated by semicolons."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return []
        pairs = []
        for item in str(value).split(";"):
            item = item.strip()
            if not item:
                continue
            slug, separator, role = (part.strip() for part in item.partition(":"))
            if not separator or not slug or not role:
                raise ValueError(
                    _("“%(item)s”: write each participant as organization-slug:role, separated by semicolons.")
                    % {"item": item}
                )
            if role not in ParticipantRole.values:
                raise ValueError(
                    _("“%(role)s” is not a participant role; use one of: %(roles)s.")
                    % {"role": role, "roles": ", ".join(ParticipantRole.values)}
                )
            pairs.append((slug, role))
        organizations = Organization.objects.in_bulk([slug for slug, _role in pairs], field_name="slug")
        missing = sorted({slug for slug, _role in pairs} - organizations.keys())
        if missing:
            raise unknown_key_error(Organization, "slug", missing)
        if len(set(pairs)) != len(pairs):
            raise ValueError(_("The same organization is listed twice with the same role."))
        return [(organizations[slug], role) for slug, role in pairs]

    def render(self, value, obj=None, **kwargs):
        return ";".join(f"{organization.slug}:{role}" for organization, role in value or [])

    def naming(self) -> Naming:
        return ParticipantsNaming()


class ParticipantsNaming(Naming):
    """Each pair's role by its Chinese name (``capitaland-group:投资方``); the partner keeps its slug."""

    def __init__(self):
        super().__init__(lambda: dict(ParticipantRole.choices), separator=";")

    def name_of(self, pair: str) -> str:
        slug, separator, role = pair.partition(":")
        return f"{slug}:{super().name_of(role)}" if separator else pair

    def code_of(self, pair: str) -> str:
        slug, separator, role = pair.partition(":")
        return f"{slug}:{super().code_of(role)}" if separator else pair


class ParticipantsField(fields.Field):
    """Keeps the parsed participants on the instance; they are written once the project is saved.

    Its value, for the export and for the import preview, is the list of ``(organization, role)``
    pairs: the imported ones while a row is being imported, else the project's own.
    """

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance._imported_participants = self.clean(row, **kwargs)

    def get_value(self, instance):
        pending = getattr(instance, "_imported_participants", None)
        if pending is not None:
            return pending
        if instance.pk is None:
            return []
        return [(participation.organization, participation.role) for participation in instance.participations.all()]


class SourceResource(RegistryResource):
    """Sources, keyed by id: blank adds a source. Other files name a source by this id."""

    refuse_unknown_identifier = True

    id = fields.Field(attribute="id", column_name="id", readonly=True, widget=widgets.IntegerWidget())
    published_on = fields.Field(attribute="published_on", column_name="published_on", widget=IsoDateWidget())

    class Meta(RegistryOptions):
        model = Source
        fields = Source.record_fields
        import_id_fields = ("id",)


class DistrictResource(RegistryResource):
    """Districts, keyed by slug, with a representative point and the ids of their sources."""

    latitude = fields.Field(attribute="latitude", column_name="latitude", widget=AmountWidget())
    longitude = fields.Field(attribute="longitude", column_name="longitude", widget=AmountWidget())
    sources = sources_field()

    class Meta(RegistryOptions):
        model = District
        fields = (
            "slug",
            "code",
            "name_en",
            "name_zh",
            "description_en",
            "description_zh",
            "latitude",
            "longitude",
            "sources",
        )
        import_id_fields = ("slug",)

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("sources")


class ZoneResource(RegistryResource):
    """Zones, keyed by slug; focus area by code, district by slug, sources by id."""

    focus_area = vocabulary_field("focus_area", FocusArea, "code")
    district = vocabulary_field("district", District, "slug")
    established_date = established_field()
    sources = sources_field()

    class Meta(RegistryOptions):
        model = Zone
        fields = (*Zone.record_fields, "sources", "is_published")
        import_id_fields = ("slug",)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("focus_area", "district").prefetch_related("sources")


class OrganizationResource(RegistryResource):
    """Organizations, keyed by slug: a new slug adds an organization, a known one updates it."""

    country = fields.Field(attribute="country", column_name="country", widget=NamedCodeWidget(lambda: COUNTRY_NAMES))
    established_date = established_field()
    sources = sources_field()

    class Meta(RegistryOptions):
        model = Organization
        fields = (*Organization.record_fields, "sources", "is_published")
        import_id_fields = ("slug",)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if row.get("country"):
            row["country"] = str(row["country"]).strip().upper()

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("sources")


class ProjectResource(RegistryResource):
    """Projects, keyed by their public identifier: blank adds a project, which gets its identifier on save."""

    refuse_unknown_identifier = True

    public_id = fields.Field(attribute="public_id", column_name="public_id", readonly=True)
    focus_area = vocabulary_field("focus_area", FocusArea, "code")
    other_focus_areas = fields.Field(
        attribute="other_focus_areas",
        column_name="other_focus_areas",
        widget=NaturalKeyListWidget(FocusArea, "code", named=True),
    )
    scheme = vocabulary_field("scheme", Scheme, "code")
    zone = vocabulary_field("zone", Zone, "slug")
    district = vocabulary_field("district", District, "slug")
    participants = ParticipantsField(attribute="participants", column_name="participants", widget=ParticipantsWidget())
    signed_date = fields.Field(attribute="signed_date", column_name="signed_date", widget=IsoDateWidget())
    operation_start_date = fields.Field(
        attribute="operation_start_date", column_name="operation_start_date", widget=IsoDateWidget()
    )
    contract_amount = fields.Field(attribute="contract_amount", column_name="contract_amount", widget=AmountWidget())
    contract_amount_usd = fields.Field(
        attribute="contract_amount_usd", column_name="contract_amount_usd", widget=AmountWidget()
    )
    usd_rate = fields.Field(attribute="usd_rate", column_name="usd_rate", widget=AmountWidget())
    usd_rate_date = fields.Field(attribute="usd_rate_date", column_name="usd_rate_date", widget=IsoDateWidget())
    sources = sources_field()

    class Meta(RegistryOptions):
        model = Project
        fields = ("public_id", *Project.record_fields, "sources", "is_published")
        import_id_fields = ("public_id",)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if row.get("currency"):
            row["currency"] = str(row["currency"]).strip().upper()

    def import_instance(self, instance, row, **kwargs):
        if "slug" in row and not str(row.get("slug") or "").strip() and row.get("title_en"):
            row["slug"] = slugify(str(row["title_en"]))[:120]
        super().import_instance(instance, row, **kwargs)

    def assigned_on_save(self, instance) -> list[str]:
        return [] if instance.public_id else ["public_id"]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("focus_area", "scheme", "zone", "district").prefetch_related(
            "other_focus_areas", "participations__organization", "sources"
        )

    def after_save_instance(self, instance, row, **kwargs):
        participants = getattr(instance, "_imported_participants", None)
        if participants is None or instance.pk is None:
            return
        project_participants_set(project=instance, participants=participants, user=kwargs.get("user"))


class MilestoneResource(RegistryResource):
    """Milestones, keyed by id: blank adds one. The project by public identifier, the source by id."""

    refuse_unknown_identifier = True

    id = fields.Field(attribute="id", column_name="id", readonly=True, widget=widgets.IntegerWidget())
    project = fields.Field(
        attribute="project",
        column_name="project",
        widget=NaturalKeyWidget(Project, "public_id", label="identifier"),
    )
    date = fields.Field(attribute="date", column_name="date", widget=IsoDateWidget())
    source = source_field()

    class Meta(RegistryOptions):
        model = Milestone
        fields = ("id", "project", "date", "date_precision", "title_en", "title_zh", "source")
        import_id_fields = ("id",)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("project", "source")


class ReportedFigureResource(RegistryResource):
    """Official headline figures, keyed by id: blank adds a figure. ``source`` is a source's id."""

    refuse_unknown_identifier = True

    id = fields.Field(attribute="id", column_name="id", readonly=True, widget=widgets.IntegerWidget())
    value = fields.Field(attribute="value", column_name="value", widget=AmountWidget())
    share_percent = fields.Field(attribute="share_percent", column_name="share_percent", widget=AmountWidget())
    counted_since = fields.Field(attribute="counted_since", column_name="counted_since", widget=IsoDateWidget())
    as_of = fields.Field(attribute="as_of", column_name="as_of", widget=IsoDateWidget())
    source = source_field()

    class Meta(RegistryOptions):
        model = ReportedFigure
        fields = (*ReportedFigure.record_fields, "is_published")
        import_id_fields = ("id",)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("source")
