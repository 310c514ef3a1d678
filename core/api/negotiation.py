"""Content negotiation that answers an unknown ``?format=`` (an empty one too) with 400 naming the
formats on offer."""

from django.utils.translation import gettext_lazy as _
from rest_framework.negotiation import DefaultContentNegotiation

from core.api.exceptions import InvalidQueryParameters


class FormatNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        requested = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        offered = [renderer.format for renderer in renderers]
        if requested is not None and requested not in offered:
            raise InvalidQueryParameters(
                {
                    "format": [
                        _("Unknown format “%(format)s”; use one of: %(offered)s.")
                        % {"format": requested, "offered": ", ".join(offered)}
                    ]
                }
            )
        return super().select_renderer(request, renderers, format_suffix)
