"""``{% staff_dashboard as dashboard %}`` for the admin's home page (:mod:`cci_portal.dashboard`)."""

from django import template

from cci_portal.dashboard import staff_dashboard as dashboard_for

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_dashboard(context):
    return dashboard_for(context["request"].user)
