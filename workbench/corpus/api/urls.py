"""Corpus API routes."""

from rest_framework.routers import SimpleRouter

from workbench.corpus.api.views import DocumentViewSet, ProjectViewSet, SegmentViewSet

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("documents", DocumentViewSet, basename="document")
router.register("segments", SegmentViewSet, basename="segment")

urlpatterns = router.urls
