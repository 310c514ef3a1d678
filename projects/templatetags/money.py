"""Template filters that show amounts the way investors read them, in either language.

English: US$3.60 billion, CNY 24.00 billion. Chinese counts in 万 (10^4) and 亿 (10^8):
36.00亿美元, 240.00亿元.
"""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import translation

register = template.Library()

BILLION = Decimal("1000000000")
MILLION = Decimal("1000000")
YI = Decimal("100000000")
WAN = Decimal("10000")
CHINESE_UNITS = {"USD": "美元", "CNY": "元", "SGD": "新加坡元"}


def _in_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def _format(value: Decimal, currency: str) -> str:
    if _in_chinese():
        unit = CHINESE_UNITS.get(currency, f" {currency}")
        if value >= YI:
            return f"{value / YI:,.2f}亿{unit}"
        if value >= WAN:
            return f"{value / WAN:,.2f}万{unit}"
        return f"{intcomma(int(value))}{unit}"
    prefix = "US$" if currency == "USD" else f"{currency} "
    if value >= BILLION:
        return f"{prefix}{value / BILLION:,.2f} billion"
    if value >= MILLION:
        return f"{prefix}{value / MILLION:,.2f} million"
    return f"{prefix}{intcomma(int(value))}"


@register.filter
def usd(value) -> str:
    """US$3.60 billion, US$12.50 million, or US$950,000 below a million."""
    return "—" if value is None else _format(Decimal(value), "USD")


@register.filter
def usd_or_dash(value) -> str:
    """Like ``usd``, but a total of nothing reported shows as a dash, not as US$0."""
    return "—" if not value else usd(value)


@register.filter
def amount(value, currency: str) -> str:
    """An amount in its own currency: CNY 24.00 billion, SGD 2,500,000."""
    return "—" if value is None else _format(Decimal(value), currency)


@register.filter
def plain_number(value) -> str:
    """A Decimal without trailing zeros: 0.150000 -> 0.15."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")
