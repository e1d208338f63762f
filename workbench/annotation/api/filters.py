"""Query filters for annotation and link lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from workbench.annotation.models import Annotation, Link, LinkType, Status
from workbench.annotation.selectors import segment_language_q


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Comma-separated numbers: ``?ids=1,2,3``."""


class AnnotationFilter(django_filters.FilterSet):
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
    document = django_filters.NumberFilter(field_name="source__document")
    type = django_filters.ChoiceFilter(choices=LinkType.choices)

    class Meta:
        model = Link
        fields = ["document", "type", "source", "target"]
