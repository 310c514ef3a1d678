"""Root URLs: the public pages, the admin and the API."""

from django.contrib import admin
from django.urls import include, path

from cci_portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("projects/", include("projects.urls")),
    path("news/", include("news.urls")),
    path("admin/", admin.site.urls),
]
