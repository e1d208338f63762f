"""Routes of the browser pages, under the namespace ``web``."""

from django.urls import path

from workbench.web import review_views, views

app_name = "web"

urlpatterns = [
    path("", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/upload/", views.document_upload, name="upload"),
    path("documents/<int:pk>/", views.workspace, name="document"),
    path("projects/<int:pk>/review/", review_views.review_queue, name="review-queue"),
    path("projects/<int:pk>/my-work/", review_views.my_work, name="my-work"),
    path("projects/<int:pk>/my-work/seen/", review_views.my_work_seen, name="my-work-seen"),
    path("projects/<int:pk>/next/", review_views.next_document, name="next-document"),
    path("documents/<int:pk>/adjudicate/", review_views.adjudication, name="adjudication"),
    path("documents/<int:pk>/assign/", review_views.document_assign, name="assign"),
    path("documents/<int:pk>/workload/", review_views.document_workload, name="workload"),
    path("assignments/<int:pk>/unassign/", review_views.assignment_unassign, name="unassign"),
    path("assignments/<int:pk>/finish/", review_views.assignment_finish, name="finish"),
]
