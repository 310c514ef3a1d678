"""Representations of the registry's records in the API, with explicit field lists.

Related records are named by their public keys (focus area and scheme codes, zone, district
and organization slugs, article slugs), never by database ids; identifiers and timestamps are
read-only.
"""

from functools import cached_property

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import PublicUrlField, RecordApiUrlField, WebAddressField
from core.api.serializers import PUBLISHING_FIELDS, PublishableSerializerMixin, RegistryModelSerializer, api_fields
from core.review import part_rows
from projects.api.representation import ProjectReadFields, project_representation
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)
from projects.selectors import project_record
from projects.services import project_participants_set


class SourceSerializer(serializers.ModelSerializer):
    """Where a fact came from."""

    # Declared: a read-only field built from the model would lose ``blank``, and the schema with it.
    url = WebAddressField(
        read_only=True, allow_blank=True, help_text=_("Empty when the source is a document (see `document_en`).")
    )

    class Meta:
        model = Source
        fields = list(Source.record_fields)
        read_only_fields = fields


class SourceField(serializers.PrimaryKeyRelatedField):
    """A source: shown in full, written by its id."""

    def use_pk_only_optimization(self):
        return False

    @cached_property
    def source_serializer(self):
        # One SourceSerializer for the field, not one per source of every project.
        return SourceSerializer()

    def to_representation(self, value):
        return self.source_serializer.to_representation(value)


class ParticipantSerializer(serializers.ModelSerializer):
    """An organization's part in a project: written as ``{"organization": slug, "role": code}``."""

    organization = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all())
    name_en = serializers.CharField(source="organization.name_en", read_only=True)
    name_zh = serializers.CharField(source="organization.name_zh", read_only=True)
    country = serializers.CharField(
        source="organization.country", read_only=True, help_text=_("ISO 3166-1 alpha-2 code.")
    )

    class Meta:
        model = ProjectParticipant
        fields = ["organization", "name_en", "name_zh", "country", "role"]
        validators = []  # the project is not known yet; ProjectSerializer checks duplicates


class MilestoneSerializer(serializers.ModelSerializer):
    """A dated step of a project (read-only in the API; staff edit milestones in the admin)."""

    source = SourceSerializer(read_only=True)

    class Meta:
        model = Milestone
        fields = ["date", "date_precision", "title_en", "title_zh", "source"]
        read_only_fields = fields


class ProjectSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """A project. ``participants`` is written as a whole list (it replaces the stored one)."""

    id = serializers.CharField(source="public_id", read_only=True, help_text=_("Public identifier, CCI-YYYY-NNNN."))
    url = RecordApiUrlField(view_name="api:project-detail", lookup_field="public_id")
    public_url = PublicUrlField()
    focus_area = serializers.SlugRelatedField(
        slug_field="code", queryset=FocusArea.objects.all(), allow_null=True, required=False
    )
    other_focus_areas = serializers.SlugRelatedField(
        slug_field="code", queryset=FocusArea.objects.all(), many=True, required=False
    )
    scheme = serializers.SlugRelatedField(
        slug_field="code", queryset=Scheme.objects.all(), allow_null=True, required=False
    )
    zone = serializers.SlugRelatedField(
        slug_field="slug", queryset=Zone.objects.all(), allow_null=True, required=False
    )
    district = serializers.SlugRelatedField(
        slug_field="slug", queryset=District.objects.all(), allow_null=True, required=False
    )
    participants = ParticipantSerializer(source="participations", many=True, required=False)
    milestones = MilestoneSerializer(many=True, read_only=True)
    sources = SourceField(many=True, queryset=Source.objects.all(), required=False)
    articles = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text=_("Slugs of the published articles about it.")
    )

    nested_fields = ("participations",)

    class Meta:
        model = Project
        fields = [
            "id",
            "url",
            "public_url",
            *Project.record_fields,
            "milestones",
            "sources",
            "articles",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, instance):
        """The project as JSON, from a record of :func:`projects.selectors.project_records` (plain
        values; a model instance, as a write answers with, is read afresh into one).

        Produces exactly what the declared fields would (tests/projects/api/test_representations.py
        compares the two);
        DRF's field-by-field path cost about 0.8 ms a project, which dominated a 50-row page and
        made a full CSV export take over a minute.
        """
        record = instance if isinstance(instance, dict) else project_record(instance, self._user)
        return project_representation(record, self._read_fields)

    @cached_property
    def _read_fields(self) -> ProjectReadFields:
        return ProjectReadFields(self)

    @property
    def _user(self):
        return getattr(self.context.get("request"), "user", None)

    def validate_participants(self, participants):
        seen = set()
        for participant in participants:
            key = (participant["organization"].pk, participant["role"])
            if key in seen:
                raise serializers.ValidationError(
                    _("%(organization)s is listed twice as %(role)s.")
                    % {"organization": participant["organization"].slug, "role": participant["role"]}
                )
            seen.add(key)
        return participants

    def proposed_parts(self, instance, nested):
        """The participants as :func:`projects.services.project_participants_set` would leave them."""
        if "participations" not in nested:
            return {}
        existing = {(row.organization_id, row.role): row for row in instance.participations.all()}
        rows = []
        for position, participant in enumerate(nested["participations"]):
            organization, role = participant["organization"], participant["role"]
            row = existing.get((organization.pk, role)) or ProjectParticipant(
                project=instance, organization=organization, role=role
            )
            row.position = position
            rows.append(row)
        return {ProjectParticipant._meta.label_lower: part_rows(ProjectParticipant, "project", rows)}

    def save_nested(self, instance, nested):
        if "participations" not in nested:
            return
        participants = [(participant["organization"], participant["role"]) for participant in nested["participations"]]
        user = self._user
        project_participants_set(
            project=instance, participants=participants, user=user if user.is_authenticated else None
        )


class CodedVocabularySerializer(RegistryModelSerializer):
    """An entry of a fixed list, named by its code."""

    public_url = PublicUrlField()

    class Meta:
        fields = ["code", "url", "public_url", "name_en", "name_zh", "description_en", "description_zh", "position"]


class FocusAreaSerializer(CodedVocabularySerializer):
    """A focus area, named by its code."""

    url = RecordApiUrlField(view_name="api:focusarea-detail", lookup_field="code")

    class Meta(CodedVocabularySerializer.Meta):
        model = FocusArea


class SchemeSerializer(CodedVocabularySerializer):
    """A cooperation scheme, named by its code."""

    url = RecordApiUrlField(view_name="api:scheme-detail", lookup_field="code")

    class Meta(CodedVocabularySerializer.Meta):
        model = Scheme


class DistrictSerializer(RegistryModelSerializer):
    """A district of Chongqing with its representative point."""

    url = RecordApiUrlField(view_name="api:district-detail", lookup_field="slug")
    public_url = PublicUrlField()

    class Meta:
        model = District
        fields = [
            "slug",
            "url",
            "public_url",
            "name_en",
            "name_zh",
            "description_en",
            "description_zh",
            "latitude",
            "longitude",
        ]


class ZoneSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """A demonstration zone, park, base, centre, port or channel."""

    url = RecordApiUrlField(view_name="api:zone-detail", lookup_field="slug")
    public_url = PublicUrlField()
    focus_area = serializers.SlugRelatedField(
        slug_field="code", queryset=FocusArea.objects.all(), allow_null=True, required=False
    )
    district = serializers.SlugRelatedField(
        slug_field="slug", queryset=District.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Zone
        fields = api_fields(Zone)
        read_only_fields = ["created_at", "updated_at"]


class OrganizationSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """A partner organization; ``country`` is an ISO 3166-1 alpha-2 code."""

    url = RecordApiUrlField(view_name="api:organization-detail", lookup_field="slug")
    public_url = PublicUrlField()

    class Meta:
        model = Organization
        fields = api_fields(Organization)
        read_only_fields = ["created_at", "updated_at"]


class ReportedFigureSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """An official headline figure with its source and date (``as_of`` empty when the source gives none)."""

    url = RecordApiUrlField(view_name="api:reportedfigure-detail", lookup_field="id")
    source = SourceField(queryset=Source.objects.all())

    class Meta:
        model = ReportedFigure
        fields = api_fields(ReportedFigure, links=("url",))
        read_only_fields = ["id", "created_at", "updated_at"]
