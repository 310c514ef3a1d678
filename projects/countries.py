"""Names of the countries partners come from, by ISO 3166-1 alpha-2 code.

Only the countries CCI partners come from are named; any other code is shown as it is.
"""

from django.utils.translation import gettext_lazy as _

COUNTRY_NAMES = {
    "CN": _("China"),
    "SG": _("Singapore"),
    "HK": _("Hong Kong, China"),
    "MY": _("Malaysia"),
    "ID": _("Indonesia"),
    "TH": _("Thailand"),
    "VN": _("Viet Nam"),
    "PH": _("Philippines"),
    "JP": _("Japan"),
    "KR": _("Korea, Republic of"),
    "GB": _("United Kingdom"),
    "US": _("United States"),
}


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))
