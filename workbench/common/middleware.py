"""Middleware shared by every view: a write that times out on a database lock gets a 503."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from workbench.common.errors import database_locked_error, is_database_locked


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
