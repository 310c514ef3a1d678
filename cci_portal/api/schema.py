"""OpenAPI schema of the API (drf-spectacular): error responses on every operation, the API key
scheme, anonymous reads, and how a source is read and written.

The schema is held to the API by schemathesis (``tests/cci_portal/api/fuzz/``): where they differ,
the schema is what gets fixed.
"""

import django_filters
from django.core import validators
from django_filters import OrderingFilter
from drf_spectacular.authentication import BasicScheme
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

from core.api.fields import decimal_pattern
from core.api.serializers import ErrorSerializer, PendingRevisionSerializer
from core.models import PublishableModel
from projects.api.serializers import SourceSerializer

FILTERED_ACTIONS = {None, "list", "oc4ids"}


def _view_model(view):
    serializer = getattr(view, "serializer_class", None)
    return getattr(getattr(serializer, "Meta", None), "model", None)


class ApiAutoSchema(AutoSchema):
    """Adds the error responses each operation can give, all in the ``{"detail", "errors"}`` shape."""

    def get_filter_backends(self):
        if self.method != "GET" or getattr(self.view, "action", None) not in FILTERED_ACTIONS:
            return []
        return getattr(self.view, "filter_backends", [])

    def _get_filter_parameters(self):
        """The FilterSet's parameters that the view takes (the statistics take every project
        filter but ``ordering``)."""
        parameters = super()._get_filter_parameters()
        allowed = getattr(self.view, "allowed_query_parameters", None)
        if allowed is None:
            return parameters
        taken = allowed()
        return [parameter for parameter in parameters if parameter["name"] in taken]

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        has_pattern = any(isinstance(validator, validators.RegexValidator) for validator in field.validators)
        if direction == "request" and isinstance(field, serializers.CharField) and not has_pattern:
            # DRF strips a text before checking it: a required one must hold more than whitespace.
            not_blank = not field.allow_blank and field.trim_whitespace
            _without_nul(schema, pattern=NOT_BLANK if not_blank else NO_NUL)
        return schema

    def _insert_field_validators(self, field, schema):
        """The field's validators as drf-spectacular maps them; a web address is described by its
        validator's pattern (:class:`core.validators.WebAddressValidator`)."""
        web_address = next((v for v in field.validators if getattr(v, "openapi_pattern", None)), None)
        if web_address and schema.get("type") == "string":
            schema["pattern"] = web_address.openapi_pattern
        super()._insert_field_validators(field, schema)
        if web_address:
            _web_address(schema, web_address.openapi_pattern)

    def get_auth(self):
        """Anyone reads: ``{}`` (no credentials) comes first, so a generated client asks for no token
        to read; a key or a staff account may still be sent. A write needs a staff account."""
        auths = super().get_auth()
        if self.method in permissions.SAFE_METHODS:
            auths = [{}, *(auth for auth in auths if auth != {})]
        return auths

    def error_responses(self) -> dict[str, str]:
        action = getattr(self.view, "action", None)
        detail = "{" in self.path.replace("{format}", "")
        errors = {
            "400": "A query parameter is unknown or has a malformed value, or the body is invalid; "
            "`errors` names each one with its messages.",
            "401": "An unknown, revoked or expired API key (for writes: not signed in).",
            "429": "Too many requests for this client; `Retry-After` says how many seconds to wait.",
        }
        if detail:
            errors["404"] = "No record has this identifier."
        elif action == "list":
            errors["404"] = "The page is beyond the last one."
        elif action == "oc4ids":
            errors["404"] = "No project matches the filters: an OC4IDS package must hold at least one."
        if self.method in ("POST", "PATCH", "PUT"):
            errors["413"] = "The body is larger than the API accepts."
        if self.method in ("POST", "PATCH", "PUT", "DELETE"):
            errors["403"] = (
                "An API key (read-only), a user who is not staff, a missing model permission, or "
                "publishing without the publish permission."
            )
        if self.method == "DELETE":
            errors["409"] = "Other records still point at this one."
        return errors

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method in ("GET", "HEAD"):
            responses.setdefault(
                "304", {"description": "Not modified: the If-None-Match / If-Modified-Since validators still hold."}
            )
        for response in responses.values():
            # A ``format=geojson`` answer is a GeoJSON object, not the serializer's representation.
            geojson = response.get("content", {}).get("application/geo+json")
            if geojson is not None:
                geojson["schema"] = {
                    "type": "object",
                    "description": "A GeoJSON FeatureCollection (RFC 7946) of the records with a point.",
                }
        model = _view_model(self.view)
        if self.method == "PATCH" and model is not None and issubclass(model, PublishableModel):
            responses["202"] = self._get_response_for_code(
                OpenApiResponse(
                    PendingRevisionSerializer,
                    description="The record is published and the user may not publish: the change waits for "
                    "a publisher's review, and the published version stays public until it is approved.",
                ),
                "202",
                ["application/json"],
                direction,
            )
        for code, description in self.error_responses().items():
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, ["application/json"], direction
                ),
            )
        return responses


def root_security(result, generator, request, public):
    """Declares the reads' anonymous-first security once, at the document's root, and leaves it off
    each read, which inherits it (OpenAPI 3.0.3, Operation Object: its ``security`` "overrides any
    declared top-level security"); writes keep their own list, which overrides the root's.

    A postprocessing hook (``SPECTACULAR_SETTINGS``). The meaning is the same as a ``{}``-first
    list on each read, but openapi-python-client (0.29.1, ``Endpoint.from_data``) reads only an
    operation's own list, and any list at all, even one that starts with ``{}``, types the generated
    function ``client: AuthenticatedClient``; an operation without one takes
    ``AuthenticatedClient | Client``, so a partner reads with a plain ``Client`` and no token.
    """
    operations = [
        operation
        for methods in result["paths"].values()
        for method, operation in methods.items()
        if method in ("get", "put", "post", "delete", "options", "head", "patch", "trace")
    ]
    anonymous_first = next(
        (operation["security"] for operation in operations if operation.get("security", [None])[0] == {}), None
    )
    if anonymous_first is None:
        return result
    for operation in operations:
        if "security" not in operation:
            operation["security"] = []  # none needed and none taken: the root's list must not apply
        elif operation["security"] == anonymous_first:
            del operation["security"]
    result["security"] = anonymous_first
    return result


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The partners' API key, as an OpenAPI security scheme."""

    target_class = "cci_portal.api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A partner's key, sent as `Authorization: Api-Key <key>`: read access at a higher rate.",
        }


class SourceFieldSchema(OpenApiSerializerFieldExtension):
    """A source reads as an object and is written as its id."""

    target_class = "projects.api.serializers.SourceField"

    def map_serializer_field(self, auto_schema, direction):
        if direction == "response":
            return auto_schema.resolve_serializer(SourceSerializer, direction).ref
        return build_basic_type(OpenApiTypes.INT)


class DecimalStringFieldSchema(OpenApiSerializerFieldExtension):
    """A decimal as the string the API takes and gives, with the pattern it checks."""

    target_class = "core.api.fields.DecimalStringField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "format": "decimal", "pattern": self.target.pattern}


class RegistryFilterSchema(DjangoFilterExtension):
    """The FilterSets' parameters, each described by its filter's help text, each allowed empty."""

    target_class = "core.api.filters.RegistryFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        help_text = filter_field.extra.get("help_text")
        for parameter in parameters:
            if help_text and not parameter.get("description"):
                parameter["description"] = str(help_text)
            if isinstance(filter_field, django_filters.NumberFilter) and filter_field.extra.get("max_digits"):
                parameter["schema"] = _decimal_schema(filter_field.extra)
            elif isinstance(filter_field, django_filters.NumberFilter) and "max_value" in filter_field.extra:
                # A whole number within bounds (quality_min: a share in per cent).
                bounds = {"minimum": filter_field.extra.get("min_value"), "maximum": filter_field.extra["max_value"]}
                parameter["schema"] = {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
            if isinstance(filter_field, django_filters.CharFilter | django_filters.ModelChoiceFilter):
                _without_nul(parameter["schema"])
            # A filter given empty (``?zone=``) filters nothing, as on the list pages.
            parameter["allowEmptyValue"] = True
            if isinstance(filter_field, OrderingFilter):
                parameter["explode"] = False  # one parameter, comma-separated: ?ordering=-amount_usd,title
        return parameters


# Django's form and DRF's text fields refuse NUL characters, whatever else they take.
NO_NUL = "^[^\\u0000]*$"
NOT_BLANK = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


def _without_nul(schema: dict, *, pattern: str = NO_NUL) -> None:
    """Text that may hold anything but NUL (``pattern``), unless the schema already narrows it."""
    if schema.get("type") == "string" and not ({"pattern", "format", "enum"} & set(schema)):
        schema["pattern"] = pattern


def _web_address(schema: dict, pattern: str) -> None:
    """The pattern without drf-spectacular's ``format: uri``: an address the API takes may hold
    Chinese characters (``https://重庆.中国/``), which RFC 3986 does not allow in a URI."""
    for alternative in [schema, *schema.get("oneOf", [])]:
        if alternative.get("pattern") == pattern:
            alternative.pop("format", None)
    if schema.get("oneOf"):
        schema.setdefault("description", "An http or https address, or an empty string.")


def _decimal_schema(options: dict) -> dict:
    """A decimal query parameter (``amount_usd_min``) as the text that spells one."""
    min_value = options.get("min_value")
    pattern = decimal_pattern(
        max_digits=options["max_digits"], decimal_places=options["decimal_places"], min_value=min_value
    )
    return {"type": "string", "format": "decimal", "pattern": pattern}


class PasswordScheme(BasicScheme):
    """Staff's HTTP Basic (``PasswordAuthentication``), described as DRF's own Basic is."""

    target_class = "cci_portal.api.authentication.PasswordAuthentication"
