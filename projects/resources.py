"""Import and export of the registry (django-import-export), in CSV and XLSX.

Related records are named by their natural keys (focus area and scheme by code, zone,
district and organization by slug), so a file can be read and written by people. Every
problem is reported on its row, under the column it came from; see docs/admin.md.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, widgets

from core.resources import (
    AmountWidget,
    IsoDateWidget,
    NaturalKeyListWidget,
    NaturalKeyWidget,
    RegistryResource,
    unknown_key_error,
)
from projects.choices import ParticipantRole
from projects.models import (
    District,
    FocusArea,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)


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


class OrganizationResource(RegistryResource):
    """Organizations, keyed by slug: a new slug adds an organization, a known one updates it."""

    class Meta:
        model = Organization
        fields = ("slug", "name_en", "name_zh", "country", "kind", "website", "description", "is_published")
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = False

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if row.get("country"):
            row["country"] = str(row["country"]).strip().upper()


class ProjectResource(RegistryResource):
    """Projects, keyed by their public identifier: blank adds a project, which gets its identifier on save."""

    refuse_unknown_identifier = True

    public_id = fields.Field(attribute="public_id", column_name="public_id", readonly=True)
    focus_area = fields.Field(
        attribute="focus_area", column_name="focus_area", widget=NaturalKeyWidget(FocusArea, "code")
    )
    other_focus_areas = fields.Field(
        attribute="other_focus_areas",
        column_name="other_focus_areas",
        widget=NaturalKeyListWidget(FocusArea, "code"),
    )
    scheme = fields.Field(attribute="scheme", column_name="scheme", widget=NaturalKeyWidget(Scheme, "code"))
    zone = fields.Field(attribute="zone", column_name="zone", widget=NaturalKeyWidget(Zone, "slug"))
    district = fields.Field(attribute="district", column_name="district", widget=NaturalKeyWidget(District, "slug"))
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

    class Meta:
        model = Project
        fields = (
            "public_id",
            "slug",
            "title_en",
            "title_zh",
            "summary",
            "description",
            "focus_area",
            "other_focus_areas",
            "scheme",
            "zone",
            "district",
            "participants",
            "status",
            "signed_date",
            "signed_date_precision",
            "operation_start_date",
            "contract_amount",
            "currency",
            "contract_amount_usd",
            "usd_rate",
            "usd_rate_date",
            "is_published",
        )
        import_id_fields = ("public_id",)
        clean_model_instances = True
        skip_unchanged = False

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
            "other_focus_areas", "participations__organization"
        )

    def after_save_instance(self, instance, row, **kwargs):
        participants = getattr(instance, "_imported_participants", None)
        if participants is None or instance.pk is None:
            return
        instance.participations.all().delete()
        ProjectParticipant.objects.bulk_create(
            ProjectParticipant(project=instance, organization=organization, role=role, position=position)
            for position, (organization, role) in enumerate(participants)
        )


class ReportedFigureResource(RegistryResource):
    """Official headline figures, keyed by id: blank adds a figure. ``source`` is a source's id."""

    refuse_unknown_identifier = True

    id = fields.Field(attribute="id", column_name="id", readonly=True, widget=widgets.IntegerWidget())
    value = fields.Field(attribute="value", column_name="value", widget=AmountWidget())
    share_percent = fields.Field(attribute="share_percent", column_name="share_percent", widget=AmountWidget())
    counted_since = fields.Field(attribute="counted_since", column_name="counted_since", widget=IsoDateWidget())
    as_of = fields.Field(attribute="as_of", column_name="as_of", widget=IsoDateWidget())
    source = fields.Field(attribute="source", column_name="source", widget=NaturalKeyWidget(Source, "pk", label="id"))

    class Meta:
        model = ReportedFigure
        fields = (
            "id",
            "label_en",
            "label_zh",
            "metric",
            "value",
            "unit",
            "qualifier",
            "scope",
            "share_percent",
            "share_scope",
            "counted_since",
            "as_of",
            "source",
            "is_published",
        )
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = False

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("source")
