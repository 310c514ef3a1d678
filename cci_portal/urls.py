"""Root URLs: the public pages in two languages (English unprefixed, Chinese under /zh-hans/),
the admin and the API."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from cci_portal import search, views
from cci_portal.releases import views as releases
from cci_portal.sitemaps import SITEMAPS

urlpatterns = [
    path("api/v1/", include("cci_portal.api.urls")),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # A release's files are the same in every language: their addresses carry none.
    path("data/releases/latest/<str:name>", releases.latest_release_file, name="release-latest-file"),
    path("data/releases/<slug:version>/<str:name>", releases.release_file, name="release-file"),
]

urlpatterns += i18n_patterns(
    # The admin too, so bureau staff can work in Chinese at /zh-hans/admin/.
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
    path("search/", search.search_view, name="search"),
    path("stats/", views.stats, name="stats"),
    path("about/", views.about, name="about"),
    path("data/", views.data, name="data"),
    path("data/releases/", releases.release_list, name="release-list"),
    path("contact/", include("cci_portal.enquiries.urls")),
    path("", include("projects.urls")),
    path("news/", include("news.urls")),
    prefix_default_language=False,
)

handler403 = "cci_portal.views.permission_denied"
handler404 = "cci_portal.views.page_not_found"
handler500 = "cci_portal.views.server_error"
