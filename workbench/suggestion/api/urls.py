"""Suggestion API routes."""

from django.urls import path

from .views import (
    DocumentSuggestionsView,
    ProjectRecommendersView,
    ProjectTrainView,
    SuggestionAcceptAboveView,
    SuggestionAcceptView,
    SuggestionRejectView,
)

urlpatterns = [
    path(
        "documents/<int:pk>/suggestions/",
        DocumentSuggestionsView.as_view(),
        name="document-suggestions",
    ),
    path(
        "documents/<int:pk>/suggestions/accept/",
        SuggestionAcceptView.as_view(),
        name="suggestion-accept",
    ),
    path(
        "documents/<int:pk>/suggestions/reject/",
        SuggestionRejectView.as_view(),
        name="suggestion-reject",
    ),
    path(
        "documents/<int:pk>/suggestions/accept-above/",
        SuggestionAcceptAboveView.as_view(),
        name="suggestion-accept-above",
    ),
    path(
        "projects/<int:pk>/recommenders/",
        ProjectRecommendersView.as_view(),
        name="project-recommenders",
    ),
    path(
        "projects/<int:pk>/recommenders/train/",
        ProjectTrainView.as_view(),
        name="project-recommenders-train",
    ),
]
