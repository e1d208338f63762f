"""Review-loop endpoints. Each view checks access, then reads a selector or calls a service."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workbench.annotation.selectors import comment_list
from workbench.common.actor import Actor
from workbench.common.versioning import etag, requested_version
from workbench.corpus.access import access_document, access_object, access_project
from workbench.corpus.models import Role
from workbench.review import selectors, services
from workbench.review.api.serializers import (
    AssignmentCreateSerializer,
    AssignmentSerializer,
    FinishSerializer,
    MyWorkQuerySerializer,
    MyWorkSerializer,
    NextDocumentSerializer,
    QueueItemSerializer,
    QueueQuerySerializer,
    WorkloadSerializer,
)
from workbench.review.models import Assignment


class ReviewQueueView(APIView):
    """The next pending annotation to review (reviewers and moderators), with its context."""

    @extend_schema(parameters=[QueueQuerySerializer], responses=QueueItemSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """The first pending annotation of the project not authored by you, in reading order.

        ``document`` and ``label_type`` narrow the queue; ``skip`` passes over annotations.
        Review it through ``POST /annotations/{id}/review/`` with its ``version``, then ask
        again. ``annotation`` is ``null`` when the queue is empty.
        """
        project, _actor = access_project(request.user, pk, role=Role.REVIEWER)
        query = QueueQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        queue = selectors.review_queue(
            user=request.user,
            project=project,
            document_id=data.get("document"),
            label_type_id=data.get("label_type"),
        )
        remaining = queue.count()
        annotation = queue.exclude(pk__in=data["skip"]).first()
        body = {
            "annotation": annotation,
            "document_title": annotation.document.title if annotation else None,
            "segments": [],
            "links": [],
            "comments": [],
            "remaining": remaining,
        }
        if annotation is not None:
            body.update(selectors.annotation_context(annotation=annotation))
            body["comments"] = comment_list(annotation=annotation)
        return Response(QueueItemSerializer(body).data)


class ProjectAssignmentsView(APIView):
    """Every assignment of a project and its state (any member may read them)."""

    @extend_schema(responses=AssignmentSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        project, _actor = access_project(request.user, pk)
        assignments = selectors.assignment_list(project=project)
        return Response(AssignmentSerializer(assignments, many=True).data)


class DocumentAssignmentsView(APIView):
    """Assign a document to a member of its project (moderators)."""

    @extend_schema(request=AssignmentCreateSerializer, responses={201: AssignmentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Assign the document to ``user``; a non-member or a second assignment gets 400."""
        document, actor = access_document(request.user, pk, role=Role.MODERATOR)
        serializer = AssignmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = services.assignment_create(
            actor=actor, document=document, user_id=serializer.validated_data["user"]
        )
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


class DocumentWorkloadView(APIView):
    """How many annotators a document needs (moderators set it)."""

    @extend_schema(request=WorkloadSerializer, responses=WorkloadSerializer)
    def put(self, request: Request, pk: int) -> Response:
        document, actor = access_document(request.user, pk, role=Role.MODERATOR)
        serializer = WorkloadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        workload = services.workload_set(
            actor=actor,
            document=document,
            annotators_needed=serializer.validated_data["annotators_needed"],
        )
        return Response(WorkloadSerializer(workload).data)


def _assignment(request: Request, pk: int) -> tuple[Assignment, Actor]:
    queryset = Assignment.objects.select_related("document", "user", "assigned_by")
    return access_object(request.user, queryset, pk, project="document.project_id")


class AssignmentView(APIView):
    """One assignment: read it (members) or take it back (moderators)."""

    @extend_schema(responses=AssignmentSerializer)
    def get(self, request: Request, pk: int) -> Response:
        assignment, _actor = _assignment(request, pk)
        return Response(AssignmentSerializer(assignment).data, headers={"ETag": etag(assignment)})

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        assignment, actor = _assignment(request, pk)
        services.assignment_delete(actor=actor, assignment=assignment)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AssignmentFinishView(APIView):
    """The assigned annotator marks the document finished."""

    serializer_class = AssignmentSerializer

    @extend_schema(request=FinishSerializer, responses=AssignmentSerializer)
    def post(self, request: Request, pk: int) -> Response:
        assignment, actor = _assignment(request, pk)
        serializer = FinishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = services.assignment_finish(
            actor=actor,
            assignment=assignment,
            version=requested_version(
                request, assignment, serializer.validated_data.get("version")
            ),
        )
        return Response(AssignmentSerializer(assignment).data, headers={"ETag": etag(assignment)})


class NextDocumentView(APIView):
    """Your next assigned, unfinished document (taking an open place when none is assigned)."""

    @extend_schema(request=None, responses=NextDocumentSerializer)
    def post(self, request: Request, pk: int) -> Response:
        project, actor = access_project(request.user, pk)
        assignment = services.next_document(actor=actor, project=project)
        return Response(NextDocumentSerializer({"assignment": assignment}).data)


class MyWorkView(APIView):
    """What others did to your annotations: rejected (with why), commented on, changed."""

    @extend_schema(parameters=[MyWorkQuerySerializer], responses=MyWorkSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """Since you last marked it seen (``all=true`` for everything), newest first."""
        project, _actor = access_project(request.user, pk)
        query = MyWorkQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        since = selectors.work_seen_at(user=request.user, project=project)
        items = selectors.my_work(
            user=request.user, project=project, since=None if query.validated_data["all"] else since
        )
        return Response(MyWorkSerializer({"since": since, "results": items}).data)


class MyWorkSeenView(APIView):
    """Mark your work in the project as seen up to now."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, pk: int) -> Response:
        project, actor = access_project(request.user, pk)
        services.work_mark_seen(actor=actor, project=project)
        return Response(status=status.HTTP_204_NO_CONTENT)
