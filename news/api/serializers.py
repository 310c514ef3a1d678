"""Articles in the API, with explicit fields; related records named by their public keys."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import PublicUrlField, RecordApiUrlField
from core.api.serializers import PublishableSerializerMixin, RegistryModelSerializer, api_fields
from news.models import Article
from projects.models import FocusArea, Organization, Project


class ArticleSerializer(PublishableSerializerMixin, RegistryModelSerializer):
    """A news article; ``body`` is Markdown."""

    url = RecordApiUrlField(view_name="api:article-detail", lookup_field="slug")
    public_url = PublicUrlField()
    projects = serializers.SlugRelatedField(
        slug_field="public_id",
        queryset=Project.objects.all(),
        many=True,
        required=False,
        help_text=_("Identifiers of the projects the article is about."),
    )
    focus_areas = serializers.SlugRelatedField(
        slug_field="code", queryset=FocusArea.objects.all(), many=True, required=False
    )
    organizations = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), many=True, required=False
    )

    class Meta:
        model = Article
        fields = api_fields(Article)
        read_only_fields = ["created_at", "updated_at"]
