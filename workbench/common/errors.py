"""Domain errors raised by services and their translation into HTTP responses.

Services raise Django's ``ValidationError``, ``PermissionDenied`` and ``Http404`` or the
errors below; the API's exception handler maps each to one status code with a precise message.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class WorkbenchError(Exception):
    """Base of the domain errors that carry their own HTTP status."""

    status_code = status.HTTP_400_BAD_REQUEST
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def payload(self) -> dict[str, Any]:
        """The JSON body for this error."""
        if self.field:
            return {self.field: [self.message], "code": self.code}
        return {"detail": self.message, "code": self.code}


class PayloadTooLarge(WorkbenchError):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    code = "too_large"


class Conflict(WorkbenchError):
    """The request conflicts with the current state, e.g. a stale ``version``.

    ``instance`` is the current object; the handler adds it as ``current`` using the view's
    serializer so the client can merge and retry.
    """

    status_code = status.HTTP_409_CONFLICT
    code = "conflict"

    def __init__(self, message: str, *, instance: Model | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.instance = instance


def check_version(instance: Model, version: int | None) -> None:
    """Raise ``Conflict`` unless ``version`` matches ``instance.version``."""
    if version is None:
        raise WorkbenchError("This field is required.", field="version")
    if int(version) != instance.version:
        raise Conflict(
            f"Version {version} is stale; the current version is {instance.version}.",
            instance=instance,
        )


def _validation_payload(exc: DjangoValidationError) -> Any:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in errors] for field, errors in exc.message_dict.items()}
    return {"detail": " ".join(str(m) for m in exc.messages)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler that also understands the domain errors."""
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, WorkbenchError):
        body = exc.payload()
        view = context.get("view")
        if isinstance(exc, Conflict) and exc.instance is not None and view is not None:
            serializer_class = getattr(view, "conflict_serializer_class", None) or getattr(
                view, "serializer_class", None
            )
            if serializer_class is not None:
                body["current"] = serializer_class(
                    exc.instance, context={"request": context.get("request")}
                ).data
        return Response(body, status=exc.status_code)
    return drf_exception_handler(exc, context)
