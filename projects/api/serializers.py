"""Representations of the registry's records in the API, with explicit field lists.

Related records are named by their public keys (focus area and scheme codes, zone, district
and organization slugs, article slugs), never by database ids; identifiers and timestamps are
read-only.
"""

import copy
from functools import cache, cached_property

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import PublishableSerializerMixin, RegistryModelSerializer
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


@extend_schema_field(OpenApiTypes.URI)
class PublicUrlField(serializers.Field):
    """The absolute URL of the record's public page, in the site's default language."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", _("The record's page on the public site."))
        super().__init__(**kwargs)

    def to_representation(self, value):
        with translation.override(settings.LANGUAGE_CODE):
            path = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SourceSerializer(serializers.ModelSerializer):
    """Where a fact came from."""

    class Meta:
        model = Source
        fields = ["id", "title", "publisher", "url", "document", "published_on"]
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
    url = serializers.HyperlinkedIdentityField(view_name="api:project-detail", lookup_field="public_id")
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
            "slug",
            "title_en",
            "title_zh",
            "summary",
            "description",
            "status",
            "focus_area",
            "other_focus_areas",
            "scheme",
            "zone",
            "district",
            "participants",
            "contract_amount",
            "currency",
            "contract_amount_usd",
            "usd_rate",
            "usd_rate_date",
            "signed_date",
            "signed_date_precision",
            "operation_start_date",
            "milestones",
            "sources",
            "articles",
            "is_published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, instance):
        """The project as JSON, from a record of :func:`projects.selectors.project_records` (plain
        values; a model instance, as a write answers with, is read afresh into one).

        Produces exactly what the declared fields would (``test_serializers`` compares the two);
        DRF's field-by-field path cost about 0.8 ms a project, which dominated a 50-row page and
        made a full CSV export take over a minute.
        """
        record = instance if isinstance(instance, dict) else project_record(instance, self._user)
        fields = self._read_fields
        return {
            "id": record["public_id"],
            "url": fields.url(record["public_id"]),
            "public_url": fields.public_url(record["public_id"]),
            "slug": record["slug"],
            "title_en": record["title_en"],
            "title_zh": record["title_zh"],
            "summary": record["summary"],
            "description": record["description"],
            "status": record["status"],
            "focus_area": record["focus_area_code"],
            "other_focus_areas": record["other_focus_area_codes"],
            "scheme": record["scheme_code"],
            "zone": record["zone_slug"],
            "district": record["district_slug"],
            "participants": [
                {
                    "organization": participant["organization"],
                    "name_en": participant["name_en"],
                    "name_zh": participant["name_zh"],
                    "country": participant["country"],
                    "role": participant["role"],
                }
                for participant in record["participants"]
            ],
            "contract_amount": fields.money(record["contract_amount"]),
            "currency": record["currency"],
            "contract_amount_usd": fields.money(record["contract_amount_usd"]),
            "usd_rate": fields.rate(record["usd_rate"]),
            "usd_rate_date": fields.day(record["usd_rate_date"]),
            "signed_date": fields.day(record["signed_date"]),
            "signed_date_precision": record["signed_date_precision"],
            "operation_start_date": fields.day(record["operation_start_date"]),
            "milestones": [
                {
                    "date": fields.day(step["date"]),
                    "date_precision": step["date_precision"],
                    "title_en": step["title_en"],
                    "title_zh": step["title_zh"],
                    "source": fields.source(step["source"]) if step["source"] is not None else None,
                }
                for step in record["milestones"]
            ],
            "sources": [fields.source(source) for source in record["sources"]],
            "articles": record["article_slugs"],
            "is_published": record["is_published"],
            "created_at": fields.moment(record["created_at"]),
            "updated_at": fields.moment(record["updated_at"]),
        }

    @cached_property
    def _read_fields(self) -> "_ProjectReadFields":
        return _ProjectReadFields(self)

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

    def save_nested(self, instance, nested):
        if "participations" not in nested:
            return
        instance.participations.all().delete()
        for position, participant in enumerate(nested["participations"]):
            record = ProjectParticipant(project=instance, position=position, **participant)
            record.full_clean()
            record.save()


class _ProjectReadFields:
    """What :meth:`ProjectSerializer.to_representation` formats with: the declared fields' own
    formatting of amounts, dates and times, and the record URLs built from one reversed pattern."""

    PLACEHOLDER = "CCI-0000-0000"

    def __init__(self, serializer: ProjectSerializer):
        self.money, self.rate, self.day, self.moment, self._source_day = _project_formats()
        # Only the two URL fields are bound to this serializer (they read its request): building
        # every field of a ModelSerializer cost a millisecond a response.
        placeholder = Project(pk=0, public_id=self.PLACEHOLDER)
        self._url = _bound(serializer, "url").to_representation(placeholder)
        self._public_url = _bound(serializer, "public_url").to_representation(placeholder)

    def url(self, public_id: str) -> str:
        return self._url.replace(self.PLACEHOLDER, public_id)

    def public_url(self, public_id: str) -> str:
        return self._public_url.replace(self.PLACEHOLDER, public_id)

    def source(self, source: dict) -> dict:
        """A source as :class:`SourceSerializer` gives it, from a dict of its columns (in its field order)."""
        return {**source, "published_on": self._source_day(source["published_on"])}


def _nullable(represent):
    return lambda value: None if value is None else represent(value)


@cache
def _project_formats() -> tuple:
    """The formatting of the project fields that need no request, taken once from the declared fields."""
    fields = ProjectSerializer().fields
    source = fields["sources"].child_relation.source_serializer.fields
    return tuple(
        _nullable(field.to_representation)
        for field in (
            fields["contract_amount"],
            fields["usd_rate"],
            fields["signed_date"],
            fields["updated_at"],
            source["published_on"],
        )
    )


def _bound(serializer, name: str) -> serializers.Field:
    """A copy of the declared field ``name`` bound to ``serializer``, without building the others."""
    field = copy.deepcopy(serializer._declared_fields[name])
    field.bind(name, serializer)
    return field


class FocusAreaSerializer(RegistryModelSerializer):
    """A focus area, named by its code."""

    url = serializers.HyperlinkedIdentityField(view_name="api:focusarea-detail", lookup_field="code")
    public_url = PublicUrlField()

    class Meta:
        model = FocusArea
        fields = ["code", "url", "public_url", "name_en", "name_zh", "description", "position"]


class SchemeSerializer(RegistryModelSerializer):
    """A cooperation scheme, named by its code."""

    url = serializers.HyperlinkedIdentityField(view_name="api:scheme-detail", lookup_field="code")
    public_url = PublicUrlField()

    class Meta:
        model = Scheme
        fields = ["code", "url", "public_url", "name_en", "name_zh", "description", "position"]


class DistrictSerializer(RegistryModelSerializer):
    """A district of Chongqing with its representative point."""

    url = serializers.HyperlinkedIdentityField(view_name="api:district-detail", lookup_field="slug")
    public_url = PublicUrlField()

    class Meta:
        model = District
        fields = ["slug", "url", "public_url", "name_en", "name_zh", "latitude", "longitude"]


class ZoneSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """A demonstration zone, park, base, centre, port or channel."""

    url = serializers.HyperlinkedIdentityField(view_name="api:zone-detail", lookup_field="slug")
    public_url = PublicUrlField()
    focus_area = serializers.SlugRelatedField(
        slug_field="code", queryset=FocusArea.objects.all(), allow_null=True, required=False
    )
    district = serializers.SlugRelatedField(
        slug_field="slug", queryset=District.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Zone
        fields = [
            "slug",
            "url",
            "public_url",
            "name_en",
            "name_zh",
            "kind",
            "focus_area",
            "district",
            "description",
            "is_published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class OrganizationSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """A partner organization; ``country`` is an ISO 3166-1 alpha-2 code."""

    url = serializers.HyperlinkedIdentityField(view_name="api:organization-detail", lookup_field="slug")
    public_url = PublicUrlField()

    class Meta:
        model = Organization
        fields = [
            "slug",
            "url",
            "public_url",
            "name_en",
            "name_zh",
            "country",
            "kind",
            "website",
            "description",
            "is_published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class ReportedFigureSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """An official headline figure with its source and date (``as_of`` empty when the source gives none)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:reportedfigure-detail", lookup_field="id")
    source = SourceField(queryset=Source.objects.all())

    class Meta:
        model = ReportedFigure
        fields = [
            "id",
            "url",
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
