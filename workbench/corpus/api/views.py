"""Corpus endpoints. Each view checks access and calls a service or selector; no logic here."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from workbench.common.actor import Actor
from workbench.common.fields import path_id
from workbench.corpus import selectors, services
from workbench.corpus.access import access_document, access_project
from workbench.corpus.api.filters import DocumentFilter, SegmentFilter
from workbench.corpus.api.serializers import (
    DocumentDetailSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    ImportResultSerializer,
    MembershipSerializer,
    ProjectSerializer,
    SegmentSerializer,
)
from workbench.corpus.models import Role


class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Projects the user belongs to. Anyone may create one and becomes its moderator."""

    serializer_class = ProjectSerializer

    def get_queryset(self):
        return selectors.project_list(user=self.request.user)

    def perform_create(self, serializer: ProjectSerializer) -> None:
        serializer.instance = services.project_create(
            actor=Actor.person(self.request.user), name=serializer.validated_data["name"]
        )

    @extend_schema(request=MembershipSerializer, responses=MembershipSerializer(many=True))
    @action(detail=True, methods=["get", "post"], serializer_class=MembershipSerializer)
    def members(self, request: Request, pk: str) -> Response:
        """List members; moderators add a member or change a role with ``{username, role}``."""
        if request.method == "GET":
            project, _actor = access_project(request.user, pk)
            page = self.paginate_queryset(selectors.member_list(project=project))
            return self.get_paginated_response(MembershipSerializer(page, many=True).data)
        project, actor = access_project(request.user, pk, role=Role.MODERATOR)
        serializer = MembershipSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.project_member_set(
            actor=actor,
            project=project,
            username=serializer.validated_data["user"]["username"],
            role=serializer.validated_data["role"],
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<user_id>[0-9]+)")
    def remove_member(self, request: Request, pk: str, user_id: str) -> Response:
        """Moderators remove a member; the last moderator cannot be removed."""
        project, actor = access_project(request.user, pk, role=Role.MODERATOR)
        services.project_member_remove(actor=actor, project=project, user_id=path_id(user_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: ImportResultSerializer, 200: ImportResultSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=DocumentUploadSerializer,
    )
    def documents(self, request: Request, pk: str) -> Response:
        """Upload a UTF-8 ``.txt`` or ``.md`` file as a document of this project."""
        project, actor = access_project(request.user, pk)
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        result = services.document_import(
            actor=actor, project=project, name=upload.name, data=upload
        )
        body = ImportResultSerializer(
            {"status": result.status, "changes": result.changes, "document": result.document}
        ).data
        created = result.status != services.ImportStatus.UNCHANGED
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Documents of the user's projects; the detail includes the full text."""

    filterset_class = DocumentFilter

    def get_queryset(self):
        return selectors.document_list(user=self.request.user)

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    def get_object(self):
        document, _actor = access_document(self.request.user, self.kwargs["pk"])
        return document

    @extend_schema(responses=SegmentSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=SegmentSerializer, filterset_class=None)
    def segments(self, request: Request, pk: str) -> Response:
        """The document's segments in order, optionally filtered by ``language`` or ``kind``."""
        document, _actor = access_document(request.user, pk)
        queryset = SegmentFilter(
            request.query_params, selectors.segment_list(document=document), request=request
        ).qs
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(SegmentSerializer(page, many=True).data)
