"""Records of the site itself: the API keys that staff issue to partners, the enquiries, the bulk releases."""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_api_key(raw_key: str) -> str:
    """The SHA-256 hex digest under which a key is stored; the key itself is never kept.

    Keys are 40 random characters, so an unsalted fast hash is enough and lets the key be
    looked up by its digest.
    """
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    """Lookups of keys: by the raw key a request sends, never by a stored secret."""

    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_raw_key(self, raw_key: str):
        """The key (revoked or not) that ``raw_key`` is, or ``None``."""
        return self.filter(hashed_key=hash_api_key(raw_key)).first()


class ApiKey(models.Model):
    """A partner's key to the REST API: read access with a higher request rate, never writes."""

    name = models.CharField(_("name"), max_length=200, help_text=_("What the key is for, such as a nightly mirror."))
    # Null only for a key issued before keys named a registry organization whose name matched none.
    organization = models.ForeignKey(
        "projects.Organization",
        on_delete=models.PROTECT,
        null=True,
        related_name="api_keys",
        verbose_name=_("organization"),
        help_text=_("The partner holding the key, one of the registry's organizations."),
    )
    contact_email = models.EmailField(
        _("contact email"), help_text=_("Whom the bureau writes to about the key (a change, an expiry, misuse).")
    )
    prefix = models.CharField(
        _("prefix"), max_length=8, unique=True, editable=False, help_text=_("The key's first characters.")
    )
    hashed_key = models.CharField(_("hashed key"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="issued_api_keys",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_on = models.DateField(
        _("expires"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the key works (in Chongqing time); after it, the key answers 401. Empty: no expiry."
        ),
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.organization or '?'}: {self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        """Past its last day, in the bureau's time zone."""
        return self.expires_on is not None and timezone.localdate() > self.expires_on


class EnquiryStatus(models.TextChoices):
    """Where the bureau stands with an enquiry."""

    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Enquiry(models.Model):
    """A question sent to the bureau from the contact page or a record's page; staff-only, never public.

    The subject is one of three nullable foreign keys rather than a generic relation: the admin
    links and filters them, the database keeps them valid, and deleting a record keeps the enquiry.
    """

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    zone = models.ForeignKey(
        "projects.Zone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("zone")
    )
    subject_organization = models.ForeignKey(
        "projects.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the organization"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=EnquiryStatus, default=EnquiryStatus.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
        related_name="assigned_enquiries",
        verbose_name=_("assigned to"),
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(project__isnull=True, zone__isnull=True)
                    | models.Q(project__isnull=True, subject_organization__isnull=True)
                    | models.Q(zone__isnull=True, subject_organization__isnull=True)
                ),
                name="%(app_label)s_%(class)s_one_subject",
                violation_error_message=_("An enquiry is about one record at most."),
            )
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>, {self.created_at:%Y-%m-%d}" if self.created_at else self.name

    @property
    def subject(self):
        """The record the enquiry is about, or ``None`` for a general enquiry."""
        return self.project or self.zone or self.subject_organization


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created_at", "-id")


class Release(models.Model):
    """One release: the files written under ``<version>/`` of the ``releases`` storage.

    ``files`` lists each file as ``{"name", "format", "table", "bytes", "sha256"}``; ``counts``
    the rows of each table; ``licence`` the data licence's name and address when it was made.
    """

    version = models.CharField(_("version"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("created"))
    counts = models.JSONField(_("rows by table"), default=dict)
    files = models.JSONField(_("files"), default=list)
    licence_name = models.CharField(_("licence"), max_length=100)
    licence_url = models.URLField(_("licence address"), max_length=300)
    seconds = models.FloatField(_("time to publish (seconds)"))

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.version

    def get_absolute_url(self) -> str:
        return f"{reverse('release-list')}#release-{self.version}"

    def file(self, name: str) -> dict | None:
        return next((file for file in self.files if file["name"] == name), None)

    @property
    def total_bytes(self) -> int:
        return sum(file["bytes"] for file in self.files)
