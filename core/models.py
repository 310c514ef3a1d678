"""Abstract bases of the apps' models (bilingual names, publishing) and their shared field types,
and the one table of its own: the revisions that wait for a publisher's review (:mod:`core.review`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from core.chinese import index_words
from core.localization import BilingualText
from core.search import glossary
from core.validators import WebAddressValidator


class WebAddressField(models.URLField):
    """The address of a web page: ``http`` or ``https`` only (:class:`core.validators.WebAddressValidator`)."""

    default_validators = [WebAddressValidator()]


class BilingualNameModel(models.Model):
    """A record named in English and Chinese, shown in the visitor's language."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    name = BilingualText()

    def __str__(self):
        # In the reader's language: the admin's columns, filters and autocompletes show Chinese names in Chinese.
        return self.name


class PublishableModel(models.Model):
    """A record that staff draft first and publish when it is ready."""

    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


def chinese_search_vector(texts_by_weight: dict[str, list[str]]) -> SearchVector:
    """The ``simple`` text-search vector of Chinese texts segmented into words (:func:`core.chinese.index_words`),
    each weight's texts under its letter: what PostgreSQL's parsers cannot do for Chinese.

    The glossary's Chinese terms are words of the segmenter (:func:`core.search.glossary`): loaded
    first, so a record is cut as a query is, whichever a process does first."""
    glossary()
    parts = [
        SearchVector(Value(index_words(*texts)), weight=weight, config="simple")
        for weight, texts in sorted(texts_by_weight.items())
    ]
    vector = parts[0]
    for part in parts[1:]:
        vector += part
    return vector


class ChineseSearchModel(models.Model):
    """A record found by Chinese words: ``search_vector_zh``, beside the English ``search_vector``.

    PostgreSQL has no Chinese parser, so the words are cut in Python when the record is saved.
    ``chinese_search_fields`` maps a weight to the fields it indexes; :meth:`chinese_search_texts`
    may add the names of related records. Writes that skip ``save()`` fill the column themselves
    (the synthetic registry, ``benchmarks/synthetic/copying.py``).
    """

    search_vector_zh = SearchVectorField(null=True, editable=False)

    chinese_search_fields: dict[str, tuple[str, ...]] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field, value in self.chinese_index_values().items():
            setattr(self, field, value)
        super().save(*args, **kwargs)
        # The column holds what the expression computed; it is read back only when asked for.
        self.__dict__.pop("search_vector_zh", None)

    def chinese_search_texts(self) -> dict[str, list[str]]:
        return {
            weight: [getattr(self, field) for field in fields] for weight, fields in self.chinese_search_fields.items()
        }

    @classmethod
    def chinese_index_queryset(cls):
        """Every record, with what :meth:`chinese_search_texts` reads (``manage.py index_chinese``)."""
        return cls._base_manager.order_by("pk")

    def chinese_index_values(self) -> dict:
        """The columns the Chinese search and sorting read, as ``save()`` writes them."""
        return {"search_vector_zh": chinese_search_vector(self.chinese_search_texts())}

    def refresh_chinese_search(self) -> None:
        """Index the record's Chinese words again, without saving it (no history row, no new ``updated_at``):
        after a change ``save()`` does not see (a many-to-many link), a new dictionary, or an upgrade."""
        type(self)._base_manager.filter(pk=self.pk).update(**self.chinese_index_values())


class Revision(models.Model):
    """What staff without the publish permission propose for a publishable record, until a publisher
    decides: a change to a published record (its fields' new values, and its parts' new rows), or a
    draft marked ready to be published. The record itself is untouched until the approval."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("change to a published record")
        READY = "ready", _("draft ready for review")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("proposal"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # {attname: value} of the record's changed fields (a list of keys for a many-to-many field), and
    # {"app.model": {"fk": name, "rows": [{"pk": ..., attname: value}]}} for its parts: every row after the change.
    fields = models.JSONField(_("proposed values"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    related = models.JSONField(_("proposed parts"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField(_("note for the reviewer"), blank=True, max_length=1000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_revisions",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_revisions",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason for the rejection"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("revision for review")
        verbose_name_plural = _("revisions for review")
        ordering = ["proposed_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"], name="core_revision_record"),
            models.Index(fields=["status", "proposed_at"], name="core_revision_queue"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
