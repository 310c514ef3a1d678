"""OpenAPI schema of the API (drf-spectacular): error responses on every operation, the API key
scheme, and how a source is read and written."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from core.api.serializers import ErrorSerializer
from projects.api.serializers import SourceSerializer

FILTERED_ACTIONS = {None, "list", "oc4ids"}


class ApiAutoSchema(AutoSchema):
    """Adds the error responses each operation can give, all in the ``{"detail", "errors"}`` shape."""

    def get_filter_backends(self):
        if self.method != "GET" or getattr(self.view, "action", None) not in FILTERED_ACTIONS:
            return []
        return getattr(self.view, "filter_backends", [])

    def error_responses(self) -> dict[str, str]:
        action = getattr(self.view, "action", None)
        detail = "{" in self.path.replace("{format}", "")
        errors = {
            "400": "A query parameter is unknown or has a malformed value, or the body is invalid; "
            "`errors` names each one with its messages.",
            "401": "An unknown or revoked API key (for writes: not signed in).",
            "429": "Too many requests for this client; `Retry-After` says how many seconds to wait.",
        }
        if detail:
            errors["404"] = "No record has this identifier."
        elif action == "list":
            errors["404"] = "The page is beyond the last one."
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
        for code, description in self.error_responses().items():
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, ["application/json"], direction
                ),
            )
        return responses


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


class RegistryFilterSchema(DjangoFilterExtension):
    """The FilterSets' parameters, each described by its filter's help text."""

    target_class = "core.api.filters.RegistryFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        help_text = filter_field.extra.get("help_text")
        for parameter in parameters:
            if help_text and not parameter.get("description"):
                parameter["description"] = str(help_text)
        return parameters
