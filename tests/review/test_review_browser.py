"""The review loop in real Chromium: the queue by keys, fix and resubmit with undo, document
assignments with "Next document" and "finished", "My work", and adjudication.

Each scenario logs in through the login form and works in the pages; the database is checked
afterwards. Screenshots of the key screens land in var/screenshots/.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS
from tests.factories import acting
from tests.web.workspace_helpers import login, open_document
from workbench.annotation import services
from workbench.annotation.models import Annotation, Status
from workbench.audit.models import AuditEntry
from workbench.review.models import Assignment, AssignmentState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_CLAIM = "مصطفى أبو جمعة أول شهيد"
ENGLISH_SOURCE = "Putin"
CLAIM = {"checkworthy": "yes", "topic": "Aleppo"}


def span(user, document, needle: str, kind: str, labels, attributes):
    """An annotation of the first ``needle`` in the document, made through the service."""
    start = document.text.index(needle)
    return services.annotation_create(
        actor=acting(user, document),
        document=document,
        label_type_id=labels[kind].pk,
        start=start,
        end=start + len(needle),
        quote=needle,
        attributes=attributes,
    )


def open_queue(page, url: str, project_id: int, query: str = "") -> None:
    page.goto(f"{url}/projects/{project_id}/review/{query}")
    page.wait_for_selector("#review[data-ready=true]")


def test_review_queue_by_keys(live_server, browser, seed_document, team, label_types):
    """The project page shows the pending count; the reviewer opens the queue, sees the span
    in its sentence (right to left for Arabic) with its attributes, accepts with A, rejects
    the next with R, a reason and Enter, and reaches the end of the queue."""
    url = live_server.url
    claim = span(team["annotator"], seed_document, ARABIC_CLAIM, "claim", label_types, CLAIM)
    source = span(
        team["annotator"],
        seed_document,
        ENGLISH_SOURCE,
        "source",
        label_types,
        {"kind": "person", "name": "Putin"},
    )
    first, second = sorted([claim, source], key=lambda a: a.start)
    page = login(browser, url, "rami")
    page.goto(f"{url}/projects/{seed_document.project_id}/")
    row = page.locator(f"tr[data-document-id='{seed_document.pk}']")
    expect(row.locator("[data-testid=pending-count]")).to_contain_text("2")
    page.click("[data-testid=review-queue-link]")
    page.wait_for_selector("#review[data-ready=true]")
    item = page.locator("[data-testid=review-item]")
    expect(item.locator("[data-testid=review-quote]")).to_have_text(first.quote)
    expect(page.locator("[data-testid=review-remaining]")).to_have_text("2")
    context = item.locator(".context-span .seg-text")
    expected_dir = "rtl" if first.pk == claim.pk else "ltr"
    expect(context.first).to_have_attribute("dir", expected_dir)
    expect(context.locator(f"mark[data-annotation-id='{first.pk}']").first).to_be_visible()
    expect(item.locator("[data-testid=review-attributes]")).to_contain_text(
        first.attributes[next(iter(first.attributes))]
    )
    page.screenshot(path=str(SCREENSHOTS / "review-queue.png"))
    page.keyboard.press("a")
    expect(item.locator("[data-testid=review-quote]")).to_have_text(second.quote)
    page.keyboard.press("r")
    page.locator("[data-testid=review-reason]").fill("Not a claim: a headline.")
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid=review-empty]")).to_be_visible()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.reviewed_by) == (Status.ACCEPTED, team["reviewer"])
    assert (second.status, second.review_reason) == (Status.REJECTED, "Not a claim: a headline.")
    assert page.errors == []


def test_queue_review_after_someone_changed_the_span(
    live_server, browser, seed_document, team, label_types
):
    """The author edits the span while the reviewer looks at it: Accept is refused, the queue
    shows the new version and says so; nothing was reviewed."""
    url = live_server.url
    claim = span(team["annotator"], seed_document, ARABIC_CLAIM, "claim", label_types, CLAIM)
    page = login(browser, url, "rami")
    open_queue(page, url, seed_document.project_id)
    item = page.locator("[data-testid=review-item]")
    expect(item.locator("[data-testid=review-attributes]")).to_contain_text("Aleppo")
    services.annotation_update(
        actor=acting(team["annotator"], claim),
        annotation=claim,
        version=1,
        attributes={"checkworthy": "yes", "topic": "Syria"},
    )
    item.locator("[data-testid=review-accept]").click()
    expect(page.locator("#live-region")).to_contain_text("changed this annotation meanwhile")
    expect(item.locator("[data-testid=review-attributes]")).to_contain_text("Syria")
    claim.refresh_from_db()
    assert claim.status == Status.PENDING and claim.reviewed_by is None
    assert not AuditEntry.objects.filter(action="review").exists()


def test_fix_and_resubmit_then_undo_a_delete(
    live_server, browser, seed_document, team, label_types
):
    """The author opens a rejected span, edits it (it goes back to pending, the history shows
    status rejected → pending), then deletes another span of theirs and undoes the delete."""
    url = live_server.url
    claim = span(team["annotator"], seed_document, ARABIC_CLAIM, "claim", label_types, CLAIM)
    services.annotation_review(
        actor=acting(team["reviewer"], claim),
        annotation=claim,
        decision="reject",
        reason="Which city?",
    )
    other = span(
        team["annotator"],
        seed_document,
        ENGLISH_SOURCE,
        "source",
        label_types,
        {"kind": "person", "name": "Putin"},
    )
    page = login(browser, url, "amal")
    open_document(page, url, seed_document.pk)
    page.click(f"[data-annotation-id='{claim.pk}']")
    detail = page.locator("[data-testid=annotation-detail]")
    expect(detail.locator("[data-testid=review-info]")).to_contain_text("Which city?")
    detail.locator("[data-testid=edit]").click()
    form = page.locator("[data-testid=annotation-form]")
    form.locator("[name=topic]").fill("Aleppo, Syria")
    page.click("[data-testid=annotation-save]")
    expect(detail.locator("[data-testid=detail-status]")).to_have_text("pending")
    changes = detail.locator("[data-testid=history-changes]").last
    expect(changes).to_contain_text("rejected → pending")
    expect(changes).to_contain_text("Aleppo, Syria")
    page.screenshot(path=str(SCREENSHOTS / "resubmitted.png"))
    claim.refresh_from_db()
    assert claim.status == Status.PENDING and claim.attributes["topic"] == "Aleppo, Syria"
    actions = list(
        AuditEntry.objects.filter(object_id=claim.pk, content_type__model="annotation")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "review", "resubmit"]

    page.keyboard.press("Escape")
    page.click(f"[data-annotation-id='{other.pk}']")
    page.once("dialog", lambda dialog: dialog.accept())
    detail.locator("[data-testid=delete]").click()
    expect(page.locator(f"[data-annotation-id='{other.pk}']")).to_have_count(0)
    page.click("[data-testid=undo-delete]")
    expect(page.locator(f"mark[data-annotation-id='{other.pk}']").first).to_be_visible()
    other.refresh_from_db()
    assert other.deleted_at is None
    assert page.errors == []


def test_assign_next_document_and_finish(live_server, browser, seed_document, team, label_types):
    """A moderator assigns the document to the annotator on the project page; the annotator
    presses "Next document", lands in it, marks it finished; the project page shows the
    state and the audited steps."""
    url = live_server.url
    moderator = login(browser, url, "mona")
    moderator.goto(f"{url}/projects/{seed_document.project_id}/")
    row = moderator.locator(f"tr[data-document-id='{seed_document.pk}']")
    row.locator("[data-testid=assign-form] select").select_option(str(team["annotator"].pk))
    row.locator("[data-testid=assign-form] button").click()
    expect(row.locator("[data-testid=assignment]")).to_contain_text("amal")
    row.locator("[data-testid=workload-form] input[type=number]").fill("2")
    row.locator("[data-testid=workload-form] button").click()
    expect(row.locator("[data-testid=annotators-needed]")).to_contain_text("2")

    annotator = login(browser, url, "amal")
    annotator.goto(f"{url}/projects/{seed_document.project_id}/")
    annotator.click("[data-testid=next-document]")
    annotator.wait_for_url(f"**/documents/{seed_document.pk}/")
    annotator.wait_for_selector("#workspace[data-ready=true]")
    annotator.click("[data-testid=finish-document]")
    annotator.wait_for_url(f"**/projects/{seed_document.project_id}/")
    finished = annotator.locator(
        f"tr[data-document-id='{seed_document.pk}'] [data-testid=assignment]"
    )
    expect(finished).to_have_attribute("data-state", "finished")
    expect(annotator.locator("[data-testid=assignment-activity]")).to_contain_text("finished")
    annotator.screenshot(path=str(SCREENSHOTS / "assignments.png"), full_page=True)
    annotator.click("[data-testid=next-document]")
    expect(annotator.locator(".messages")).to_contain_text("No document is waiting for you")
    assignment = Assignment.objects.get(document=seed_document, user=team["annotator"])
    assert assignment.state == AssignmentState.FINISHED
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"assign", "workload", "finish"} <= actions
    assert moderator.errors == [] and annotator.errors == []


def test_my_work_shows_rejections_and_comments(
    live_server, browser, seed_document, team, label_types
):
    """A rejection with its reason and a comment by others show in "My work" (counted on the
    project page); after "Mark all as seen" nothing new is left."""
    url = live_server.url
    claim = span(team["annotator"], seed_document, ARABIC_CLAIM, "claim", label_types, CLAIM)
    services.annotation_review(
        actor=acting(team["reviewer"], claim),
        annotation=claim,
        decision="reject",
        reason="Which city?",
    )
    services.comment_create(
        actor=acting(team["moderator"], claim), annotation=claim, body="See the guidelines."
    )
    page = login(browser, url, "amal")
    page.goto(f"{url}/projects/{seed_document.project_id}/")
    expect(page.locator("[data-testid=my-work-count]")).to_have_text("2")
    page.click("[data-testid=my-work-link]")
    items = page.locator("[data-testid=work-item]")
    expect(items).to_have_count(2)
    expect(page.locator("[data-testid=work-reason]")).to_contain_text("Which city?")
    expect(page.locator("[data-testid=work-comment]")).to_have_text("See the guidelines.")
    page.screenshot(path=str(SCREENSHOTS / "my-work.png"), full_page=True)
    page.click("[data-testid=my-work-seen]")
    expect(page.locator("[data-testid=my-work-empty]")).to_be_visible()
    page.click("[data-testid=my-work-all]")
    expect(items).to_have_count(2)


def test_adjudicate_a_group(live_server, browser, seed_document, team, member, label_types):
    """Two annotators mark the same claim differently; the reviewer sees them side by side
    as "differ", picks one, and it is accepted while the other is rejected; the agreement
    table is beside it."""
    url = live_server.url
    second = member(seed_document.project, "annotator", "sami")
    wide = span(team["annotator"], seed_document, ARABIC_CLAIM, "claim", label_types, CLAIM)
    narrow = span(second, seed_document, "أول شهيد", "claim", label_types, CLAIM)
    page = login(browser, url, "rami")
    page.goto(f"{url}/documents/{seed_document.pk}/adjudicate/")
    page.wait_for_selector("#adjudication[data-ready=true]")
    group = page.locator("[data-testid=group]")
    expect(group).to_have_count(1)
    expect(group.locator("[data-testid=verdict]")).to_have_attribute("data-agrees", "false")
    expect(page.locator("[data-testid=agreement] tr[data-label=claim]")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "adjudication.png"), full_page=True)
    group.locator(f"[data-testid=choose-{wide.pk}]").check()
    group.locator("[data-testid=adjudicate-reason]").fill("The whole name.")
    group.locator("[data-testid=adjudicate]").click()
    expect(page.locator(f"tr[data-annotation-id='{wide.pk}']")).to_have_attribute(
        "data-status", "accepted"
    )
    wide.refresh_from_db()
    narrow.refresh_from_db()
    assert (wide.status, narrow.status) == (Status.ACCEPTED, Status.REJECTED)
    assert narrow.review_reason == "The whole name."
    assert Annotation.objects.filter(status=Status.PENDING).count() == 0
    assert page.errors == []


def test_review_pages_in_arabic_and_merge(
    live_server, browser, seed_document, team, member, label_types
):
    """In the Arabic interface the queue and the adjudication view read right to left with
    translated controls; two overlapping claims are merged into one accepted span."""
    url = live_server.url
    second = member(seed_document.project, "annotator", "sami")
    head = span(team["annotator"], seed_document, "مصطفى أبو جمعة أول", "claim", label_types, CLAIM)
    tail = span(second, seed_document, "جمعة أول شهيد", "claim", label_types, CLAIM)
    page = login(browser, url, "rami")
    open_queue(page, url, seed_document.project_id)
    page.select_option("[data-testid=interface-language]", "ar")
    page.click(".lang-switch button")
    page.wait_for_selector("#review[data-ready=true]")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    expect(page.locator("h1#review-title")).to_contain_text("قائمة المراجعة")
    expect(page.locator("[data-testid=review-accept]")).to_contain_text("قبول")
    page.goto(f"{url}/documents/{seed_document.pk}/adjudicate/")
    page.wait_for_selector("#adjudication[data-ready=true]")
    group = page.locator("[data-testid=group]")
    expect(group.locator("[data-testid=verdict]")).to_have_text("مختلفون")
    group.locator(f"[data-testid=choose-{head.pk}]").check()
    group.locator(f"[data-testid=choose-{tail.pk}]").check()
    page.screenshot(path=str(SCREENSHOTS / "adjudication-arabic.png"), full_page=True)
    group.locator("[data-testid=adjudicate]").click()
    merged = page.locator(f"tr[data-annotation-id='{head.pk}']")
    expect(merged).to_have_attribute("data-status", "accepted")
    expect(merged).to_contain_text("مصطفى أبو جمعة أول شهيد")
    head.refresh_from_db()
    tail.refresh_from_db()
    assert (head.quote, head.status, tail.status) == (
        ARABIC_CLAIM,
        Status.ACCEPTED,
        Status.REJECTED,
    )
    assert page.errors == []
