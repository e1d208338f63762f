"""Export API routes: stable URLs that the web UI links to."""

from django.urls import path

from workbench.exchange.api.views import AnnotationExportView, TranslationExportView

urlpatterns = [
    path("export/annotations/", AnnotationExportView.as_view(), name="export-annotations"),
    path("export/translations/", TranslationExportView.as_view(), name="export-translations"),
]
