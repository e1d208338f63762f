"""Audit API routes (included under /api/v1/)."""

from django.urls import path

from workbench.audit.api.views import ProjectActivityView

urlpatterns = [
    path("projects/<int:pk>/activity/", ProjectActivityView.as_view(), name="project-activity"),
]
