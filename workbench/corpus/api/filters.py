"""Query filters for document and segment lists; their choices are the user's own."""

import django_filters

from workbench.common.filters import ScopedChoiceFilter
from workbench.corpus.access import visible_projects
from workbench.corpus.models import Document, Project, Segment
from workbench.corpus.selectors import document_visible


def _projects(*, user):
    return visible_projects(user)


class DocumentFilter(django_filters.FilterSet):
    project = ScopedChoiceFilter(Project, _projects)

    class Meta:
        model = Document
        fields = ["project", "language", "source_name"]


class SegmentFilter(django_filters.FilterSet):
    document = ScopedChoiceFilter(Document, document_visible)
    language = django_filters.CharFilter(method="filter_language")

    class Meta:
        model = Segment
        fields = ["document", "language", "kind"]

    def filter_language(self, queryset, name, value):
        """Match the effective language: the override when set, else the detected one."""
        return queryset.in_language(value)
