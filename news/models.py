"""News articles: the story behind the registry's projects, written in the portal's own words."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.localization import BilingualText
from core.models import ChineseSearchModel, PublishableModel, WebAddressField
from core.querysets import PublishableQuerySet
from projects.models import FocusArea, Organization, Project


class ArticleCategory(models.TextChoices):
    LOCAL = "local", _("Local")
    BUSINESS = "business", _("Business")
    EVENTS = "events", _("Events")
    POLICY = "policy", _("Policy")


class Article(ChineseSearchModel, PublishableModel):
    """A news article; its body is Markdown, rendered and sanitised when shown."""

    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True, default="", db_default="")
    body_en = models.TextField(_("body (English, Markdown)"), blank=True)
    body_zh = models.TextField(_("body (Chinese, Markdown)"), blank=True, default="", db_default="")
    published_on = models.DateField(_("published on"))
    category = models.CharField(_("category"), max_length=20, choices=ArticleCategory.choices)
    source_name_en = models.CharField(_("source (English)"), max_length=200, blank=True)
    source_name_zh = models.CharField(_("source (Chinese)"), max_length=200, blank=True, default="", db_default="")
    source_url = WebAddressField(_("source URL"), max_length=500, blank=True)
    source_published_on = models.DateField(
        _("source published on"), null=True, blank=True, help_text=_("Blank when the source states no date.")
    )

    projects = models.ManyToManyField(Project, blank=True, related_name="articles", verbose_name=_("projects"))
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="articles", verbose_name=_("focus areas"))
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="articles", verbose_name=_("organizations")
    )

    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title_en", weight="A", config="english")
            + SearchVector("summary_en", weight="B", config="english")
            + SearchVector("body_en", weight="C", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    # The fields an article is exchanged with, in order (the API, the import and export).
    record_fields = (
        "slug",
        "title_en",
        "title_zh",
        "summary_en",
        "summary_zh",
        "body_en",
        "body_zh",
        "published_on",
        "category",
        "source_name_en",
        "source_name_zh",
        "source_url",
        "source_published_on",
        "projects",
        "focus_areas",
        "organizations",
    )
    search_names = ("title_en", "title_zh")
    chinese_search_fields = {"A": ("title_zh",), "B": ("summary_zh",), "C": ("body_zh",)}
    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector", "search_vector_zh"])

    class Meta:
        ordering = ["-published_on", "-id"]
        get_latest_by = "published_on"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and unpublish articles"))]
        indexes = [
            GinIndex(fields=["search_vector"], name="news_article_search_gin"),
            GinIndex(fields=["search_vector_zh"], name="news_article_search_zh_gin"),
            GinIndex(OpClass(Upper("title_en"), name="gin_trgm_ops"), name="news_article_title_en_trgm"),
            GinIndex(OpClass(Upper("title_zh"), name="gin_trgm_ops"), name="news_article_title_zh_trgm"),
            # The news list's order and its category counts, over published articles only.
            models.Index(
                F("published_on").desc(), F("id").desc(), condition=Q(is_published=True), name="news_pub_newest"
            ),
            models.Index(
                fields=["category"], include=["id"], condition=Q(is_published=True), name="news_pub_category"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=ArticleCategory.values), name="%(app_label)s_%(class)s_category_valid"
            ),
        ]

    def __str__(self):
        return self.title

    title = BilingualText()
    summary = BilingualText()
    body = BilingualText()
    source_name = BilingualText()

    def get_absolute_url(self):
        return reverse("news:article-detail", args=[self.slug])
