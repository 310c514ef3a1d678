"""Every API error as JSON of one shape: ``{"detail": "...", "errors": {"field": ["message", ...]}}``."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

INVALID_INPUT = _("Invalid input.")


class InvalidQueryParameters(exceptions.ValidationError):
    """A 400 for query parameters, with a summary in ``detail`` and a message per parameter."""

    def __init__(self, errors: dict, summary: str | None = None):
        super().__init__(errors)
        names = ", ".join(sorted(errors))
        self.summary = summary or _("Invalid query parameter: %(names)s.") % {"names": names}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the stored data.")
    default_code = "conflict"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def django_errors_to_dict(error: DjangoValidationError, field_names: dict[str, str] | None = None) -> dict:
    """A Django ``ValidationError`` as ``{api_field: [messages]}``; model-wide errors as ``non_field_errors``."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        return {"non_field_errors": list(error.messages)}
    errors = {}
    for field, messages in error.message_dict.items():
        name = "non_field_errors" if field == NON_FIELD_ERRORS else field_names.get(field, field)
        errors.setdefault(name, []).extend(messages)
    return errors


def _as_api_exception(exc):
    """Database, model and request-size errors that would otherwise be a 500 (or Django's HTML
    400 page), as the JSON 4xx they are."""
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge(
            _("The request body is larger than the %(limit)s bytes the API accepts.")
            % {"limit": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}"}
        )
    if isinstance(exc, TooManyFieldsSent):
        return exceptions.ParseError(
            _("The request has more than %(limit)s parameters or fields; send fewer.")
            % {"limit": f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}"}
        )
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(django_errors_to_dict(exc))
    if isinstance(exc, ProtectedError | RestrictedError):
        count = len(exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects)
        return Conflict(
            _("This record is still referenced by %(count)d other record(s); remove those links first.")
            % {"count": count}
        )
    if isinstance(exc, IntegrityError):
        return Conflict(_("The change conflicts with another record; reload it and try again."))
    if isinstance(exc, DataError):
        return exceptions.ValidationError({"non_field_errors": [_("A value is out of range for its field.")]})
    return exc


def json_exception_handler(exc, context):
    """DRF's handler, reshaped: ``detail`` always a sentence, ``errors`` always an object."""
    # Imported here: rest_framework.views reads the API settings, which name classes importing this module.
    from rest_framework.views import exception_handler

    exc = _as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        detail = getattr(exc, "summary", None) or _summary(errors)
    else:
        errors = {}
        detail = response.data.get("detail", exc.detail) if isinstance(response.data, dict) else exc.detail
    response.data = {"detail": str(detail), "errors": errors}
    return response


def _summary(errors: dict) -> str:
    names = [name for name in errors if name != "non_field_errors"]
    if not names:
        return str(INVALID_INPUT)
    return str(_("Invalid input in: %(names)s.") % {"names": ", ".join(names)})
