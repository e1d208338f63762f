"""Annotation endpoints. Each view reads through a selector or writes through a service.

Annotation responses carry an ``ETag`` of ``"<id>-<version>"``; a change may send it back in
``If-Match`` instead of a ``version`` field. A stale version or tag gets 409 with the current
annotation under ``current``.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workbench.annotation import selectors, services
from workbench.annotation.adjudication import document_adjudication
from workbench.annotation.api.filters import AnnotationFilter, LinkFilter
from workbench.annotation.api.serializers import (
    AdjudicatedSerializer,
    AdjudicateSerializer,
    AdjudicationSerializer,
    AgreementQuerySerializer,
    AnnotationConflictSerializer,
    AnnotationCreateSerializer,
    AnnotationSerializer,
    AnnotationUpdateSerializer,
    CommentSerializer,
    DocumentAgreementSerializer,
    LabelTypeSerializer,
    LinkCreateSerializer,
    LinkSerializer,
    ReviewSerializer,
)
from workbench.annotation.models import Annotation, LabelType
from workbench.audit.api.serializers import AuditEntrySerializer
from workbench.common.actor import Actor
from workbench.common.errors import Invalid
from workbench.common.versioning import IF_MATCH, etag, if_match_version, requested_version
from workbench.corpus import selectors as corpus_selectors
from workbench.corpus.access import access_document, access_segment
from workbench.corpus.api.filters import SegmentFilter
from workbench.corpus.api.serializers import SegmentOverrideSerializer, SegmentSerializer
from workbench.corpus.models import Role
from workbench.language.direction import text_direction


def annotation_response(annotation: Annotation, code: int = status.HTTP_200_OK) -> Response:
    return Response(
        AnnotationSerializer(annotation).data, status=code, headers={"ETag": etag(annotation)}
    )


class LabelTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The label taxonomy shared by all projects; edited by superusers in the admin."""

    serializer_class = LabelTypeSerializer
    queryset = LabelType.objects.none()
    filterset_fields = ["is_active"]

    def get_queryset(self):
        return selectors.label_type_list()


@extend_schema_view(
    retrieve=extend_schema(description="One annotation (deleted ones too); sends an ETag."),
    destroy=extend_schema(
        parameters=[IF_MATCH],
        responses={204: None, 409: AnnotationConflictSerializer},
        description="Soft-delete: authors their own pending annotations, moderators any.",
    ),
)
class AnnotationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Span annotations of the documents in the user's projects."""

    serializer_class = AnnotationSerializer
    conflict_serializer_class = AnnotationSerializer
    filterset_class = AnnotationFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        include_deleted = "deleted" in self.request.query_params
        return selectors.annotation_list(user=self.request.user, include_deleted=include_deleted)

    def get_object(self) -> Annotation:
        return self.access()[0]

    def access(self) -> tuple[Annotation, Actor]:
        """The annotation of the URL and the requesting user's actor in its project."""
        return selectors.access_annotation(user=self.request.user, annotation_id=self.kwargs["pk"])

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return annotation_response(self.get_object())

    @extend_schema(request=AnnotationCreateSerializer, responses={201: AnnotationSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Create a pending annotation; offsets are code points into the document text."""
        serializer = AnnotationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        document, actor = access_document(request.user, data["document"])
        annotation = services.annotation_create(
            actor=actor,
            document=document,
            label_type_id=data["label_type"],
            start=data["start"],
            end=data["end"],
            quote=data["quote"],
            attributes=data.get("attributes"),
        )
        return annotation_response(annotation, status.HTTP_201_CREATED)

    @extend_schema(
        request=AnnotationUpdateSerializer,
        responses={200: AnnotationSerializer, 409: AnnotationConflictSerializer},
        parameters=[IF_MATCH],
    )
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        """Change an annotation; send ``version`` or ``If-Match``. Edited reviews go pending."""
        annotation, actor = self.access()
        serializer = AnnotationUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        annotation = services.annotation_update(
            actor=actor,
            annotation=annotation,
            version=requested_version(request, annotation, data.get("version")),
            label_type_id=data.get("label_type"),
            start=data.get("start"),
            end=data.get("end"),
            quote=data.get("quote"),
            attributes=data.get("attributes"),
        )
        return annotation_response(annotation)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        annotation, actor = self.access()
        services.annotation_delete(
            actor=actor,
            annotation=annotation,
            version=if_match_version(request, annotation),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=ReviewSerializer,
        responses={200: AnnotationSerializer, 409: AnnotationConflictSerializer},
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def review(self, request: Request, pk: str) -> Response:
        """Accept or reject (reviewers and moderators); a rejection needs a ``reason``."""
        annotation, actor = self.access()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        annotation = services.annotation_review(
            actor=actor,
            annotation=annotation,
            decision=data["decision"],
            reason=data["reason"],
            version=requested_version(request, annotation, data.get("version")),
        )
        return annotation_response(annotation)

    @extend_schema(request=None, responses=AnnotationSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def restore(self, request: Request, pk: str) -> Response:
        """Undo a soft delete: moderators any, authors their own deletes of their own spans."""
        annotation, actor = self.access()
        annotation = services.annotation_restore(actor=actor, annotation=annotation)
        return annotation_response(annotation)

    @extend_schema(
        methods=["GET"], request=None, responses=CommentSerializer(many=True), filters=False
    )
    @extend_schema(methods=["POST"], request=CommentSerializer, responses={201: CommentSerializer})
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=CommentSerializer,
        filterset_class=None,
    )
    def comments(self, request: Request, pk: str) -> Response:
        """The annotation's comment thread; any project member may add to it."""
        annotation, actor = self.access()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.comment_list(annotation=annotation))
            return self.get_paginated_response(CommentSerializer(page, many=True).data)
        serializer = CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_create(
            actor=actor, annotation=annotation, body=serializer.validated_data["body"]
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=AuditEntrySerializer(many=True), filters=False)
    @action(
        detail=True,
        methods=["get"],
        serializer_class=AuditEntrySerializer,
        filterset_class=None,
    )
    def history(self, request: Request, pk: str) -> Response:
        """Audit entries: who created, edited, reviewed, deleted, restored, commented, linked."""
        annotation = self.get_object()
        page = self.paginate_queryset(selectors.history_list(annotation=annotation))
        return self.get_paginated_response(AuditEntrySerializer(page, many=True).data)


class LinkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Typed links between annotations of one document (claim → source, stance → claim...)."""

    serializer_class = LinkSerializer
    filterset_class = LinkFilter

    def get_queryset(self):
        return selectors.link_list(user=self.request.user)

    def get_object(self):
        return selectors.access_link(user=self.request.user, link_id=self.kwargs["pk"])[0]

    @extend_schema(request=LinkCreateSerializer, responses={201: LinkSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Link two annotations; the label types must fit the link type."""
        serializer = LinkCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        source, actor = selectors.access_annotation(user=request.user, annotation_id=data["source"])
        link = services.link_create(
            actor=actor,
            source=source,
            target=selectors.annotation_get_as(actor=actor, annotation_id=data["target"]),
            link_type=data["type"],
        )
        return Response(LinkSerializer(link).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        link, actor = selectors.access_link(user=request.user, link_id=kwargs["pk"])
        services.link_delete(actor=actor, link=link)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentAgreementView(APIView):
    """Agreement between annotators on a document's annotations, per label type.

    Every live span counts whatever its review status (pending, accepted, rejected), so the
    figures stay put as reviewers work; deleted spans are left out.

    Pairwise F1 on exact and on overlapping spans (mean and per pair), and Krippendorff's
    nominal alpha with each code point as a unit (1 if the annotator's spans cover it).
    """

    @extend_schema(
        parameters=[AgreementQuerySerializer],
        responses=DocumentAgreementSerializer,
        operation_id="documents_agreement_retrieve",
    )
    def get(self, request: Request, pk: int) -> Response:
        document, _actor = access_document(request.user, pk)
        query = AgreementQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        label_type_id = query.validated_data.get("label_type")
        if label_type_id is not None and not LabelType.objects.filter(pk=label_type_id).exists():
            raise Invalid(
                _("There is no label type %(id)s.") % {"id": label_type_id}, field="label_type"
            )
        results = selectors.document_agreement(document=document, label_type_id=label_type_id)
        body = {
            "document": document.pk,
            "results": [{"label_type": name, **value.as_dict()} for name, value in results.items()],
        }
        return Response(DocumentAgreementSerializer(body).data)


class SegmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Segments; reviewers set ``language_override`` with PATCH (an empty value clears it).

    It lives here rather than in the corpus API because the override is audited.
    """

    serializer_class = SegmentSerializer
    filterset_class = SegmentFilter
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        visible = corpus_selectors.segment_visible(user=self.request.user)
        return visible.order_by("document_id", "index")

    def get_object(self):
        segment, _actor = access_segment(self.request.user, self.kwargs["pk"])
        return segment

    @extend_schema(request=SegmentOverrideSerializer, responses=SegmentSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        segment, actor = access_segment(request.user, kwargs["pk"])
        serializer = SegmentOverrideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        segment = services.segment_language_set(
            actor=actor,
            segment=segment,
            language=serializer.validated_data["language_override"],
        )
        return Response(SegmentSerializer(segment).data)


def _agreement_rows(document, label_type_id=None) -> list[dict]:
    results = selectors.document_agreement(document=document, label_type_id=label_type_id)
    return [{"label_type": name, **value.as_dict()} for name, value in results.items()]


class DocumentAdjudicationView(APIView):
    """The adjudication view of a document (reviewers and moderators).

    Per segment, overlapping spans of one label type form a group listing each annotator's
    annotation (any review status, not deleted); ``agrees`` says whether all annotators marked
    it alike. Agreement per label type comes with it.
    """

    @extend_schema(responses=AdjudicationSerializer, operation_id="documents_adjudication")
    def get(self, request: Request, pk: int) -> Response:
        document, _actor = access_document(request.user, pk, role=Role.REVIEWER)
        view = document_adjudication(document=document)
        body = {
            "document": document.pk,
            "annotators": view["annotators"],
            "segments": [
                {
                    "segment": row["segment"].pk,
                    "index": row["segment"].index,
                    "start": row["segment"].start,
                    "end": row["segment"].end,
                    "text": row["text"],
                    "dir": text_direction(row["text"]),
                    "runs": row["segment"].runs,
                    "effective_language": row["segment"].language_override
                    or row["segment"].language,
                    "groups": [
                        {
                            "label_type": item["group"].label_type,
                            "label_type_name": item["group"].label_type_name,
                            "start": item["group"].start,
                            "end": item["group"].end,
                            "agrees": item["agrees"],
                            "annotations": item["group"].annotations,
                            "variants": item["group"].variants(),
                        }
                        for item in row["groups"]
                    ],
                }
                for row in view["segments"]
            ],
            "agreement": _agreement_rows(document),
        }
        return Response(AdjudicationSerializer(body).data)


class DocumentAdjudicateView(APIView):
    """Settle one group: accept the chosen span (or a merge of several), reject the others."""

    serializer_class = AnnotationSerializer

    @extend_schema(
        request=AdjudicateSerializer,
        responses={200: AdjudicatedSerializer, 409: AnnotationConflictSerializer},
        operation_id="documents_adjudicate",
    )
    def post(self, request: Request, pk: int) -> Response:
        """One transaction: a stale version anywhere in the group is a 409 and changes nothing."""
        document, actor = access_document(request.user, pk, role=Role.REVIEWER)
        serializer = AdjudicateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        changed = services.annotation_adjudicate(
            actor=actor,
            document=document,
            versions=data["versions"],
            choose=data["choose"],
            reason=data["reason"],
        )
        return Response(AdjudicatedSerializer({"results": changed}).data)
