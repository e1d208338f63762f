"""The reader in real Chromium on hand-made texts: offsets, escaping, overlaps, keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS
from tests.factories import acting, make_document
from tests.web.workspace_helpers import login, open_document, word_centre
from workbench.annotation.models import Annotation
from workbench.annotation.services import annotation_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMOJI_TEXT = (
    "Fans cheered 👍🏽 loudly at the rally.\n\n"
    "قالَ الوزيرُ إنَّ الضرائبَ ستنخفض العام المقبل.\n\n"
    "The minister said taxes will fall."
)


def test_mouse_selection_after_emoji_and_harakat(live_server, browser, project, team, label_types):
    """Double-clicking a word after an emoji, and one after Arabic harakat, stores the exact
    code-point offsets and quote that Python computes on the stored text."""
    document = make_document(project, EMOJI_TEXT, name="emoji.txt")
    first, second, _ = document.segments.order_by("index")
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk)
    for segment, word, label in ((first, "loudly", "claim"), (second, "الضرائبَ", "stance")):
        centre = word_centre(page, segment.pk, word)
        page.mouse.dblclick(centre["x"], centre["y"])
        assert page.evaluate("window.getSelection().toString().trim()") == word
        page.click(f"[data-testid=label-{label}]")
        form = page.locator("[data-testid=annotation-form]")
        if label == "claim":
            form.locator("[name=checkworthy]").select_option("yes")
        else:
            form.locator("[name=polarity]").select_option("against")
        page.click("[data-testid=annotation-save]")
        expect(page.locator(f"[data-annotation-id][data-label={label}]")).to_have_count(1)
        stored = Annotation.objects.get(label_type__name=label)
        start = document.text.index(word)
        assert (stored.start, stored.end, stored.quote) == (start, start + len(word), word)
        assert document.text[stored.start : stored.end] == word
    for segment in (first, second):
        text = page.locator(f"[data-segment-id='{segment.pk}'] .seg-text")
        assert text.text_content() == segment.text


def test_keyboard_selection_and_shortcut(live_server, browser, project, team, label_types):
    """With the keyboard only: focus a segment, extend the selection by words, press the
    claim key, fill the form and save."""
    document = make_document(project, EMOJI_TEXT, name="keys.txt")
    last = document.segments.order_by("index").last()
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk)
    page.locator(f"[data-segment-id='{last.pk}'] .seg-text").focus()
    for _ in range(2):
        page.keyboard.press("Control+Shift+ArrowRight")
    assert page.evaluate("window.getSelection().toString().trim()") == "The minister"
    page.keyboard.press("c")
    form = page.locator("[data-testid=annotation-form]")
    expect(form).to_be_visible()
    expect(form.locator("[name=checkworthy]")).to_be_focused()
    page.keyboard.type("y")
    page.keyboard.press("Tab")
    page.keyboard.type("taxes")
    page.keyboard.press("Enter")
    expect(page.locator("[data-annotation-id][data-label=claim]")).to_have_count(1)
    stored = Annotation.objects.get()
    assert stored.quote == "The minister" and stored.start == last.start
    assert stored.attributes == {"checkworthy": "yes", "topic": "taxes"}
    assert page.evaluate("window.__workbench.timings.tagToHighlight.length") == 1


def test_selection_across_segments(live_server, browser, project, team, label_types):
    """A selection from one segment into the next becomes one annotation whose quote holds
    the text between them, highlighted in both segments."""
    document = make_document(project, EMOJI_TEXT, name="cross.txt")
    first, second, _ = document.segments.order_by("index")
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk)
    page.evaluate(
        """([a, b]) => {
            const first = document.querySelector(`[data-segment-id="${a}"] .seg-text`).firstChild;
            const second = document.querySelector(`[data-segment-id="${b}"] .seg-text`).firstChild;
            const range = document.createRange();
            range.setStart(first, first.data.indexOf("rally"));
            range.setEnd(second, second.data.indexOf(" الوزيرُ"));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }""",
        [first.pk, second.pk],
    )
    page.click("[data-testid=label-claim]")
    page.locator("[data-testid=annotation-form] [name=checkworthy]").select_option("no")
    page.click("[data-testid=annotation-save]")
    expect(page.locator("[data-annotation-id]")).to_have_count(2)
    stored = Annotation.objects.get()
    start = document.text.index("rally")
    end = document.text.index(" الوزيرُ")
    assert (stored.start, stored.end) == (start, end)
    assert stored.quote == document.text[start:end] and "\n\n" in stored.quote
    for segment in (first, second):
        piece = page.locator(f"[data-segment-id='{segment.pk}'] [data-annotation-id='{stored.pk}']")
        expect(piece).to_have_count(1)


def test_document_markup_is_shown_as_text(live_server, browser, project, team, label_types):
    """Text that looks like HTML is shown literally and never runs."""
    text = "Critics wrote <script>window.pwned = 1</script> and <img src=x onerror=window.pwned=2>."
    document = make_document(project, text, name="markup.txt")
    annotation_create(
        actor=acting(team["annotator"], document),
        document=document,
        label_type_id=1,
        start=text.index("<script>"),
        end=text.index("</script>") + 9,
        quote="<script>window.pwned = 1</script>",
        attributes={"checkworthy": "no", "topic": "<b>x</b>"},
    )
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk)
    segment = document.segments.get()
    text_element = page.locator(f"[data-segment-id='{segment.pk}'] .seg-text")
    assert text_element.text_content() == text
    page.click("[data-annotation-id]")
    expect(page.locator("[data-testid=detail-quote]")).to_have_text(
        "<script>window.pwned = 1</script>"
    )
    assert page.evaluate("window.pwned") is None
    assert page.locator("[data-testid=annotation-detail] b").count() == 0


def test_overlapping_and_nested_highlights(live_server, browser, project, team, label_types):
    """Nested and crossing annotations each keep a highlight, the text stays whole, and the
    side list filters by status and jumps to an annotation."""
    text = "The minister said taxes will fall next year."
    document = make_document(project, text, name="overlap.txt")

    def span(words, kind, attributes):
        start = text.index(words)
        return annotation_create(
            actor=acting(team["annotator"], document),
            document=document,
            label_type_id=kind,
            start=start,
            end=start + len(words),
            quote=words,
            attributes=attributes,
        )

    outer = span("The minister said taxes will fall", 1, {"checkworthy": "yes"})
    inner = span("taxes", 2, {"polarity": "neutral"})
    crossing = span("will fall next year", 3, {"kind": "media", "name": "Paper"})
    page = login(browser, live_server.url, "rami")
    open_document(page, live_server.url, document.pk)
    segment = document.segments.get()
    assert page.locator(f"[data-segment-id='{segment.pk}'] .seg-text").text_content() == text
    for annotation in (outer, inner, crossing):
        pieces = page.locator(f"[data-annotation-id='{annotation.pk}']")
        assert pieces.count() >= 1
        assert "".join(pieces.all_text_contents()) == annotation.quote
    depth = page.locator(f"[data-annotation-id='{inner.pk}']").evaluate(
        "element => getComputedStyle(element).getPropertyValue('--depth')"
    )
    assert depth.strip() == "1"
    page.screenshot(
        path=str(SCREENSHOTS / "workspace-overlaps.png"),
        clip={"x": 0, "y": 180, "width": 1000, "height": 120},
    )
    expect(page.locator("#annotation-list [data-id]")).to_have_count(3)
    page.select_option("[data-testid=filter-label]", "stance")
    expect(page.locator("#annotation-list [data-id]")).to_have_count(1)
    expect(page.locator("[data-annotation-id]:not([data-label=stance])")).to_have_count(0)
    page.click(f"#annotation-list [data-id='{inner.pk}']")
    expect(page.locator("[data-testid=detail-quote]")).to_have_text("taxes")
