"""The document workspace in real Chromium: tagging, linking, live review, drafts, safety.

Each scenario logs in through the login form and works in the page as a reviewer would;
the database is checked afterwards. Screenshots of the key screens land in var/screenshots/.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS
from tests.factories import acting
from tests.web.workspace_helpers import login, open_document, select_text
from workbench.annotation.models import Annotation, Link, Status
from workbench.annotation.services import annotation_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_CLAIM = "مصطفى أبو جمعة أول شهيد"
ENGLISH_SOURCE = "Putin"


def segment_with(document, needle: str):
    return document.segments.filter(text__contains=needle).order_by("index").first()


def tag(page, segment_id: int, needle: str, label: str, fields: dict, *, key: str | None = None):
    """Select `needle`, choose `label` by button (or by `key`), fill the form and save."""
    select_text(page, segment_id, needle)
    if key:
        page.keyboard.press(key)
    else:
        page.click(f"[data-testid=label-{label}]")
    form = page.locator("[data-testid=annotation-form]")
    expect(form).to_be_visible()
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    count = page.locator(f"[data-annotation-id][data-label={label}]").count()
    page.click("[data-testid=annotation-save]")
    expect(page.locator(f"[data-annotation-id][data-label={label}]")).not_to_have_count(count)


def test_tag_link_and_review_live(live_server, browser, seed_document, team):
    """An annotator tags an Arabic claim and an English source and links them; a reviewer in
    another browser sees both appear without reloading and accepts the claim; the annotator
    then sees it accepted, and keeps the text they had selected meanwhile."""
    url = live_server.url
    arabic = segment_with(seed_document, ARABIC_CLAIM)
    english = segment_with(seed_document, "Putin, the hitman")
    reviewer = login(browser, url, "rami")
    open_document(reviewer, url, seed_document.pk)
    reviewer.evaluate("window.__sameLoad = true")
    annotator = login(browser, url, "amal")
    open_document(annotator, url, seed_document.pk)

    tag(annotator, arabic.pk, ARABIC_CLAIM, "claim", {"checkworthy": "yes", "topic": "Aleppo"})
    tag(
        annotator,
        english.pk,
        ENGLISH_SOURCE,
        "source",
        {"kind": "person", "name": "Putin"},
        key="o",
    )
    claim = Annotation.objects.get(label_type__name="claim")
    source = Annotation.objects.get(label_type__name="source")
    assert claim.quote == ARABIC_CLAIM and claim.start == arabic.start + arabic.text.index(
        ARABIC_CLAIM
    )
    assert source.quote == ENGLISH_SOURCE
    assert claim.attributes == {"checkworthy": "yes", "topic": "Aleppo"}

    annotator.click(f"[data-annotation-id='{claim.pk}']")
    detail = annotator.locator("[data-testid=annotation-detail]")
    expect(detail.locator("[data-testid=detail-quote]")).to_have_text(ARABIC_CLAIM)
    expect(detail.locator("[data-testid=accept]")).to_have_count(0)
    detail.locator("[data-testid=link-type]").select_option("attributed_to:out")
    detail.locator("[data-testid=link-pick]").click()
    annotator.click(f"[data-annotation-id='{source.pk}']")
    expect(annotator.locator("[data-testid=links] li")).to_have_count(1)
    assert Link.objects.filter(source=claim, target=source, type="attributed_to").exists()
    annotator.screenshot(path=str(SCREENSHOTS / "workspace-linked.png"))

    for annotation in (claim, source):
        expect(reviewer.locator(f"[data-annotation-id='{annotation.pk}']")).to_be_visible()
    assert reviewer.evaluate("window.__sameLoad") is True, "no reload happened"

    annotator.keyboard.press("Escape")
    select_text(annotator, arabic.pk, "معركة")
    reviewer.click(f"[data-annotation-id='{claim.pk}']")
    reviewer_detail = reviewer.locator("[data-testid=annotation-detail]")
    expect(reviewer_detail.locator("[data-testid=links] li")).to_have_count(1)
    reviewer_detail.locator("[data-testid=accept]").click()
    expect(reviewer_detail.locator("[data-testid=detail-status]")).to_have_text("accepted")
    reviewer.screenshot(path=str(SCREENSHOTS / "workspace-reviewer.png"))

    accepted = annotator.locator(f"[data-annotation-id='{claim.pk}'][data-status=accepted]")
    expect(accepted).to_be_visible()
    assert annotator.evaluate("window.getSelection().toString()") == "معركة"
    claim.refresh_from_db()
    assert claim.status == Status.ACCEPTED and claim.reviewed_by.username == "rami"
    assert annotator.errors == [] and reviewer.errors == []


def test_comments_arrive_live(live_server, browser, seed_document, team):
    """A comment written in one browser appears in the other's open panel by itself."""
    url = live_server.url
    segment = segment_with(seed_document, "Putin, the hitman")
    start = segment.start
    claim = annotation_create(
        actor=acting(team["annotator"], seed_document),
        document=seed_document,
        label_type_id=1,
        start=start,
        end=start + 5,
        quote="Putin",
        attributes={"checkworthy": "no"},
    )
    first = login(browser, url, "amal")
    second = login(browser, url, "rami")
    for page in (first, second):
        open_document(page, url, seed_document.pk)
        page.click(f"[data-annotation-id='{claim.pk}']")
    first.fill("[data-testid=comment-body]", "Source? <b>not bold</b>")
    first.click("[data-testid=comment-submit]")
    expect(second.locator("[data-testid=comments] li")).to_have_count(1)
    expect(second.locator("[data-testid=comments] .comment-body")).to_have_text(
        "Source? <b>not bold</b>"
    )


def test_annotator_gets_no_review_controls_and_a_forced_call_is_refused(
    live_server, browser, seed_document, team
):
    """An annotator sees no accept button, and a review forced from their page gets 403."""
    segment = segment_with(seed_document, "Putin, the hitman")
    claim = annotation_create(
        actor=acting(team["moderator"], seed_document),
        document=seed_document,
        label_type_id=1,
        start=segment.start,
        end=segment.start + 5,
        quote="Putin",
        attributes={"checkworthy": "yes"},
    )
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, seed_document.pk)
    page.click(f"[data-annotation-id='{claim.pk}']")
    detail = page.locator("[data-testid=annotation-detail]")
    expect(detail.locator("[data-testid=detail-status]")).to_have_text("pending")
    expect(detail.locator("[data-testid=accept]")).to_have_count(0)
    expect(detail.locator("[data-testid=reject]")).to_have_count(0)
    status = page.evaluate(
        """async (id) => {
            const csrf = document.querySelector('meta[name="csrf-token"]').content;
            const response = await fetch(`/api/v1/annotations/${id}/review/`, {
                method: "POST",
                headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
                body: JSON.stringify({decision: "accept"}),
            });
            return response.status;
        }""",
        claim.pk,
    )
    assert status == 403
    claim.refresh_from_db()
    assert claim.status == Status.PENDING
