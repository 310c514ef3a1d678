"""Serializer bases shared by the apps' APIs: writes validated as the admin validates them."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.utils import model_meta

from core.api.exceptions import django_errors_to_dict
from core.api.fields import DecimalStringField, SentLengthCharField, StrictBooleanField, WebAddressField
from core.models import WebAddressField as WebAddressModelField
from core.publishing import published_change_refusal
from core.review import differences, field_values, propose_change


class RegistryModelSerializer(serializers.ModelSerializer):
    """A write runs the model's ``full_clean()`` (field validators, choices, uniqueness and the
    model's constraints), as the admin's forms do, then saves in one transaction with the user
    in the record's history. Subclasses write nested lists in :meth:`save_nested`.
    """

    nested_fields: tuple[str, ...] = ()
    # Decimals, booleans and web addresses taken exactly as the schema spells them (core.api.fields).
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DecimalField: DecimalStringField,
        models.BooleanField: StrictBooleanField,
        models.CharField: SentLengthCharField,
        WebAddressModelField: WebAddressField,
    }

    def to_internal_value(self, data):
        """Each field in the JSON type the schema gives it: DRF would take ``0`` for a text and
        ``{}`` for a list."""
        if isinstance(data, dict):
            wrong = {
                name: [message]
                for name, field in self.fields.items()
                if name in data and not field.read_only and (message := _type_error(field, data[name]))
            }
            if wrong:
                raise serializers.ValidationError(wrong)
        return super().to_internal_value(data)

    def create(self, validated_data):
        return self._write(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._write(instance, validated_data)

    def save_nested(self, instance, nested: dict) -> None:
        """Write nested lists (``{source: validated items}``) once ``instance`` is saved."""

    def _write(self, instance, validated_data):
        nested = {name: validated_data.pop(name) for name in self.nested_fields if name in validated_data}
        relations = model_meta.get_field_info(self.Meta.model).relations
        many = {
            name: validated_data.pop(name)
            for name in list(validated_data)
            if name in relations and relations[name].to_many
        }
        for attr, value in validated_data.items():
            setattr(instance, attr, value)
        self.clean_instance(instance)
        user = self.context["request"].user
        with transaction.atomic():
            instance._history_user = user if user.is_authenticated else None
            instance._change_reason = (
                gettext_noop("Added through the API")
                if instance.pk is None
                else gettext_noop("Changed through the API")
            )
            instance.save()
            for name, value in many.items():
                getattr(instance, name).set(value)
            self.save_nested(instance, nested)
        return instance

    def propose(self):
        """The validated change kept as a pending revision (:mod:`core.review`) instead of saved: what a
        write by staff without the publish permission to a published record does. ``None`` when nothing
        differs from the published version."""
        validated = dict(self.validated_data)
        nested = {name: validated.pop(name) for name in self.nested_fields if name in validated}
        instance = self.instance
        model_fields = {field.name for field in instance._meta.get_fields() if field.concrete or field.many_to_many}
        names = [name for name in validated if name in model_fields]
        relations = model_meta.get_field_info(self.Meta.model).relations
        many = {name for name in names if name in relations and relations[name].to_many}
        instance._proposed_many = {name: validated[name] for name in many}
        for name in set(names) - many:
            setattr(instance, name, validated[name])
        self.clean_instance(instance)
        return propose_change(
            record=instance,
            fields=field_values(instance, names),
            related=self.proposed_parts(instance, nested),
            user=self.context["request"].user,
        )

    def proposed_parts(self, instance, nested: dict) -> dict:
        """The parts of ``instance`` after a change (see :class:`core.models.Revision`), from ``nested``."""
        return {}

    def clean_instance(self, instance) -> None:
        """The admin's validation: fields the admin does not edit (identifiers, timestamps) are left out."""
        exclude = [field.name for field in instance._meta.concrete_fields if not field.editable]
        try:
            instance.full_clean(exclude=exclude)
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_errors_to_dict(error, self.api_field_names())) from error

    def api_field_names(self) -> dict[str, str]:
        """Model field name to API field name, for error messages: ``public_id`` is ``id``."""
        return {field.source: name for name, field in self.fields.items() if field.source and field.source != "*"}


def _type_error(field, value) -> str | None:
    if value is None:
        return None
    if isinstance(field, serializers.CharField) and not isinstance(value, str):
        return str(_("Send a string."))
    if isinstance(field, serializers.ManyRelatedField | serializers.ListSerializer) and not isinstance(value, list):
        return str(_("Send a list."))
    if isinstance(field, serializers.RelatedField) and value == "":
        # DRF would read "" as no record; the schema says null.
        return str(_("Send null for none, or the record's key."))
    return None


class PublishableSerializerMixin:
    """Publishing or unpublishing needs the model's ``publish_<model>`` permission, as in the admin:
    an editor who sends a changed ``is_published`` gets 403 and nothing is saved."""

    def validate_is_published(self, value):
        instance = self.instance or self.Meta.model()
        refusal = published_change_refusal(user=self.context["request"].user, instance=instance, requested=value)
        if refusal:
            raise exceptions.PermissionDenied(refusal)
        return value


class ErrorSerializer(serializers.Serializer):
    """Every error response: a sentence, and messages per field or query parameter."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.JSONField(), help_text="Messages per field or query parameter; empty when none."
    )


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "integer"}]})
class IdentifierField(serializers.Field):
    """A record's identifier as the endpoint gives it: a string, or a number for reported figures."""

    def to_representation(self, value):
        return value


class TombstoneSerializer(serializers.Serializer):
    """A record removed from the result set since ``updated_since``."""

    id = IdentifierField(help_text="The identifier the record had.")
    removed_at = serializers.DateTimeField(help_text="When it was deleted, unpublished or renamed.")


PUBLISHING_FIELDS = ("is_published", "created_at", "updated_at")


def api_fields(model, *, links: tuple[str, ...] = ("url", "public_url")) -> list[str]:
    """A publishable record's fields in the API: its key, its links, the rest of its
    ``record_fields`` (the one list the import and export share), then its publishing stamps."""
    key, *rest = model.record_fields
    return [key, *links, *rest, *PUBLISHING_FIELDS]


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField(source="label", help_text="The field's name, in the language asked for.")
    published = serializers.CharField(help_text="The published value, as a reader sees it.")
    proposed = serializers.CharField(help_text="The proposed value.")


class PendingRevisionSerializer(serializers.Serializer):
    """A change kept for review (202): what was proposed, which a publisher approves or rejects in the admin."""

    detail = serializers.SerializerMethodField()
    revision = serializers.IntegerField(source="pk", help_text="The revision's number in the admin's review queue.")
    status = serializers.CharField(help_text="`pending` until a publisher decides.")
    proposed_at = serializers.DateTimeField()
    changes = serializers.SerializerMethodField()

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, revision) -> list:
        return ChangeSerializer(differences(revision, self.context["record"]), many=True).data

    def get_detail(self, revision) -> str:
        return str(
            _("The change waits for a publisher's review; until it is approved the published version stays public.")
        )
