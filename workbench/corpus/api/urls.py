"""Corpus API routes (segments are routed by the annotation API, which audits overrides)."""

from rest_framework.routers import SimpleRouter

from workbench.corpus.api.views import DocumentViewSet, ProjectViewSet

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("documents", DocumentViewSet, basename="document")

urlpatterns = router.urls
