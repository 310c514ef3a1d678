"""Template filters that show amounts the way investors read them."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

register = template.Library()

BILLION = Decimal("1000000000")
MILLION = Decimal("1000000")


@register.filter
def usd(amount) -> str:
    """US$3.60 billion, US$12.50 million, or US$950,000 below a million."""
    if amount is None:
        return "—"
    amount = Decimal(amount)
    if amount >= BILLION:
        return _("US$%(amount)s billion") % {"amount": f"{amount / BILLION:,.2f}"}
    if amount >= MILLION:
        return _("US$%(amount)s million") % {"amount": f"{amount / MILLION:,.2f}"}
    return f"US${intcomma(int(amount))}"
