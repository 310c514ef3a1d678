"""The API's JSON parser: DRF's, with a clear 400 for a body nested too deeply to parse."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers


class JsonParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested past what Python's parser can follow (about a thousand
    levels: ``[[[[...``) is a 400 instead of a ``RecursionError`` and a 500.

    The size of a body is Django's to check (``DATA_UPLOAD_MAX_MEMORY_SIZE``; a 413, see
    :func:`core.api.exceptions.json_exception_handler`).
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("JSON parse error - the body is nested too deeply.")) from None
