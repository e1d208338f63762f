"""Annotation API routes."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from workbench.annotation.api.views import (
    AnnotationViewSet,
    DocumentAdjudicateView,
    DocumentAdjudicationView,
    DocumentAgreementView,
    LabelTypeViewSet,
    LinkViewSet,
    SegmentViewSet,
)

router = SimpleRouter()
router.register("label-types", LabelTypeViewSet, basename="label-type")
router.register("annotations", AnnotationViewSet, basename="annotation")
router.register("links", LinkViewSet, basename="link")
router.register("segments", SegmentViewSet, basename="segment")

urlpatterns = [
    path(
        "documents/<int:pk>/agreement/",
        DocumentAgreementView.as_view(),
        name="document-agreement",
    ),
    path(
        "documents/<int:pk>/adjudication/",
        DocumentAdjudicationView.as_view(),
        name="document-adjudication",
    ),
    path(
        "documents/<int:pk>/adjudicate/",
        DocumentAdjudicateView.as_view(),
        name="document-adjudicate",
    ),
    *router.urls,
]
