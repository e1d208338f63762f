"""Mixed Arabic and English segments keep the word order of plain text, in real Chromium.

Each segment of a mixed document is compared, word by word, with the same text in a plain
``<div dir="auto">`` of the same width and font: the boxes of every word must match, with
language runs, highlights (nested and crossing) and the provisional span drawn.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS
from tests.factories import acting, make_document
from tests.web.workspace_helpers import login, open_document, select_text
from workbench.annotation.services import annotation_create
from workbench.language.direction import text_direction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIXED = "\n".join(
    (
        "قال المتحدث باسم وزارة الصحة إن WHO لم ترسل أي شحنات منذ أسبوعين.",
        "أعلن Antonio Guterres أن الأمم المتحدة ستعقد جلسة طارئة يوم الاثنين.",
        "نشرت وكالة Reuters تقريراً مفصلاً على الرابط https://www.reuters.com/world/middle-east/"
        " صباح اليوم.",
        "ارتفعت نسبة البطالة إلى 23.5% في الربع الأخير وفق بيانات IMF الجديدة.",
        "كتب الصحفي في تغريدته: «لن نصمت بعد اليوم» ثم غادر القاعة نحو مقر CNN.",
        'وقال الوزير بالإنجليزية "we will not accept this" قبل أن يكمل حديثه بالعربية.',
        "أكد الأمين العام لحلف NATO أن 40% من المساعدات وصلت إلى غزة عبر معبر رفح.",
        '"We need a ceasefire now," قالت المتحدثة باسم UNICEF في مؤتمر صحفي.',
        "2024: قررت الحكومة رفع الضرائب بنسبة 15% على شركات BP وShell العاملة في البلاد.",
        "The crowd chanted «الشعب يريد إسقاط النظام» outside the parliament building.",
        'Protesters carried banners reading "عاش الوطن" and "Freedom now" through the square.',
        "The minister said in Arabic: «لا تفاوض قبل وقف إطلاق النار» and left the room.",
        "According to Al Jazeera, the slogan «حرية، كرامة، عدالة» spread across 12 cities.",
        'Residents told the BBC that "الوضع كارثي" after 70% of the homes lost power.',
    )
)

# For each segment: the box of every word in the workspace and in a plain dir="auto" copy of
# the same text, width and font, relative to each element's own box.
WORD_BOXES = """(segmentId) => {
  const text = document.querySelector(`[data-segment-id="${segmentId}"] .seg-text`);
  const style = getComputedStyle(text);
  const plain = document.createElement("div");
  plain.dir = "auto";
  for (const property of ["font-family", "font-size", "font-weight", "line-height",
      "white-space", "overflow-wrap", "word-break", "letter-spacing", "padding-left",
      "padding-right", "box-sizing"]) {
    plain.style.setProperty(property, style.getPropertyValue(property));
  }
  plain.style.width = `${text.getBoundingClientRect().width}px`;
  plain.style.position = "absolute";
  plain.style.insetBlockStart = "0";
  plain.style.insetInlineStart = "0";
  plain.style.visibility = "hidden";
  plain.textContent = text.textContent;
  document.body.append(plain);
  const words = [];
  const pattern = /\\S+/g;
  for (const match of plain.textContent.matchAll(pattern)) {
    words.push([match.index, match.index + match[0].length, match[0]]);
  }
  const boxes = (root) => {
    const origin = root.getBoundingClientRect();
    const point = (units) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (units <= node.length) return [node, units];
        units -= node.length;
      }
      throw new Error("offset past the text");
    };
    return words.map(([from, to]) => {
      const range = document.createRange();
      range.setStart(...point(from));
      range.setEnd(...point(to));
      const box = range.getBoundingClientRect();
      return [box.left - origin.left, box.top - origin.top, box.width];
    });
  };
  const result = {
    words: words.map((word) => word[2]),
    shown: boxes(text),
    plain: boxes(plain),
    dir: text.dir,
    plainDir: getComputedStyle(plain).direction,
    runs: text.querySelectorAll(".run").length,
  };
  plain.remove();
  return result;
}"""


def misplaced(measured: dict, tolerance: float = 1.5) -> list[str]:
    """The words whose box differs from the plain rendering's, described for the failure."""
    wrong = []
    boxes = zip(measured["words"], measured["shown"], measured["plain"], strict=True)
    for word, shown, plain in boxes:
        if any(abs(a - b) > tolerance for a, b in zip(shown, plain, strict=True)):
            wrong.append(f"{word}: shown at {shown[:2]}, plain text at {plain[:2]}")
    return wrong


def assert_plain_order(page, segments) -> int:
    """Every segment's words sit where plain text puts them; return how many had runs."""
    with_runs = 0
    for segment in segments:
        measured = page.evaluate(WORD_BOXES, segment.pk)
        assert not misplaced(measured), (segment.text, misplaced(measured))
        assert measured["dir"] == measured["plainDir"] == text_direction(segment.text)
        with_runs += measured["runs"] > 1
    return with_runs


def test_mixed_segments_keep_the_order_of_plain_text(
    live_server, browser, project, team, label_types
):
    """Arabic with Latin names, acronyms, a URL, percentages and quotes, and English with
    Arabic quotes and slogans: each word is drawn where a plain dir="auto" div draws it, with
    the runs marked, with nested and crossing highlights, and with a provisional span."""
    document = make_document(project, MIXED, name="mixed.txt")
    segments = list(document.segments.order_by("index"))
    assert len(segments) == 14
    actor = acting(team["annotator"], document)

    def tag(segment, words: str, label: int, attributes: dict):
        start = segment.start + segment.text.index(words)
        annotation_create(
            actor=actor,
            document=document,
            label_type_id=label,
            start=start,
            end=start + len(words),
            quote=words,
            attributes=attributes,
        )

    claim, stance, source = (label_types[name].pk for name in ("claim", "stance", "source"))
    tag(segments[0], "إن WHO لم ترسل", claim, {"checkworthy": "yes"})
    tag(segments[0], "WHO لم ترسل أي شحنات", stance, {"polarity": "neutral"})
    ministry = {"kind": "organization", "name": "وزارة الصحة"}
    tag(segments[0], "المتحدث باسم وزارة الصحة", source, ministry)
    tag(segments[9], "chanted «الشعب يريد", claim, {"checkworthy": "yes"})
    tag(segments[9], "يريد إسقاط النظام» outside", stance, {"polarity": "neutral"})
    tag(segments[7], 'ceasefire now," قالت', claim, {"checkworthy": "no"})

    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk)
    assert assert_plain_order(page, segments) >= 12
    page.screenshot(path=str(SCREENSHOTS / "bidi-mixed.png"), full_page=True)

    select_text(page, segments[3].pk, "البطالة إلى 23.5% في الربع")
    page.keyboard.press("c")
    expect(page.locator("[data-testid=annotation-form]")).to_be_visible()
    expect(page.locator("mark.provisional")).not_to_have_count(0)
    assert_plain_order(page, segments[3:4])
    page.screenshot(path=str(SCREENSHOTS / "bidi-provisional.png"))


def test_drafts_take_the_direction_of_their_first_strong_character(
    live_server, browser, project, team, label_types
):
    """A draft that starts with an English name inside Arabic is still right-to-left when
    Arabic comes first, and left-to-right when a Latin letter does."""
    from workbench.translation.services import translation_create

    document = make_document(project, "The minister said taxes will fall.\n\nNATO met today.")
    first, second = document.segments.order_by("index")
    actor = acting(team["reviewer"], document)
    translation_create(actor=actor, segment=first, target="ar", text="«قال الوزير» إن BBC")
    translation_create(actor=actor, segment=second, target="ar", text="2024 NATO اجتمع")
    page = login(browser, live_server.url, "rami")
    open_document(page, live_server.url, document.pk, "?target=ar")
    drafts = page.locator("[data-role=draft-text]")
    expect(drafts).to_have_count(2)
    assert drafts.evaluate_all("nodes => nodes.map((node) => node.dir)") == ["rtl", "ltr"]
