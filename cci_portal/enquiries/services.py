"""Writes of enquiries: stored first, then the emails, whose failure never loses an enquiry."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cci_portal.models import Enquiry
from projects.models import Organization, Project, Zone

logger = logging.getLogger(__name__)


def _subject_fields(record: models.Model | None) -> dict:
    if isinstance(record, Project):
        return {"project": record}
    if isinstance(record, Zone):
        return {"zone": record}
    if isinstance(record, Organization):
        return {"subject_organization": record}
    return {}


def enquiry_submit(
    *, name: str, email: str, message: str, language: str, organization: str = "", record: models.Model | None = None
) -> Enquiry:
    """Store an enquiry, then send its confirmation (and the bureau's notice); a failed email is logged."""
    enquiry = Enquiry.objects.create(
        name=name,
        email=email,
        organization=organization,
        message=message,
        language=language,
        **_subject_fields(record),
    )
    try:
        enquiry_send_emails(enquiry=enquiry)
    except Exception:
        # The enquiry is stored and staff see it in the admin: the sender still gets the thank-you page.
        logger.exception("The emails of enquiry %s could not be sent", enquiry.pk)
    return enquiry


def enquiry_send_emails(*, enquiry: Enquiry) -> None:
    """The confirmation to the sender, in the sender's language; a notice to ENQUIRY_NOTIFY_EMAIL if set."""
    with translation.override(enquiry.language):
        context = {"enquiry": enquiry, "subject": enquiry.subject}
        send_mail(
            _("Your enquiry to the CCI Portal"),
            render_to_string("enquiries/confirmation_email.txt", context),
            None,
            [enquiry.email],
        )
    if settings.ENQUIRY_NOTIFY_EMAIL:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("New enquiry from %(name)s") % {"name": enquiry.name},
                render_to_string("enquiries/notice_email.txt", {"enquiry": enquiry, "subject": enquiry.subject}),
                None,
                [settings.ENQUIRY_NOTIFY_EMAIL],
            )


def enquiry_purge_expired(*, now=None) -> int:
    """Delete the enquiries older than ENQUIRY_RETENTION_DAYS (the privacy note's promise); returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ENQUIRY_RETENTION_DAYS)
    deleted, _by_model = Enquiry.objects.filter(created_at__lt=cutoff).delete()
    return deleted
