"""Bulk annotation services: the same rows, checks and audit entries as the one-by-one
services, a few queries for many objects, and nothing written when one item is refused."""

import pytest

from tests.annotation.conftest import ATTRIBUTES
from tests.factories import MembershipFactory, acting, make_document
from workbench.annotation import services
from workbench.annotation.models import Annotation, Comment, Link, Status
from workbench.audit.models import AuditEntry
from workbench.common.errors import Forbidden, NotFound
from workbench.corpus.models import Document, Role

pytestmark = pytest.mark.django_db

WORDS = (("claim", "taxes will fall"), ("source", "The minister"), ("claim", "institute"))


def spans(document: Document, label_types) -> list[services.SpanDraft]:
    drafts = []
    for kind, word in WORDS:
        start = document.text.index(word)
        drafts.append(
            services.SpanDraft(
                label_type_id=label_types[kind].pk,
                start=start,
                end=start + len(word),
                quote=word,
                attributes=ATTRIBUTES[kind],
            )
        )
    return drafts


def one_by_one(annotator, reviewer, document, drafts) -> list[Annotation]:
    made = []
    for draft in drafts:
        annotation = services.annotation_create(
            actor=acting(annotator, document),
            document=document,
            label_type_id=draft.label_type_id,
            start=draft.start,
            end=draft.end,
            quote=draft.quote,
            attributes=draft.attributes,
        )
        services.comment_create(
            actor=acting(reviewer, annotation), annotation=annotation, body=" Looks right. "
        )
        made.append(
            services.annotation_review(
                actor=acting(reviewer, annotation), annotation=annotation, decision="accept"
            )
        )
    services.link_create(
        actor=acting(annotator, made[0]), source=made[0], target=made[1], link_type="attributed_to"
    )
    return made


def in_bulk(annotator, reviewer, document, drafts) -> list[Annotation]:
    created = services.annotations_create_bulk(
        actor=acting(annotator, document), document=document, drafts=drafts
    )
    made = [annotation for annotation, _new in created]
    services.comments_create_bulk(
        actor=acting(reviewer, document),
        comments=[(annotation, " Looks right. ") for annotation in made],
    )
    reviewed = services.annotations_review_bulk(
        actor=acting(reviewer, document),
        reviews=[(annotation, "accept", "") for annotation in made],
    )
    services.links_create_bulk(
        actor=acting(annotator, document), links=[(made[0], made[1], "attributed_to")]
    )
    return reviewed


def state(document: Document) -> tuple:
    """Rows and audit entries of the document, without ids and times."""
    annotations = [
        (
            *(a.label_type_id, a.start, a.end, a.quote, a.attributes, a.author_id, a.status),
            *(a.reviewed_by_id, a.review_reason, a.version, a.reviewed_at is not None),
        )
        for a in Annotation.objects.filter(document=document).order_by("start")
    ]
    position = {
        pk: n
        for n, pk in enumerate(
            Annotation.objects.filter(document=document)
            .order_by("start")
            .values_list("pk", flat=True)
        )
    }

    def plain(values):
        if not values:
            return values
        values = {k: v for k, v in values.items() if k not in ("reviewed_at", "link", "comment")}
        for key in ("source", "target"):
            if key in values:
                values[key] = position[values[key]]
        return values

    entries = sorted(
        (e.action, position[e.object_id], e.actor_id, str(plain(e.before)), str(plain(e.after)))
        for e in AuditEntry.objects.filter(project=document.project)
    )
    comments = sorted(
        (position[c.annotation_id], c.author_id, c.body)
        for c in Comment.objects.filter(annotation__document=document)
    )
    links = [
        (position[link.source_id], position[link.target_id], link.type, link.author_id)
        for link in Link.objects.filter(source__document=document)
    ]
    return annotations, entries, comments, links


def test_bulk_writes_what_the_single_services_write(
    other_project, annotator, reviewer, label_types, document
):
    """Created, commented, accepted and linked in bulk: the same rows and the same audit
    entries (actions, actors, values before and after) as one service call per object."""
    MembershipFactory(project=other_project, user=annotator, role=Role.ANNOTATOR)
    MembershipFactory(project=other_project, user=reviewer, role=Role.REVIEWER)
    twin = make_document(other_project, document.text, name="twin.txt")
    one_by_one(annotator, reviewer, twin, spans(twin, label_types))
    reviewed = in_bulk(annotator, reviewer, document, spans(document, label_types))
    assert all(a.status == Status.ACCEPTED and a.version == 2 for a in reviewed)
    single, bulk = state(twin), state(document)
    assert len(single[0]) == 3 and len(single[1]) == 10
    assert bulk[0] == single[0]
    assert bulk[2] == single[2] and bulk[3] == single[3]
    assert [entry[:3] for entry in bulk[1]] == [entry[:3] for entry in single[1]]
    assert bulk[1] == single[1]


def test_bulk_create_takes_a_few_queries(
    annotator, label_types, document, django_assert_max_num_queries
):
    """Thirty annotations are written with a handful of queries, not thirty times as many."""
    drafts = spans(document, label_types) * 10
    with django_assert_max_num_queries(12):
        created = services.annotations_create_bulk(
            actor=acting(annotator, document), document=document, drafts=drafts
        )
    assert len(created) == 30 and Annotation.objects.count() == 30
    assert AuditEntry.objects.filter(action="create").count() == 30


def test_a_refused_item_names_its_position_and_nothing_is_written(annotator, label_types, document):
    """One bad quote among good drafts: ItemRefused with its index and field, no row, no entry."""
    drafts = spans(document, label_types)
    bad = services.SpanDraft(**{**drafts[1].__dict__, "quote": "the minister"})
    with pytest.raises(services.ItemRefused) as refused:
        services.annotations_create_bulk(
            actor=acting(annotator, document), document=document, drafts=[drafts[0], bad, drafts[2]]
        )
    assert refused.value.index == 1 and refused.value.field == "quote"
    assert "The quote does not match the text at" in refused.value.message
    assert not Annotation.objects.exists() and not AuditEntry.objects.exists()


def test_reuse_existing_returns_the_annotation_already_there(annotator, label_types, document):
    """With reuse_existing a draft equal to a live annotation by the same author (or to an
    earlier draft) gives that annotation back and creates nothing."""
    drafts = spans(document, label_types)
    first = services.annotations_create_bulk(
        actor=acting(annotator, document), document=document, drafts=drafts
    )
    again = services.annotations_create_bulk(
        actor=acting(annotator, document),
        document=document,
        drafts=[*drafts, drafts[0]],
        reuse_existing=True,
    )
    assert [new for _a, new in again] == [False] * 4
    assert [a.pk for a, _new in again] == [a.pk for a, _new in first] + [first[0][0].pk]
    assert Annotation.objects.count() == 3


def test_bulk_roles_are_checked(annotator, outsider, label_types, document):
    """An annotator may not review in bulk (403); an outsider may not create (404)."""
    with pytest.raises(NotFound):
        services.annotations_create_bulk(
            actor=acting(outsider, document), document=document, drafts=spans(document, label_types)
        )
    created = services.annotations_create_bulk(
        actor=acting(annotator, document), document=document, drafts=spans(document, label_types)
    )
    with pytest.raises(Forbidden):
        services.annotations_review_bulk(
            actor=acting(annotator, document), reviews=[(created[0][0], "accept", "")]
        )


def test_bulk_review_and_comment_rules(annotator, reviewer, label_types, document):
    """A rejection without a reason, an empty comment, a wrong link type: each refused with
    its index, as the single services refuse them."""
    made = [
        a
        for a, _new in services.annotations_create_bulk(
            actor=acting(annotator, document),
            document=document,
            drafts=spans(document, label_types),
        )
    ]
    with pytest.raises(services.ItemRefused) as refused:
        services.annotations_review_bulk(
            actor=acting(reviewer, document),
            reviews=[(made[0], "accept", ""), (made[1], "reject", " ")],
        )
    assert (refused.value.index, refused.value.field) == (1, "reason")
    with pytest.raises(services.ItemRefused) as refused:
        services.comments_create_bulk(
            actor=acting(reviewer, document), comments=[(made[0], "ok"), (made[1], "")]
        )
    assert (refused.value.index, refused.value.field) == (1, "body")
    with pytest.raises(services.ItemRefused) as refused:
        services.links_create_bulk(
            actor=acting(annotator, document),
            links=[(made[0], made[1], "attributed_to"), (made[1], made[0], "attributed_to")],
        )
    assert refused.value.index == 1 and "starts at a claim" in refused.value.message
    assert not Link.objects.exists() and not Comment.objects.exists()
    assert set(Annotation.objects.values_list("status", flat=True)) == {Status.PENDING}


def test_bulk_links_refuse_or_skip_existing(annotator, label_types, document):
    """A link already there is refused, or left out with skip_existing (its place None)."""
    made = [
        a
        for a, _new in services.annotations_create_bulk(
            actor=acting(annotator, document),
            document=document,
            drafts=spans(document, label_types),
        )
    ]
    services.links_create_bulk(
        actor=acting(annotator, document), links=[(made[0], made[1], "attributed_to")]
    )
    with pytest.raises(services.ItemRefused, match="linked like this already"):
        services.links_create_bulk(
            actor=acting(annotator, document), links=[(made[0], made[1], "attributed_to")]
        )
    results = services.links_create_bulk(
        actor=acting(annotator, document),
        links=[(made[0], made[1], "attributed_to"), (made[2], made[1], "attributed_to")],
        skip_existing=True,
    )
    assert results[0] is None and results[1] is not None
    assert Link.objects.count() == 2
    assert AuditEntry.objects.filter(action="link").count() == 2


def test_bulk_review_keeps_four_eyes(reviewer, label_types, document):
    """Under four-eyes review a reviewer's own annotation is refused in a bulk review as it is
    one by one, naming its index, and nothing is reviewed; with the setting off it passes."""
    made = [
        a
        for a, _new in services.annotations_create_bulk(
            actor=acting(reviewer, document),
            document=document,
            drafts=spans(document, label_types),
        )
    ]
    with pytest.raises(services.ItemRefused) as refused:
        services.annotations_review_bulk(
            actor=acting(reviewer, document), reviews=[(made[0], "accept", "")]
        )
    assert refused.value.index == 0 and isinstance(refused.value.error, Forbidden)
    assert not Annotation.objects.filter(pk=made[0].pk).exclude(status=Status.PENDING).exists()
    document.project.four_eyes_review = False
    document.project.save()
    reviewed = services.annotations_review_bulk(
        actor=acting(reviewer, document), reviews=[(made[0], "accept", "")]
    )
    assert reviewed[0].status == Status.ACCEPTED
