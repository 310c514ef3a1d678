"""sitemap.xml: every public page in both languages, published records only."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from news.models import Article
from projects.models import District, FocusArea, Organization, Project, Scheme, Zone


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(BilingualSitemap):
    def items(self):
        return [
            "home",
            "projects:project-list",
            "projects:zone-list",
            "projects:organization-list",
            "projects:district-list",
            "stats",
            "news:article-list",
            "about",
            "data",
            "contact",
        ]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(BilingualSitemap):
    def items(self):
        return Project.objects.published().order_by("public_id")

    def lastmod(self, project):
        return project.updated_at


class ArticleSitemap(BilingualSitemap):
    def items(self):
        return Article.objects.published().order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class RecordSitemap(BilingualSitemap):
    """Pages of focus areas, schemes, zones, organizations and districts."""

    def items(self):
        return [
            *FocusArea.objects.published(),
            *Scheme.objects.published(),
            *Zone.objects.published(),
            *Organization.objects.published(),
            *District.objects.published(),
        ]


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "projects": ProjectSitemap,
    "news": ArticleSitemap,
    "records": RecordSitemap,
}
