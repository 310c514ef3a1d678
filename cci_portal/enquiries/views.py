"""The contact page, where every enquiry form posts, and the thank-you page after it."""

import hashlib
import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from cci_portal.enquiries.forms import HONEYPOT, EnquiryForm
from cci_portal.enquiries.services import enquiry_submit
from core.ratelimit import Rate, client_address, hit, limit_key, too_many_requests

logger = logging.getLogger(__name__)


def _over_limit(scope: str, ident: str):
    """The usage of ``ident``'s enquiry limit after counting this one, if it is exceeded; else None."""
    rate = Rate.parse(settings.ENQUIRY_RATE_LIMITS.get(scope))
    if rate is None:
        return None
    counted = hit(limit_key(f"enquiry-{scope}", ident), rate)
    return counted if counted.exceeded else None


def _email_ident(email: str) -> str:
    # Hashed: the cache never holds the address itself.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    """GET: the form. POST (from here or a record's page): store the enquiry and go to the thank-you page.

    Never cached: the page carries the reader's own CSRF token.
    """
    if request.method != "POST":
        return render(request, "enquiries/contact.html", {"form": EnquiryForm()})
    if refused := _over_limit("client", client_address(request)):
        return too_many_requests(request, refused)
    if request.POST.get(HONEYPOT):
        # A bot: the same answer a person gets, with nothing stored or sent.
        logger.info("An enquiry with the honeypot filled was dropped")
        return redirect("enquiry-thanks")
    form = EnquiryForm(request.POST)
    if not form.is_valid():
        return render(request, "enquiries/contact.html", {"form": form}, status=400)
    if refused := _over_limit("email", _email_ident(form.cleaned_data["email"])):
        return too_many_requests(request, refused)
    data = form.cleaned_data
    enquiry_submit(
        name=data["name"],
        email=data["email"],
        organization=data["organization"],
        message=data["message"],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        record=data["record"],
    )
    return redirect("enquiry-thanks")


@require_GET
def thanks(request):
    return render(request, "enquiries/thanks.html")
