"""A project with reviewed, pending, rejected and deleted work in Arabic and English to export.

Documents are imported and annotations made, reviewed, linked and commented through the real
services; translations are drafted rows that a reviewer then edits and approves through the
translation services.
"""

import hashlib
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from tests.factories import MembershipFactory, acting, make_document
from workbench.annotation import services
from workbench.annotation.models import Annotation
from workbench.annotation.services import segment_language_set
from workbench.corpus.models import Document, Role
from workbench.translation import services as translation_services
from workbench.translation.models import Origin, Translation

TEXT = (
    "The minister said taxes will fall next year.\n\n"
    "Critics at the <script>alert(1)</script> institute disagree.\n\n"
    "قال الوزيرُ إنَّ الضرائبَ ستنخفض 👍🏽 العام المقبل."
)
PLAIN = "Nothing here is annotated.\n\nA second paragraph in English."
ARABIC_CLAIM = "ستنخفض 👍🏽 العام"


@dataclass
class Corpus:
    """Everything the exchange tests export, by role."""

    document: Document
    plain: Document
    accepted: Annotation
    source: Annotation
    arabic: Annotation
    pending: Annotation
    rejected: Annotation
    deleted: Annotation
    approved_ar: Translation
    approved_en: Translation
    draft_en: Translation


@pytest.fixture(autouse=True)
def empty_throttle_cache():
    """Start every test with no export counted against the rate limit."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def second_reviewer(project):
    return MembershipFactory(project=project, role=Role.REVIEWER).user


def span(document: Document, word: str) -> tuple[int, int]:
    start = document.text.index(word)
    return start, start + len(word)


def annotate(user, document, word, label_type, attributes):
    start, end = span(document, word)
    return services.annotation_create(
        actor=acting(user, document),
        document=document,
        label_type_id=label_type.pk,
        start=start,
        end=end,
        quote=word,
        attributes=attributes,
    )


def drafted(segment, *, source: str, target: str, text: str, author) -> Translation:
    """A draft translation row, as a drafting job leaves it."""
    return Translation.objects.create(
        segment=segment,
        source=source,
        target=target,
        source_sha256=hashlib.sha256(segment.text.encode()).hexdigest(),
        text=text,
        origin=Origin.HUMAN,
        created_by=author,
    )


@pytest.fixture
def corpus(project, label_types, annotator, reviewer, moderator) -> Corpus:
    document = make_document(project, TEXT, name="statement.txt")
    plain = make_document(project, PLAIN, name="plain.md")
    claim = label_types["claim"]
    accepted = annotate(annotator, document, "taxes will fall", claim, {"checkworthy": "yes"})
    source = annotate(
        annotator,
        document,
        "The minister",
        label_types["source"],
        {"kind": "person", "name": "The minister"},
    )
    arabic = annotate(
        annotator, document, ARABIC_CLAIM, claim, {"checkworthy": "yes", "topic": "الضرائب"}
    )
    pending = annotate(
        annotator, document, "Critics", label_types["stance"], {"polarity": "against"}
    )
    rejected = annotate(annotator, document, "institute", claim, {"checkworthy": "no"})
    deleted = annotate(annotator, document, "next year", claim, {"checkworthy": "no"})
    for annotation in (accepted, source, arabic, deleted):
        services.annotation_review(
            actor=acting(reviewer, annotation), annotation=annotation, decision="accept"
        )
    services.annotation_review(
        actor=acting(reviewer, rejected),
        annotation=rejected,
        decision="reject",
        reason="Not a claim, a name.",
    )
    services.annotation_delete(
        actor=acting(moderator, Annotation.objects.get(pk=deleted.pk)),
        annotation=Annotation.objects.get(pk=deleted.pk),
    )
    services.link_create(
        actor=acting(annotator, Annotation.objects.get(pk=accepted.pk)),
        source=Annotation.objects.get(pk=accepted.pk),
        target=Annotation.objects.get(pk=source.pk),
        link_type="attributed_to",
    )
    services.link_create(
        actor=acting(annotator, Annotation.objects.get(pk=pending.pk)),
        source=Annotation.objects.get(pk=pending.pk),
        target=Annotation.objects.get(pk=accepted.pk),
        link_type="toward",
    )
    services.comment_create(
        actor=acting(reviewer, accepted), annotation=accepted, body='=HYPERLINK("x") هل هذا صحيح؟'
    )
    arabic_segment = document.segments.get(language="ar")
    english_segment = document.segments.order_by("index").first()
    segment_language_set(
        actor=acting(reviewer, document.segments.get(index=1)),
        segment=document.segments.get(index=1),
        language="en",
    )
    approved_ar = drafted(
        arabic_segment,
        source="ar",
        target="en",
        text="The minister said taxes will fall 👍🏽 next year.",
        author=annotator,
    )
    approved_ar = translation_services.translation_approve(
        actor=acting(reviewer, approved_ar), translation=approved_ar
    )
    draft_en = drafted(
        document.segments.get(index=1),
        source="en",
        target="ar",
        text="النقاد يختلفون.",
        author=annotator,
    )
    approved_en = drafted(english_segment, source="en", target="ar", text="مسودة", author=annotator)
    approved_en = translation_services.translation_edit(
        actor=acting(reviewer, approved_en),
        translation=approved_en,
        text="قال الوزير إن الضرائب ستنخفض العام المقبل.",
        version=approved_en.version,
    )
    # Four-eyes review: the reviewer rewrote it, so someone else (the moderator) approves it.
    approved_en = translation_services.translation_approve(
        actor=acting(moderator, approved_en), translation=approved_en
    )
    return Corpus(
        document=document,
        plain=plain,
        accepted=Annotation.objects.get(pk=accepted.pk),
        source=Annotation.objects.get(pk=source.pk),
        arabic=Annotation.objects.get(pk=arabic.pk),
        pending=Annotation.objects.get(pk=pending.pk),
        rejected=Annotation.objects.get(pk=rejected.pk),
        deleted=Annotation.objects.get(pk=deleted.pk),
        approved_ar=approved_ar,
        approved_en=approved_en,
        draft_en=draft_en,
    )
