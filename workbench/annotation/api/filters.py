"""Query filters for annotation and link lists; their choices are the user's own."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from workbench.annotation.models import Annotation, Link, LinkType, Status
from workbench.annotation.selectors import annotation_list, segment_language_q
from workbench.common.filters import ScopedChoiceFilter
from workbench.corpus.models import Document
from workbench.corpus.selectors import document_visible, user_visible


def _annotations(*, user):
    return annotation_list(user=user, include_deleted=True)


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Comma-separated numbers: ``?ids=1,2,3``."""


class AnnotationFilter(django_filters.FilterSet):
    document = ScopedChoiceFilter(Document, document_visible)
    author = ScopedChoiceFilter(get_user_model(), user_visible)
    ids = NumberInFilter(
        field_name="pk",
        min_value=1,
        max_value=2**63 - 1,
        label=_("Only these annotation ids (comma-separated)."),
    )
    status = django_filters.ChoiceFilter(choices=Status.choices)
    deleted = django_filters.BooleanFilter(
        method="filter_deleted",
        label=_("Only deleted annotations (true) or only live ones (false, the default)."),
    )
    segment_language = django_filters.CharFilter(
        method="filter_segment_language",
        label=_("Spans touching a segment in this language."),
    )

    class Meta:
        model = Annotation
        fields = ["document", "label_type", "status", "author"]

    def filter_deleted(self, queryset, name, value):
        return queryset.filter(deleted_at__isnull=not value)

    def filter_segment_language(self, queryset, name, value):
        return queryset.filter(segment_language_q(value))


class LinkFilter(django_filters.FilterSet):
    document = ScopedChoiceFilter(Document, document_visible, field_name="source__document")
    source = ScopedChoiceFilter(Annotation, _annotations)
    target = ScopedChoiceFilter(Annotation, _annotations)
    type = django_filters.ChoiceFilter(choices=LinkType.choices)

    class Meta:
        model = Link
        fields = ["document", "type", "source", "target"]
