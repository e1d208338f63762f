"""Translation API routes (included under /api/v1/)."""

from django.urls import path

from workbench.translation.api import views

urlpatterns = [
    path(
        "documents/<int:pk>/translations/",
        views.DocumentTranslationsView.as_view(),
        name="document-translations",
    ),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="translation-job"),
    path("jobs/<int:pk>/resume/", views.JobResumeView.as_view(), name="translation-job-resume"),
    path(
        "segments/<int:pk>/translations/",
        views.SegmentTranslationsView.as_view(),
        name="segment-translations",
    ),
    path(
        "segments/<int:pk>/translation-memory/",
        views.SegmentMemoryView.as_view(),
        name="segment-translation-memory",
    ),
    path("translations/<int:pk>/", views.TranslationView.as_view(), name="translation-detail"),
    path(
        "translations/<int:pk>/approve/",
        views.TranslationReviewView.as_view(decision="approve"),
        name="translation-approve",
    ),
    path(
        "translations/<int:pk>/reject/",
        views.TranslationReviewView.as_view(decision="reject"),
        name="translation-reject",
    ),
    path("translation-models/", views.TranslationModelsView.as_view(), name="translation-models"),
]
