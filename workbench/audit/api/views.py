"""The project activity feed: poll it with the last id seen to keep a view live."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workbench.audit import selectors
from workbench.audit.api.serializers import ActivityPageSerializer, ActivityQuerySerializer
from workbench.corpus.access import access_project


class ProjectActivityView(APIView):
    """Every change in a project since a given audit entry: poll it to stay live."""

    @extend_schema(
        parameters=[ActivityQuerySerializer],
        responses={200: ActivityPageSerializer, 304: None},
    )
    def get(self, request: Request, pk: int) -> Response:
        """Audit entries with ``id > after`` (default 0), oldest first, ``limit`` at a time.

        The response carries an ``ETag``; polling again with it in ``If-None-Match`` gets an
        empty 304 while nothing new has happened.
        """
        project, _actor = access_project(request.user, pk)
        query = ActivityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        after, limit = query.validated_data["after"], query.validated_data["limit"]
        page = list(selectors.activity_list(project_id=project.pk, after=after)[: limit + 1])
        results = page[:limit]
        last, more = (results[-1].pk if results else after), len(page) > limit
        tag = f'"activity-{project.pk}-{after}-{last}-{int(more)}"'
        if tag in request.headers.get("If-None-Match", ""):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        body = {"results": results, "last": last, "more": more}
        return Response(ActivityPageSerializer(body).data, headers={"ETag": tag})
