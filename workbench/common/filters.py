"""Filter choices scoped to the requesting user, for django-filter's model choice filters.

A filter that lists every project, document or user would leak them in the browsable API's
filter form, and answering 200 for a foreign id but 400 for an unknown one tells them apart.
Choices built with ``visible_to`` hold only what the user may see, so a foreign id and an
unknown id both get the same "Select a valid choice" error.
"""

from collections.abc import Callable

import django_filters
from django.db.models import Model, QuerySet
from django.http import HttpRequest


def visible_to(
    model: type[Model], select: Callable[..., QuerySet]
) -> Callable[[HttpRequest | None], QuerySet]:
    """A filter queryset callable: ``select(user=request.user)``, or none without a request."""

    def queryset(request: HttpRequest | None) -> QuerySet:
        if request is None:
            return model._default_manager.none()
        return select(user=request.user)

    return queryset


class ScopedChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice filter whose choices are ``select(user=...)`` for the requesting user."""

    def __init__(self, model: type[Model], select: Callable[..., QuerySet], **kwargs) -> None:
        super().__init__(queryset=visible_to(model, select), **kwargs)
