"""Domain errors raised by services, and the one place that turns them into HTTP responses.

Services raise the kinds below (or Django's ``ValidationError``). None of them knows about
HTTP: ``exception_handler``, the API's exception handler, maps each kind to its status code.
``NotFound`` and ``Forbidden`` are also Django's ``Http404`` and ``PermissionDenied``, so the
admin and plain Django views answer 404 and 403 for them without any handler of their own.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

#: Seconds a client is asked to wait after the database was too busy to take a write.
LOCK_RETRY_AFTER = 5


class WorkbenchError(Exception):
    """Base of the domain errors: a message, and the request field it concerns if any."""

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


class Invalid(WorkbenchError):
    """The request is malformed or breaks a rule: bad input, an unknown label, an empty text."""


class NotFound(WorkbenchError, Http404):
    """The object does not exist, or the user may not know that it does."""

    code = "not_found"


class Forbidden(WorkbenchError, PermissionDenied):
    """The user may see the object but their role does not allow the action."""

    code = "forbidden"


class Conflict(WorkbenchError):
    """The request conflicts with the current state, e.g. a stale ``version``.

    ``instance`` is the current object; the handler adds it as ``current`` (serialized by the
    view's ``conflict_serializer_class`` or ``serializer_class`` when that serializes this
    kind of object) so the client can merge and retry.
    """

    code = "conflict"

    def __init__(self, message: str, *, instance: Model | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.instance = instance


class TooLarge(WorkbenchError):
    """The input is over a configured size limit."""

    code = "too_large"


class Unavailable(WorkbenchError):
    """A resource the request needs is failing or busy; trying again later may work.

    ``retry_after`` is the number of seconds worth waiting, when known.
    """

    code = "unavailable"

    def __init__(self, message: str, *, retry_after: int | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


#: The HTTP status of each kind of domain error, most specific first.
HTTP_STATUS: tuple[tuple[type[WorkbenchError], int], ...] = (
    (NotFound, status.HTTP_404_NOT_FOUND),
    (Forbidden, status.HTTP_403_FORBIDDEN),
    (Conflict, status.HTTP_409_CONFLICT),
    (TooLarge, status.HTTP_413_REQUEST_ENTITY_TOO_LARGE),
    (Unavailable, status.HTTP_503_SERVICE_UNAVAILABLE),
    (WorkbenchError, status.HTTP_400_BAD_REQUEST),
)


def check_version(instance: Model, version: int | None) -> None:
    """Raise ``Conflict`` unless ``version`` matches ``instance.version``."""
    if version is None:
        raise Invalid(_("This field is required."), field="version")
    if int(version) != instance.version:
        raise Conflict(
            _("Version %(version)s is stale; the current version is %(current)s.")
            % {"version": version, "current": instance.version},
            instance=instance,
        )


def is_database_locked(exc: BaseException) -> bool:
    """Whether ``exc`` is the database giving up on a lock another writer holds.

    SQLite says ``database is locked`` (or ``database table is locked``) once its busy timeout
    runs out; PostgreSQL reports ``lock_not_available`` (SQLSTATE 55P03) after ``lock_timeout``.
    """
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    return "is locked" in str(exc) or getattr(cause, "sqlstate", None) == "55P03"


def database_locked_error() -> Unavailable:
    """The domain error for a write that timed out waiting for the database lock."""
    return Unavailable(
        _("The database is busy with another write; try again in a few seconds."),
        retry_after=LOCK_RETRY_AFTER,
    )


def _validation_payload(exc: DjangoValidationError) -> Any:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in errors] for field, errors in exc.message_dict.items()}
    return {"detail": " ".join(str(m) for m in exc.messages)}


def _current(exc: Conflict, context: dict[str, Any]) -> Any:
    """The conflicting object serialized by the view, or None when the view cannot."""
    view = context.get("view")
    serializer_class = getattr(view, "conflict_serializer_class", None) or getattr(
        view, "serializer_class", None
    )
    model = getattr(getattr(serializer_class, "Meta", None), "model", None)
    if model is None or not isinstance(exc.instance, model):
        return None
    return serializer_class(exc.instance, context={"request": context.get("request")}).data


def error_response(exc: WorkbenchError, context: dict[str, Any]) -> Response:
    """The HTTP response for a domain error: its status, its body and any headers."""
    body = exc.payload()
    code = next(code for kind, code in HTTP_STATUS if isinstance(exc, kind))
    if isinstance(exc, Conflict) and exc.instance is not None:
        current = _current(exc, context)
        if current is not None:
            body["current"] = current
    headers = {}
    if isinstance(exc, Unavailable) and exc.retry_after is not None:
        headers["Retry-After"] = str(exc.retry_after)
    return Response(body, status=code, headers=headers)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: domain errors, Django validation errors, database locks, and
    anonymous requests past the anonymous rate (429 rather than 401)."""
    from workbench.common.throttling import refused_anonymous

    exc = refused_anonymous(exc, context.get("request"), context.get("view"))
    if is_database_locked(exc):
        exc = database_locked_error()
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, WorkbenchError):
        return error_response(exc, context)
    return drf_exception_handler(exc, context)
