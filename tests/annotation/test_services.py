"""Annotation services: validation, review workflow, soft delete, links and the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from tests.annotation.conftest import ATTRIBUTES
from tests.factories import acting, make_document
from workbench.annotation import services
from workbench.annotation.models import Annotation, Status
from workbench.audit.models import AuditEntry
from workbench.common.errors import Conflict, WorkbenchError

pytestmark = pytest.mark.django_db


def create(user, document, label_type, start, end, quote=None, attributes=None):
    return services.annotation_create(
        actor=acting(user, document),
        document=document,
        label_type_id=label_type.pk,
        start=start,
        end=end,
        quote=document.text[start:end] if quote is None else quote,
        attributes=ATTRIBUTES[label_type.name] if attributes is None else attributes,
    )


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (-1, 3, "start"),
        (5, 5, "end"),
        (6, 2, "end"),
        (0, 10_000, "end"),
        ("1", 3, "start"),
        (1, None, "end"),
    ],
)
def test_offsets_are_checked(annotator, document, label_types, start, end, field):
    """Offsets must be integers with 0 <= start < end <= len(text); the error names the field."""
    with pytest.raises(WorkbenchError) as info:
        create(annotator, document, label_types["claim"], start, end, quote="x")
    assert info.value.field == field


def test_quote_must_match_text(annotator, document, label_types):
    """A quote that differs from text[start:end] is refused on ``quote``."""
    with pytest.raises(WorkbenchError) as info:
        create(annotator, document, label_types["claim"], 0, 3, quote="the")
    assert info.value.field == "quote"


@pytest.mark.parametrize(
    ("kind", "attributes"),
    [
        ("claim", {"checkworthy": "maybe"}),
        ("claim", {}),
        ("claim", {"checkworthy": "yes", "colour": "red"}),
        ("stance", {"polarity": "pro"}),
        ("source", {"kind": "person"}),
        ("source", {"kind": "media", "name": "BBC", "url": "ftp://example.org"}),
        ("claim", ["checkworthy"]),
    ],
)
def test_attributes_must_match_schema(annotator, document, label_types, kind, attributes):
    """Attributes that break the label type's JSON Schema are refused on ``attributes``."""
    with pytest.raises(WorkbenchError) as info:
        create(annotator, document, label_types[kind], 0, 3, attributes=attributes)
    assert info.value.field == "attributes"


def test_label_type_must_exist_and_be_active(annotator, document, label_types):
    """An unknown or inactive label type is refused on ``label_type``."""
    claim = label_types["claim"]
    claim.is_active = False
    claim.save()
    for label_type_id in (claim.pk, 999_999):
        with pytest.raises(WorkbenchError) as info:
            services.annotation_create(
                actor=acting(annotator, document),
                document=document,
                label_type_id=label_type_id,
                start=0,
                end=3,
                quote="The",
                attributes={"checkworthy": "yes"},
            )
        assert info.value.field == "label_type"


def test_database_refuses_bad_offsets(annotator, document, label_types):
    """The check constraint stops start >= end even when the services are bypassed."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.create(
            document=document, label_type=label_types["claim"], start=4, end=4, quote=""
        )


def test_valid_sources_attributes(annotator, document, label_types):
    """A source with kind, name and an http(s) url is accepted as given."""
    attributes = {"kind": "media", "name": "Al Jazeera", "url": "https://aljazeera.net/x"}
    annotation = create(annotator, document, label_types["source"], 0, 3, attributes=attributes)
    assert annotation.attributes == attributes
    assert annotation.status == Status.PENDING
    assert annotation.version == 1


def test_offsets_over_emoji_and_harakat(annotator, project, label_types):
    """Offsets are code points: an emoji with a skin tone is two, each haraka is one.

    Text: "أَنا 👍🏽 نعم". Code points: أ(0) َ(1) ن(2) ا(3) space(4) 👍(5) 🏽(6) space(7)
    ن(8) ع(9) م(10). So "أَنا" is 0:4, "👍🏽" is 5:7 and "نعم" is 8:11; in UTF-16 the
    emoji would be four units and everything after it would shift by two.
    """
    document = make_document(project, "أَنا 👍🏽 نعم", name="emoji.txt")
    assert len(document.text) == 11
    word = create(annotator, document, label_types["claim"], 0, 4)
    emoji = create(annotator, document, label_types["claim"], 5, 7)
    after = create(annotator, document, label_types["claim"], 8, 11)
    assert (word.quote, emoji.quote, after.quote) == ("أَنا", "👍🏽", "نعم")
    with pytest.raises(WorkbenchError) as info:
        create(annotator, document, label_types["claim"], 5, 6, quote="👍🏽")
    assert info.value.field == "quote"
    with pytest.raises(WorkbenchError):
        create(annotator, document, label_types["claim"], 10, 13, quote="نعم")


def test_html_is_stored_as_is(annotator, document, annotate):
    """Markup in the text is data: the quote keeps ``<script>`` exactly."""
    annotation = annotate(annotator, document, "<script>alert(1)</script>")
    annotation.refresh_from_db()
    assert annotation.quote == "<script>alert(1)</script>"


def test_edit_checks_version_and_audits(annotator, document, annotate):
    """An edit with the current version changes the span, bumps the version and is audited."""
    annotation = annotate(annotator, document, "taxes")
    start = document.text.index("taxes will fall")
    updated = services.annotation_update(
        actor=acting(annotator, annotation),
        annotation=annotation,
        version=1,
        end=start + len("taxes will fall"),
        quote="taxes will fall",
    )
    assert (updated.quote, updated.version) == ("taxes will fall", 2)
    entry = AuditEntry.objects.filter(object_id=annotation.pk, action="edit").get()
    assert entry.before["quote"] == "taxes" and entry.after["quote"] == "taxes will fall"
    assert entry.before["version"] == 1 and entry.after["version"] == 2
    assert entry.actor == annotator and entry.project_id == document.project_id
    with pytest.raises(Conflict) as info:
        services.annotation_update(
            actor=acting(annotator, annotation),
            annotation=annotation,
            version=1,
            attributes={"checkworthy": "no"},
        )
    assert info.value.instance.version == 2


def test_edit_without_version_is_refused(annotator, document, annotate):
    """``version`` is required for an edit."""
    annotation = annotate(annotator, document, "taxes")
    with pytest.raises(WorkbenchError) as info:
        services.annotation_update(
            actor=acting(annotator, annotation), annotation=annotation, version=None, attributes={}
        )
    assert info.value.field == "version"


def test_moving_the_span_needs_the_new_quote(annotator, document, annotate):
    """Changing offsets without the matching quote is refused on ``quote``."""
    annotation = annotate(annotator, document, "taxes")
    with pytest.raises(WorkbenchError) as info:
        services.annotation_update(
            actor=acting(annotator, annotation),
            annotation=annotation,
            version=1,
            end=annotation.end + 1,
        )
    assert info.value.field == "quote"


def test_no_op_edit_keeps_version(annotator, document, annotate):
    """An edit that changes nothing leaves the version and the audit trail alone."""
    annotation = annotate(annotator, document, "taxes")
    same = services.annotation_update(
        actor=acting(annotator, annotation),
        annotation=annotation,
        version=1,
        attributes=ATTRIBUTES["claim"],
    )
    assert same.version == 1
    assert not AuditEntry.objects.filter(action="edit").exists()


def test_review_then_edit_goes_back_to_pending(annotator, reviewer, moderator, document, annotate):
    """Accepting is audited; a moderator's later edit returns the annotation to pending."""
    annotation = annotate(annotator, document, "taxes")
    accepted = services.annotation_review(
        actor=acting(reviewer, annotation), annotation=annotation, decision="accept", reason=""
    )
    assert accepted.status == Status.ACCEPTED and accepted.reviewed_by == reviewer
    with pytest.raises(PermissionDenied):
        services.annotation_update(
            actor=acting(annotator, accepted),
            annotation=accepted,
            version=accepted.version,
            attributes={"checkworthy": "no"},
        )
    edited = services.annotation_update(
        actor=acting(moderator, accepted),
        annotation=accepted,
        version=accepted.version,
        attributes={"checkworthy": "no"},
    )
    assert edited.status == Status.PENDING
    assert edited.reviewed_by is None and edited.review_reason == ""
    actions = list(
        AuditEntry.objects.filter(object_id=annotation.pk).values_list("action", flat=True)
    )
    assert actions == ["create", "review", "edit"]
    review = AuditEntry.objects.get(object_id=annotation.pk, action="review")
    assert review.before["status"] == "pending" and review.after["status"] == "accepted"


def test_reject_needs_reason_and_decision_is_checked(reviewer, annotator, document, annotate):
    """A rejection needs a reason (else 400 on ``reason``); other decisions fail on ``decision``."""
    annotation = annotate(annotator, document, "taxes")
    with pytest.raises(WorkbenchError) as info:
        services.annotation_review(
            actor=acting(reviewer, annotation),
            annotation=annotation,
            decision="reject",
            reason="  ",
        )
    assert info.value.field == "reason"
    with pytest.raises(WorkbenchError) as info:
        services.annotation_review(
            actor=acting(reviewer, annotation), annotation=annotation, decision="maybe"
        )
    assert info.value.field == "decision"
    rejected = services.annotation_review(
        actor=acting(reviewer, annotation),
        annotation=annotation,
        decision="reject",
        reason="Not a claim.",
    )
    assert (rejected.status, rejected.review_reason) == (Status.REJECTED, "Not a claim.")


def test_soft_delete_and_restore(annotator, other_annotator, moderator, document, annotate):
    """Deleting keeps the row; a moderator restores it, and so may the author who deleted it
    (undo); nobody else may. Every step is audited."""
    mine = annotate(annotator, document, "Critics")
    services.annotation_delete(actor=acting(annotator, mine), annotation=mine)
    with pytest.raises(PermissionDenied):
        services.annotation_restore(actor=acting(other_annotator, mine), annotation=mine)
    assert (
        services.annotation_restore(actor=acting(annotator, mine), annotation=mine).deleted_at
        is None
    )
    annotation = annotate(annotator, document, "taxes")
    deleted = services.annotation_delete(actor=acting(moderator, annotation), annotation=annotation)
    assert deleted.deleted_at is not None and deleted.deleted_by == moderator
    assert not Annotation.objects.alive().filter(pk=annotation.pk).exists()
    with pytest.raises(Conflict):
        services.annotation_update(
            actor=acting(annotator, deleted),
            annotation=deleted,
            version=deleted.version,
            attributes={},
        )
    with pytest.raises(PermissionDenied):
        services.annotation_restore(actor=acting(annotator, deleted), annotation=deleted)
    restored = services.annotation_restore(actor=acting(moderator, deleted), annotation=deleted)
    assert restored.deleted_at is None
    with pytest.raises(Conflict):
        services.annotation_restore(actor=acting(moderator, restored), annotation=restored)
    entries = AuditEntry.objects.filter(object_id=annotation.pk).order_by("pk")
    assert [e.action for e in entries] == ["create", "delete", "restore"]
    assert entries[1].before["deleted_at"] is None and entries[1].after["deleted_at"]
    assert entries[2].after["deleted_at"] is None


def test_comment_is_audited(annotator, reviewer, document, annotate):
    """A comment is stored as plain text and recorded in the annotation's history."""
    annotation = annotate(annotator, document, "taxes")
    comment = services.comment_create(
        actor=acting(reviewer, annotation), annotation=annotation, body="<b>Sure?</b>"
    )
    assert comment.body == "<b>Sure?</b>"
    entry = AuditEntry.objects.get(action="comment")
    assert entry.after == {"comment": comment.pk, "body": "<b>Sure?</b>"}
    with pytest.raises(WorkbenchError) as info:
        services.comment_create(
            actor=acting(reviewer, annotation), annotation=annotation, body="   "
        )
    assert info.value.field == "body"


@pytest.mark.parametrize(
    ("link_type", "source_kind", "target_kind", "field"),
    [
        ("attributed_to", "claim", "source", None),
        ("toward", "stance", "claim", None),
        ("supports", "source", "claim", None),
        ("contradicts", "source", "claim", None),
        ("attributed_to", "source", "claim", "source"),
        ("toward", "stance", "source", "target"),
        ("supports", "claim", "claim", "source"),
        ("contradicts", "source", "stance", "target"),
    ],
)
def test_link_endpoint_types(
    annotator, document, annotate, link_type, source_kind, target_kind, field
):
    """Each link type joins fixed label types; a wrong endpoint is refused by name."""
    source = annotate(annotator, document, "minister", source_kind)
    target = annotate(annotator, document, "taxes", target_kind)
    if field is None:
        link = services.link_create(
            actor=acting(annotator, source), source=source, target=target, link_type=link_type
        )
        assert (link.source, link.target, link.type) == (source, target, link_type)
        assert AuditEntry.objects.filter(action="link", object_id=source.pk).exists()
    else:
        with pytest.raises(WorkbenchError) as info:
            services.link_create(
                actor=acting(annotator, source), source=source, target=target, link_type=link_type
            )
        assert info.value.field == field


def test_link_rules(annotator, moderator, project, document, annotate):
    """Links stay within one document, are unique, and fix their endpoints' label types."""
    claim = annotate(annotator, document, "taxes")
    source = annotate(annotator, document, "minister", "source")
    other_doc = make_document(project, "The minister spoke.", name="other.txt")
    elsewhere = annotate(annotator, other_doc, "minister", "source")
    with pytest.raises(WorkbenchError) as info:
        services.link_create(
            actor=acting(annotator, claim),
            source=claim,
            target=elsewhere,
            link_type="attributed_to",
        )
    assert info.value.field == "target"
    with pytest.raises(WorkbenchError) as info:
        services.link_create(
            actor=acting(annotator, claim), source=claim, target=source, link_type="cites"
        )
    assert info.value.field == "type"
    link = services.link_create(
        actor=acting(annotator, claim), source=claim, target=source, link_type="attributed_to"
    )
    with pytest.raises(WorkbenchError) as info:
        services.link_create(
            actor=acting(annotator, claim), source=claim, target=source, link_type="attributed_to"
        )
    assert info.value.field == "type"
    with pytest.raises(WorkbenchError) as info:
        services.annotation_update(
            actor=acting(annotator, claim),
            annotation=claim,
            version=claim.version,
            label_type_id=source.label_type_id,
            attributes=ATTRIBUTES["source"],
        )
    assert info.value.field == "label_type"
    link_id = link.pk
    services.link_delete(actor=acting(moderator, link), link=link)
    assert AuditEntry.objects.filter(action="unlink", before__link=link_id).exists()
