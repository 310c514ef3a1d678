"""Every public page the accessibility (axe) and HTML validity (vnu) checks visit, on the demo data.

One list for both checks: a new public page is one more line in ``public_pages``.
"""

from io import StringIO

from django.core.management import call_command
from django.utils import translation

from news.models import Article
from projects.models import District, Organization, Project, Scheme, Zone

CHINESE_PREFIX = "/zh-hans"


def load_demo_registry() -> None:
    """The sourced demo records (manage.py load_demo), so each page shows real content."""
    call_command("load_demo", stdout=StringIO())


def public_pages() -> list[tuple[str, str]]:
    """(name, English path) of every public page, filled from the published demo records."""
    with translation.override("en"):
        project = Project.objects.published().filter(focus_area__isnull=False).order_by("public_id").first()
        scheme = Scheme.objects.filter(projects__is_published=True).order_by("code").first()
        zone = Zone.objects.published().filter(projects__isnull=False).order_by("slug").first()
        organization = Organization.objects.published().order_by("slug").first()
        district = District.objects.filter(projects__isnull=False).order_by("slug").first()
        article = Article.objects.published().order_by("slug").first()
        return [
            ("home", "/"),
            ("project list", "/projects/"),
            ("project list filtered", f"/projects/?focus_area={project.focus_area.code}&ordering=title"),
            ("project", project.get_absolute_url()),
            ("focus area", project.focus_area.get_absolute_url()),
            ("scheme", scheme.get_absolute_url()),
            ("zones", "/zones/"),
            ("zone", zone.get_absolute_url()),
            ("organizations", "/organizations/"),
            ("organization", organization.get_absolute_url()),
            ("districts", "/districts/"),
            ("district", district.get_absolute_url()),
            ("stats", "/stats/"),
            ("news", "/news/"),
            ("article", article.get_absolute_url()),
            ("search", "/search/?q=port"),
            ("about", "/about/"),
            ("data", "/data/"),
            ("contact", "/contact/"),
            ("404", "/no-such-page/"),
        ]


def in_both_languages(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each page in English, then in Chinese under /zh-hans/."""
    return [(f"{name} [en]", path) for name, path in pages] + [
        (f"{name} [zh-hans]", CHINESE_PREFIX + path) for name, path in pages
    ]
