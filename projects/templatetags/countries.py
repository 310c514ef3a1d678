from django import template

from projects.countries import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """ "SG" -> "Singapore" in the active language; unknown codes as they are."""
    return _country_name(code)
