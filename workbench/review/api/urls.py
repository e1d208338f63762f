"""Review-loop API routes."""

from django.urls import path

from workbench.review.api import views

urlpatterns = [
    path("projects/<int:pk>/review-queue/", views.ReviewQueueView.as_view(), name="review-queue"),
    path(
        "projects/<int:pk>/assignments/",
        views.ProjectAssignmentsView.as_view(),
        name="project-assignments",
    ),
    path(
        "projects/<int:pk>/next-document/", views.NextDocumentView.as_view(), name="next-document"
    ),
    path("projects/<int:pk>/my-work/", views.MyWorkView.as_view(), name="my-work"),
    path("projects/<int:pk>/my-work/seen/", views.MyWorkSeenView.as_view(), name="my-work-seen"),
    path(
        "documents/<int:pk>/assignments/",
        views.DocumentAssignmentsView.as_view(),
        name="document-assignments",
    ),
    path("documents/<int:pk>/workload/", views.DocumentWorkloadView.as_view(), name="workload"),
    path("assignments/<int:pk>/", views.AssignmentView.as_view(), name="assignment"),
    path(
        "assignments/<int:pk>/finish/",
        views.AssignmentFinishView.as_view(),
        name="assignment-finish",
    ),
]
