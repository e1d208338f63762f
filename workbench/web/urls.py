"""Routes of the browser pages, under the namespace ``web``."""

from django.urls import path

from workbench.web import views

app_name = "web"

urlpatterns = [
    path("", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/upload/", views.document_upload, name="upload"),
    path("documents/<int:pk>/", views.workspace, name="document"),
]
