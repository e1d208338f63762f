"""Exports stream: the first chunk comes after a bounded number of queries, whatever the size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.exchange.conftest import annotate
from tests.factories import acting, make_document
from workbench.annotation import services
from workbench.common.actor import Actor
from workbench.exchange import selectors
from workbench.exchange.exporters import ANNOTATION_EXPORTERS
from workbench.exchange.query import AnnotationQuery
from workbench.exchange.selectors import DOCUMENT_BATCH

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_documents(project, label_types, annotator, reviewer):
    """More documents than one batch, each with one accepted claim."""
    for number in range(DOCUMENT_BATCH + 5):
        document = make_document(project, f"Claim number {number} is here.", name=f"d{number}.txt")
        claim = annotate(
            annotator, document, f"number {number}", label_types["claim"], {"checkworthy": "yes"}
        )
        services.annotation_review(
            actor=acting(reviewer, claim), annotation=claim, decision="accept"
        )
    return project


@pytest.mark.parametrize("name", list(ANNOTATION_EXPORTERS))
def test_first_chunk_needs_one_batch_of_queries(many_documents, name):
    """The first chunk reads one document batch (a few queries), not the whole export."""
    source = selectors.annotation_export_source(
        reader=Actor.system("test"), query=AnnotationQuery()
    )
    stream = ANNOTATION_EXPORTERS[name]().stream(source)
    with CaptureQueriesContext(connection) as first:
        next(stream)
        next(stream)
    with CaptureQueriesContext(connection) as rest:
        chunks = list(stream)
    assert len(first) <= 6
    assert len(rest) <= 6
    assert len(chunks) >= 2


def test_queries_per_batch_do_not_grow_with_annotations(many_documents):
    """Two batches of documents cost the same few queries: nothing is fetched per row."""
    source = selectors.annotation_export_source(
        reader=Actor.system("test"), query=AnnotationQuery()
    )
    with CaptureQueriesContext(connection) as queries:
        lines = list(ANNOTATION_EXPORTERS["jsonl"]().stream(source))
    assert len(lines) == DOCUMENT_BATCH + 5
    assert len(queries) <= 2 * 4 + 2


def test_an_export_without_a_reader_is_an_error(many_documents):
    """``None`` no longer means "the system": the commands name a system actor, and a
    forgotten reader is a TypeError rather than an export of every project."""
    with pytest.raises(TypeError):
        selectors.annotation_export_source(reader=None, query=AnnotationQuery())
    with pytest.raises(TypeError):
        selectors.annotation_export_source(query=AnnotationQuery())
