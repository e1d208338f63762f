"""Suggestion endpoints: each view resolves the actor once and calls a selector or service."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workbench.annotation.api.serializers import AnnotationSerializer
from workbench.corpus.access import access_document, access_project
from workbench.corpus.models import Role

from .. import selectors, services
from .serializers import (
    AcceptAboveSerializer,
    RecommenderSerializer,
    SkippedSerializer,
    SuggestionAcceptSerializer,
    SuggestionDecideSerializer,
    SuggestionListSerializer,
    SuggestionQuerySerializer,
    TrainingRunSerializer,
    suggestion_data,
)


class DocumentSuggestionsView(APIView):
    """The open suggestions of a document, computed now (project members)."""

    @extend_schema(parameters=[SuggestionQuerySerializer], responses=SuggestionListSerializer)
    def get(self, request: Request, pk: int) -> Response:
        query = SuggestionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        document, actor = access_document(request.user, pk)
        found = selectors.document_suggestions(
            actor=actor, document=document, min_score=query.validated_data["min_score"]
        )
        return Response({"document": document.pk, "results": [suggestion_data(s) for s in found]})


class SuggestionAcceptView(APIView):
    """Accept a suggestion: a pending annotation authored by you, with its links."""

    @extend_schema(request=SuggestionAcceptSerializer, responses={201: AnnotationSerializer})
    def post(self, request: Request, pk: int) -> Response:
        body = SuggestionAcceptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document, actor = access_document(request.user, pk)
        annotation = services.suggestion_accept(
            actor=actor,
            document=document,
            suggestion_id=body.validated_data["id"],
            quote=body.validated_data["quote"],
            attributes=body.validated_data.get("attributes"),
        )
        services.training_start_if_due(project_id=document.project_id)
        return Response(AnnotationSerializer(annotation).data, status=status.HTTP_201_CREATED)


class SuggestionRejectView(APIView):
    """Reject a suggestion: its span and label are not proposed again in this document."""

    @extend_schema(request=SuggestionDecideSerializer, responses={204: None})
    def post(self, request: Request, pk: int) -> Response:
        body = SuggestionDecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document, actor = access_document(request.user, pk)
        services.suggestion_reject(
            actor=actor,
            document=document,
            suggestion_id=body.validated_data["id"],
            quote=body.validated_data["quote"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class SuggestionAcceptAboveView(APIView):
    """Accept every open suggestion scored ``min_score`` or more; the ones missing a required
    attribute are left open and listed under ``skipped``."""

    @extend_schema(
        request=AcceptAboveSerializer,
        responses={
            200: inline_serializer(
                "AcceptedAbove",
                {
                    "accepted": AnnotationSerializer(many=True),
                    "skipped": SkippedSerializer(many=True),
                },
            ),
            201: OpenApiResponse(description="As 200, with at least one annotation made."),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        body = AcceptAboveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document, actor = access_document(request.user, pk)
        done = services.suggestions_accept_above(
            actor=actor, document=document, min_score=body.validated_data["min_score"]
        )
        services.training_start_if_due(project_id=document.project_id)
        return Response(
            {
                "accepted": AnnotationSerializer(done.accepted, many=True).data,
                "skipped": [
                    {"suggestion": suggestion_data(s), "reason": reason}
                    for s, reason in done.skipped
                ],
            },
            status=status.HTTP_201_CREATED if done.accepted else status.HTTP_200_OK,
        )


class ProjectRecommendersView(APIView):
    """The project's recommenders with their last training run (project members)."""

    @extend_schema(responses=RecommenderSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        project, actor = access_project(request.user, pk)
        rows = selectors.project_recommenders(actor=actor, project_id=project.pk)
        return Response(RecommenderSerializer(rows, many=True).data)


class ProjectTrainView(APIView):
    """Start a training run of every trainable recommender (moderators)."""

    @extend_schema(request=None, responses={202: TrainingRunSerializer(many=True)})
    def post(self, request: Request, pk: int) -> Response:
        project, actor = access_project(request.user, pk, role=Role.MODERATOR)
        runs = services.training_run_create(actor=actor, project=project)
        return Response(
            TrainingRunSerializer(runs, many=True).data, status=status.HTTP_202_ACCEPTED
        )
