"""Translation drafts, conflicts, the Arabic interface and narrow screens in real Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS
from tests.factories import make_document
from tests.web.workspace_helpers import login, open_document
from workbench.corpus.models import Segment
from workbench.translation.models import Origin, Status, Translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inline_jobs(settings, installed):
    """Drafting jobs run as soon as they are queued, with the tiny test packages installed."""
    settings.WORKBENCH_JOBS_INLINE = True


def test_draft_edit_and_approve(live_server, browser, seed_document, team, inline_jobs):
    """A reviewer drafts the document into English with the tiny package and edits a draft in
    place; an annotator with the document open sees the drafts arrive. Under four-eyes review
    the reviewer may not approve their own edit: the moderator approves it."""
    watcher = login(browser, live_server.url, "amal")
    open_document(watcher, live_server.url, seed_document.pk, "?target=en")
    page = login(browser, live_server.url, "rami")
    open_document(page, live_server.url, seed_document.pk, "?target=en")
    page.click("[data-testid=draft-document]")
    expect(page.locator("#job-progress")).to_contain_text("Done", timeout=60_000)
    arabic = seed_document.segments.filter(language="ar").order_by("index")
    drafts = Translation.objects.filter(segment__document=seed_document, target="en")
    assert drafts.count() == arabic.count() > 0
    expect(watcher.locator("[data-translation-id]")).to_have_count(drafts.count())
    assert set(drafts.values_list("origin", flat=True)) == {Origin.MACHINE}
    first = drafts.order_by("segment__index").first()
    row = page.locator(f"[data-translation-id='{first.pk}']")
    expect(row).to_have_attribute("data-origin", "machine")
    expect(row.locator("[data-testid=translation-status]")).to_have_text("draft")
    row.locator("[data-testid=translation-edit]").click()
    editor = page.locator(f"[data-segment-id='{first.segment_id}'] [data-testid=translation-text]")
    editor.fill("The Truth of the Oppressed")
    page.locator(f"[data-segment-id='{first.segment_id}'] [data-testid=translation-save]").click()
    row = page.locator(f"[data-translation-id='{first.pk}']")
    expect(row.locator("[data-testid=translation-status]")).to_have_text("edited")
    page = login(browser, live_server.url, "mona")
    open_document(page, live_server.url, seed_document.pk, "?target=en")
    row = page.locator(f"[data-translation-id='{first.pk}']")
    expect(row.locator("[data-testid=translation-status]")).to_have_text("edited")
    row.locator("[data-testid=translation-approve]").click()
    expect(row.locator("[data-testid=translation-status]")).to_have_text("approved")
    page.screenshot(path=str(SCREENSHOTS / "workspace-drafts.png"))
    first.refresh_from_db()
    assert (first.text, first.status, first.origin) == (
        "The Truth of the Oppressed",
        Status.APPROVED,
        Origin.MACHINE,
    )
    assert first.reviewed_by.username == "mona"

    page.goto(f"{live_server.url}/projects/{seed_document.project_id}/")
    page.select_option("#export-tformat", "tmx")
    page.select_option("#export-target", "en")
    with page.expect_download() as download:
        page.click("[data-testid=export-translations-submit]")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "The Truth of the Oppressed" in exported and "<tmx" in exported


def test_conflicting_translation_edit_asks(live_server, browser, project, team, label_types):
    """Two people edit the same draft; the second to save sees the first one's text and
    chooses, and nothing is overwritten silently."""
    document = make_document(project, "قال المتحدث إن الإضراب مستمر.", name="conflict.txt")
    segment = Segment.objects.get(document=document)
    page_a = login(browser, live_server.url, "amal")
    page_b = login(browser, live_server.url, "rami")
    for page in (page_a, page_b):
        open_document(page, live_server.url, document.pk, "?target=en")
    page_a.click(f"[data-segment-id='{segment.pk}'] [data-action=write]")
    page_a.fill("[data-testid=translation-text]", "The spokesman said the strike goes on.")
    page_b.click(f"[data-segment-id='{segment.pk}'] [data-action=write]")
    page_b.fill("[data-testid=translation-text]", "The speaker said the strike continues.")
    page_a.click("[data-testid=translation-save]")
    expect(page_a.locator("[data-translation-id] [data-testid=translation-status]")).to_have_text(
        "draft"
    )
    page_b.click("[data-testid=translation-save]")
    dialog = page_b.locator("[data-testid=conflict]")
    expect(dialog).to_be_visible()
    expect(dialog.locator("[data-testid=conflict-their-text]")).to_have_text(
        "The spokesman said the strike goes on."
    )
    expect(dialog.locator("[data-testid=conflict-my-text]")).to_have_text(
        "The speaker said the strike continues."
    )
    page_b.screenshot(path=str(SCREENSHOTS / "workspace-conflict.png"))
    dialog.locator("[data-testid=conflict-theirs]").click()
    translation = Translation.objects.get(segment=segment)
    assert translation.text == "The spokesman said the strike goes on."
    assert translation.origin == Origin.HUMAN and translation.created_by.username == "amal"
    expect(page_b.locator("[data-translation-id] [data-role=draft-text]")).to_have_text(
        "The spokesman said the strike goes on."
    )


def test_reviewer_overrides_a_segment_language(live_server, browser, project, team, label_types):
    """A reviewer changes a segment's language from its badge; the choice is stored and shows
    up in another member's open page by itself."""
    document = make_document(project, "Bonjour à tous les travailleurs.", name="fr.txt")
    segment = Segment.objects.get(document=document)
    watcher = login(browser, live_server.url, "amal")
    open_document(watcher, live_server.url, document.pk)
    page = login(browser, live_server.url, "rami")
    open_document(page, live_server.url, document.pk)
    page.click(f"[data-segment-id='{segment.pk}'] [data-role=language]")
    page.select_option("[data-testid=language-override]", "en")
    badge = page.locator(f"[data-segment-id='{segment.pk}'] [data-role=language]")
    expect(badge).to_have_text("English")
    segment.refresh_from_db()
    assert segment.language_override == "en" and segment.override_by.username == "rami"
    expect(watcher.locator(f"[data-segment-id='{segment.pk}'] [data-role=language]")).to_have_text(
        "English"
    )


def test_arabic_interface_and_narrow_screen(live_server, browser, seed_document, team):
    """Choosing Arabic flips the workspace to right-to-left; on a phone-sized screen the page
    keeps to the width of the screen."""
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, seed_document.pk)
    page.select_option("[data-testid=interface-language]", "ar")
    page.click(".lang-switch button")
    page.wait_for_selector("#workspace[data-ready=true]")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    expect(page.locator("[data-testid=label-claim]")).to_contain_text("ادعاء")
    page.screenshot(path=str(SCREENSHOTS / "workspace-arabic.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(SCREENSHOTS / "workspace-narrow.png"))
