"""Translation endpoints: each view checks access, then calls one service or selector."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workbench.common.actor import Actor
from workbench.common.versioning import IF_MATCH, etag, requested_version
from workbench.corpus.access import access_document, access_object, access_segment
from workbench.corpus.models import Role
from workbench.translation import selectors, services
from workbench.translation.api.serializers import (
    DocumentTranslationQuerySerializer,
    JobCreateSerializer,
    JobSerializer,
    MemoryMatchSerializer,
    MemoryQuerySerializer,
    PairSerializer,
    TranslationCreateSerializer,
    TranslationEditSerializer,
    TranslationReviewSerializer,
    TranslationSerializer,
)
from workbench.translation.models import Translation, TranslationJob


def _translation(
    request: Request, pk: int, role: str = Role.ANNOTATOR
) -> tuple[Translation, Actor]:
    queryset = Translation.objects.select_related("segment__document")
    return access_object(
        request.user, queryset, pk, project="segment.document.project_id", role=role
    )


def _job(request: Request, pk: int) -> tuple[TranslationJob, Actor]:
    queryset = TranslationJob.objects.select_related("document")
    return access_object(request.user, queryset, pk, project="document.project_id")


class DocumentTranslationsView(APIView):
    """A document's translations in one call (GET), or a drafting job for it (POST → 202)."""

    serializer_class = JobSerializer

    @extend_schema(
        parameters=[DocumentTranslationQuerySerializer],
        responses=TranslationSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        """Every translation of the document, in segment order: ``?target=`` and ``?ids=1,2``."""
        document, _actor = access_document(request.user, pk)
        query = DocumentTranslationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        translations = selectors.document_translation_list(
            document=document,
            target=query.validated_data["target"],
            ids=query.validated_data.get("ids"),
        )
        return Response(TranslationSerializer(translations, many=True).data)

    @extend_schema(request=JobCreateSerializer, responses={202: JobSerializer})
    def post(self, request: Request, pk: int) -> Response:
        document, actor = access_document(request.user, pk)
        serializer = JobCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        job = services.translation_job_create(
            actor=actor,
            document=document,
            target=data["target"],
            source=data.get("source", ""),
            segment_ids=data.get("segments"),
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class JobView(generics.RetrieveAPIView):
    """A drafting job's progress."""

    serializer_class = JobSerializer

    def get_object(self) -> TranslationJob:
        job, _actor = _job(self.request, self.kwargs["pk"])
        return job


class JobResumeView(APIView):
    """Resume a failed or stalled job after its last committed batch."""

    serializer_class = JobSerializer

    @extend_schema(request=None, responses={202: JobSerializer})
    def post(self, request: Request, pk: int) -> Response:
        job, actor = _job(request, pk)
        job = services.translation_job_resume(actor=actor, job=job)
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class SegmentTranslationsView(generics.ListAPIView):
    """A segment's translations, one per target language; POST writes one by hand."""

    serializer_class = TranslationSerializer
    queryset = Translation.objects.none()

    def get_queryset(self):
        segment, _actor = access_segment(self.request.user, self.kwargs["pk"])
        return selectors.translation_list(segment=segment)

    @extend_schema(request=TranslationCreateSerializer, responses={201: TranslationSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Write a translation (origin ``human``); 409 with ``current`` when one exists."""
        segment, actor = access_segment(request.user, pk)
        serializer = TranslationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        translation = services.translation_create(
            actor=actor,
            segment=segment,
            target=serializer.validated_data["target"],
            text=serializer.validated_data["text"],
        )
        return Response(
            TranslationSerializer(translation).data,
            status=status.HTTP_201_CREATED,
            headers={"ETag": etag(translation)},
        )


class SegmentMemoryView(APIView):
    """Fuzzy translation-memory matches for a segment, with their rapidfuzz scores."""

    @extend_schema(parameters=[MemoryQuerySerializer], responses=MemoryMatchSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        segment, _actor = access_segment(request.user, pk)
        query = MemoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        matches = selectors.memory_suggestions(segment=segment, **query.validated_data)
        return Response(MemoryMatchSerializer(matches, many=True).data)


class TranslationView(APIView):
    """Read a translation, or edit its text with ``{text, version}`` (stale version → 409)."""

    serializer_class = TranslationSerializer

    @extend_schema(responses=TranslationSerializer)
    def get(self, request: Request, pk: int) -> Response:
        translation, _actor = _translation(request, pk)
        return Response(
            TranslationSerializer(translation).data, headers={"ETag": etag(translation)}
        )

    @extend_schema(
        request=TranslationEditSerializer, responses=TranslationSerializer, parameters=[IF_MATCH]
    )
    def patch(self, request: Request, pk: int) -> Response:
        translation, actor = _translation(request, pk)
        serializer = TranslationEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        translation = services.translation_edit(
            actor=actor,
            translation=translation,
            text=serializer.validated_data["text"],
            version=requested_version(
                request, translation, serializer.validated_data.get("version")
            ),
        )
        return Response(
            TranslationSerializer(translation).data, headers={"ETag": etag(translation)}
        )


class TranslationReviewView(APIView):
    """Approve or reject a translation (reviewers and moderators; optional ``version``)."""

    serializer_class = TranslationSerializer
    decision = ""

    @extend_schema(request=TranslationReviewSerializer, responses=TranslationSerializer)
    def post(self, request: Request, pk: int) -> Response:
        translation, actor = _translation(request, pk, role=Role.REVIEWER)
        serializer = TranslationReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = (
            services.translation_approve
            if self.decision == "approve"
            else services.translation_reject
        )
        translation = service(
            actor=actor,
            translation=translation,
            version=requested_version(
                request, translation, serializer.validated_data.get("version")
            ),
        )
        return Response(
            TranslationSerializer(translation).data, headers={"ETag": etag(translation)}
        )


class TranslationModelsView(APIView):
    """Installed language pairs with their engines and package versions."""

    @extend_schema(responses=PairSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(PairSerializer(selectors.installed_pairs(), many=True).data)
