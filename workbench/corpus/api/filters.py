"""Query filters for document and segment lists."""

import django_filters

from workbench.corpus.models import Document, Segment


class DocumentFilter(django_filters.FilterSet):
    class Meta:
        model = Document
        fields = ["project", "language", "source_name"]


class SegmentFilter(django_filters.FilterSet):
    language = django_filters.CharFilter(method="filter_language")

    class Meta:
        model = Segment
        fields = ["document", "language", "kind"]

    def filter_language(self, queryset, name, value):
        """Match the effective language: the override when set, else the detected one."""
        from django.db.models import Q

        return queryset.filter(Q(language_override=value) | Q(language_override="", language=value))
