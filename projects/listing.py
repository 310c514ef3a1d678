"""What the list pages (projects, news) share: the page asked for, or the nearest one with a
message, and one message per refused filter. Bad input never breaks a list page."""

from django.core.paginator import Page, Paginator
from django.utils.text import Truncator
from django.utils.translation import gettext as _


def page_or_nearest(paginator: Paginator, requested: str | None) -> tuple[Page, str]:
    """The requested page, or the nearest one with a message when the number is not usable."""
    if requested is None or requested == "":
        return paginator.page(1), ""
    try:
        number = int(requested)
    except ValueError:
        shown = Truncator(requested).chars(20)
        return paginator.page(1), _("“%(page)s” is not a page number; showing the first page.") % {"page": shown}
    if number < 1:
        return paginator.page(1), _("There is no page %(page)s; showing the first page.") % {"page": number}
    if number > paginator.num_pages:
        return (
            paginator.page(paginator.num_pages),
            _("There is no page %(page)s; showing the last page, %(last)s.")
            % {"page": number, "last": paginator.num_pages},
        )
    return paginator.page(number), ""


def refused_filter_notices(filterset) -> list[str]:
    """One message per refused filter value, naming the filter: "Category: Select a valid choice..."."""
    return [
        _("%(filter)s: %(errors)s") % {"filter": filterset.filters[name].label, "errors": " ".join(errors)}
        for name, errors in filterset.errors.items()
    ]
