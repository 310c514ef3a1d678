from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="project-list"),
    path("projects/<str:public_id>/", views.project_detail, name="project-detail"),
    path("focus-areas/<slug:code>/", views.focus_area_detail, name="focus-area-detail"),
    path("schemes/<slug:code>/", views.scheme_detail, name="scheme-detail"),
    path("zones/<slug:slug>/", views.zone_detail, name="zone-detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("districts/<slug:slug>/", views.district_detail, name="district-detail"),
]
