"""Import and export of news articles, in CSV and XLSX, with the registry's shared rules."""

from import_export import fields

from core.resources import IsoDateWidget, NaturalKeyListWidget, RegistryOptions, RegistryResource
from news.models import Article
from projects.models import FocusArea, Organization, Project


class ArticleResource(RegistryResource):
    """Articles, keyed by slug. Linked projects by public identifier, focus areas by code, organizations by slug."""

    published_on = fields.Field(attribute="published_on", column_name="published_on", widget=IsoDateWidget())
    source_published_on = fields.Field(
        attribute="source_published_on", column_name="source_published_on", widget=IsoDateWidget()
    )
    projects = fields.Field(
        attribute="projects",
        column_name="projects",
        widget=NaturalKeyListWidget(Project, "public_id", label="identifier"),
    )
    focus_areas = fields.Field(
        attribute="focus_areas", column_name="focus_areas", widget=NaturalKeyListWidget(FocusArea, "code", named=True)
    )
    organizations = fields.Field(
        attribute="organizations", column_name="organizations", widget=NaturalKeyListWidget(Organization, "slug")
    )

    class Meta(RegistryOptions):
        model = Article
        fields = (*Article.record_fields, "is_published")
        import_id_fields = ("slug",)

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("projects", "focus_areas", "organizations")
