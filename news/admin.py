"""News articles in the Django admin: drafted, published, imported and exported like the registry."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PublishableAdmin, RegistryImportExportMixin
from core.admin_bilingual import BilingualAdminMixin
from news.models import Article
from news.resources import ArticleResource


@admin.register(Article)
class ArticleAdmin(BilingualAdminMixin, RegistryImportExportMixin, PublishableAdmin):
    """News articles; the body is Markdown."""

    resource_classes = [ArticleResource]
    list_display = ["title_en", "title_zh", "slug", "category", "published_on", "is_published", "updated_at"]
    list_filter = ["is_published", "category", "focus_areas"]
    search_fields = ["title_en", "title_zh", "slug", "summary_en", "summary_zh"]
    date_hierarchy = "published_on"
    ordering = ["-published_on", "-id"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["projects", "focus_areas", "organizations"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        # Each bilingual field's English and Chinese side by side, on one row.
        (None, {"fields": [("title_en", "title_zh"), "slug", ("summary_en", "summary_zh"), ("body_en", "body_zh")]}),
        (_("Date and category"), {"fields": ["published_on", "category"]}),
        (_("Source"), {"fields": [("source_name_en", "source_name_zh"), "source_url", "source_published_on"]}),
        (_("Links"), {"fields": ["projects", "focus_areas", "organizations"]}),
        (_("Publishing"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]
