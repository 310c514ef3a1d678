"""The registry's API routes, mounted under /api/v1/ by cci_portal.api.urls."""

from rest_framework.routers import SimpleRouter

from projects.api import views

router = SimpleRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("focus-areas", views.FocusAreaViewSet, basename="focusarea")
router.register("schemes", views.SchemeViewSet, basename="scheme")
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("districts", views.DistrictViewSet, basename="district")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("reported-figures", views.ReportedFigureViewSet, basename="reportedfigure")

urlpatterns = router.urls
