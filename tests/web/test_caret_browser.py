"""A keyboard caret in the reader: move, extend and tag a span without a mouse, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_document
from tests.web.workspace_helpers import login, open_document
from workbench.annotation.models import Annotation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "قالَ الوزيرُ إنَّ الضرائبَ ستنخفض العام المقبل.\n\nThe minister said taxes will fall next year."

# The caret's place as [anchor, focus] code-point offsets inside the focused segment's text.
CARET = """() => {
  const text = document.activeElement.closest(".seg-text");
  const selection = window.getSelection();
  const at = (node, offset) => {
    const range = document.createRange();
    range.selectNodeContents(text);
    range.setEnd(node, offset);
    return [...range.toString()].length;
  };
  const anchor = at(selection.anchorNode, selection.anchorOffset);
  return [anchor, at(selection.focusNode, selection.focusOffset)];
}"""


def caret_x(page) -> float:
    return page.locator("[data-testid=caret]").bounding_box()["x"]


def tag_claim_with_keys(page) -> None:
    """Press the claim key, answer the form with the keyboard and save."""
    page.keyboard.press("c")
    form = page.locator("[data-testid=annotation-form]")
    expect(form).to_be_visible()
    expect(form.locator("[name=checkworthy]")).to_be_focused()
    page.keyboard.type("y")
    page.keyboard.press("Tab")
    page.keyboard.type("taxes")
    page.keyboard.press("Enter")
    expect(form).to_be_hidden()


def test_keyboard_caret_tags_the_middle_of_an_arabic_sentence(
    live_server, browser, project, team, label_types
):
    """In a right-to-left segment the caret starts at the right edge and ArrowLeft moves it
    forward, a letter with its haraka is one step, Ctrl moves by word, Shift extends from
    the caret, the caret never leaves its segment, and the claim key tags what was chosen."""
    document = make_document(project, TEXT, name="caret.txt")
    arabic = document.segments.order_by("index").first()
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk)
    page.locator(f"[data-segment-id='{arabic.pk}'] .seg-text").focus()
    expect(page.locator("[data-testid=caret]")).to_be_visible()
    assert page.evaluate(CARET) == [0, 0]
    right_edge = caret_x(page)
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    assert page.evaluate(CARET) == [4, 4]  # ق ا لَ: the fatha goes with its letter
    assert caret_x(page) < right_edge
    for _ in range(3):
        page.keyboard.press("Control+ArrowLeft")
    assert page.evaluate(CARET) == [26, 26]
    for _ in range(2):
        page.keyboard.press("Control+Shift+ArrowLeft")
    assert page.evaluate("getSelection().toString().trim()") == "ستنخفض العام"
    tag_claim_with_keys(page)
    stored = Annotation.objects.get()
    start = arabic.start + arabic.text.index("ستنخفض العام")
    assert (stored.start, stored.end, stored.quote) == (start, start + 12, "ستنخفض العام")

    page.locator(f"[data-segment-id='{arabic.pk}'] .seg-text").focus()
    page.keyboard.press("Control+End")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(CARET) == [len(arabic.text)] * 2


def test_keyboard_caret_tags_the_middle_of_an_english_sentence(
    live_server, browser, project, team, label_types
):
    """In a left-to-right segment ArrowRight moves forward; Home and End go to the ends of
    the line; j moves to the next segment with the caret at its start."""
    document = make_document(project, TEXT, name="caret.txt")
    arabic, english = document.segments.order_by("index")
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk)
    page.locator(f"[data-segment-id='{arabic.pk}'] .seg-text").focus()
    page.keyboard.press("j")
    expect(page.locator(f"[data-segment-id='{english.pk}'] .seg-text")).to_be_focused()
    assert page.evaluate(CARET) == [0, 0]
    left_edge = caret_x(page)
    page.keyboard.press("End")
    assert page.evaluate(CARET) == [len(english.text)] * 2
    assert caret_x(page) > left_edge
    page.keyboard.press("ArrowRight")
    assert page.evaluate(CARET) == [len(english.text)] * 2
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("Control+ArrowRight")
    for _ in range(2):
        page.keyboard.press("Control+Shift+ArrowRight")
    assert page.evaluate("getSelection().toString().trim()") == "taxes will"
    tag_claim_with_keys(page)
    stored = Annotation.objects.get()
    start = english.start + english.text.index("taxes will")
    assert (stored.start, stored.end, stored.quote) == (start, start + 10, "taxes will")
