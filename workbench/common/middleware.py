"""Middleware shared by every view: a write that times out on a database lock gets a 503, and
a query string holding a NUL character gets a 400 before any view reads it."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from workbench.common.errors import database_locked_error, is_database_locked
from workbench.common.parsers import nul_message


class DatabaseLockedMiddleware:
    """Answer ``database is locked`` with 503 and ``Retry-After`` outside the API too (admin).

    The API's exception handler does the same for API views, with a JSON body.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_locked(exception):
            return None
        error = database_locked_error()
        response = HttpResponse(error.message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(error.retry_after)
        return response


class NulCharacterMiddleware:
    """Refuse a request whose path or query string holds U+0000 with 400 (JSON for the API).

    Views, filters and exports read query values as text; PostgreSQL cannot take a NUL in a
    query parameter, so without this one would be a 500 there and a miss on SQLite. Bodies are
    checked where they are parsed (``common.parsers``, and Django's and DRF's form fields).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        values = [request.path]
        for key, items in request.GET.lists():
            values.append(key)
            values.extend(items)
        if any("\x00" in value for value in values):
            message = nul_message()
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "invalid"}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
