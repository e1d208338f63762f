"""The Arabic interface in Chromium: no interface string is left in English.

The test walks every visible text node of the project page, the workspace, the tag form, the
annotation panel and the shortcuts sheet, leaves out what is data (document text, quotes,
user names, titles: everything the pages isolate with ``dir="auto"`` or ``<bdi>``), and
expects no Latin letters in what remains, apart from product and format names.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS
from tests.factories import acting, make_document
from tests.web.workspace_helpers import login, open_document, select_text
from workbench.annotation.services import annotation_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "قال المتحدث باسم وزارة الصحة إن WHO لم ترسل أي شحنات منذ أسبوعين.\n\n"
    "The crowd chanted «الشعب يريد إسقاط النظام» outside the parliament building.\n\n"
    "Residents said the water network was hit.\n"
    "نُشِرَ هذا التقرير في الصباح الباكر من يوم الاثنين في العاصمة 💧🌍\n"
    "According to the ministry, the damage is severe."
)

# Visible interface text: text nodes outside data, each with the tag and class of its parent.
INTERFACE_TEXT = """() => {
  const data = ".seg-text, .draft-text, [dir=auto], bdi, q, blockquote, kbd, code, script, style," +
    " [data-testid=interface-language], .brand, [lang]:not(html)";
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest(data)) continue;
    if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
    found.push(`${parent.tagName.toLowerCase()}.${parent.className}: ${text}`);
  }
  for (const select of document.querySelectorAll("select")) {
    if (select.closest(data) || !select.checkVisibility()) continue;
    for (const option of select.options) {
      if (!option.matches(data)) found.push(`option: ${option.textContent.trim()}`);
    }
  }
  for (const element of document.querySelectorAll("[title], [aria-label], [placeholder]")) {
    if (element.closest(data) || !element.checkVisibility()) continue;
    for (const name of ["title", "aria-label", "placeholder"]) {
      const value = element.getAttribute(name);
      if (value) found.push(`${element.tagName.toLowerCase()}[${name}]: ${value}`);
    }
  }
  return found;
}"""

# Product, format and key names stay as they are; so do single letters (shortcut keys).
ALLOWED = re.compile(
    r"\b(Workbench|JSONL|JSON-LD|CSV|TMX|XLIFF|W3C|Web Annotation|Excel|doccano"
    r"|Ctrl|Shift|Esc|Enter|Tab|Home|End"
    r"|txt|md|UTF-8|[a-z])\b"
)
LATIN = re.compile(r"[A-Za-z]")


def untranslated(page) -> list[str]:
    """Interface strings of the page that still hold Latin letters."""
    found = page.evaluate(INTERFACE_TEXT)
    return [text for text in found if LATIN.search(ALLOWED.sub("", text.split(": ", 1)[1]))]


def test_arabic_interface_leaves_nothing_in_english(
    live_server, browser, project, team, label_types
):
    """In Arabic, the project page, the workspace, the tag form, the annotation panel and the
    shortcuts sheet show no English interface string: label types, attribute names and their
    values, language badges and the "already in" message are all translated, and a line that
    ends in emoji is its own segment."""
    document = make_document(project, TEXT, name="mixed.txt")
    segments = list(document.segments.order_by("index"))
    assert [segment.text for segment in segments[3:]] == [
        "نُشِرَ هذا التقرير في الصباح الباكر من يوم الاثنين في العاصمة 💧🌍",
        "According to the ministry, the damage is severe.",
    ]
    first = segments[0]
    annotation_create(
        actor=acting(team["annotator"], document),
        document=document,
        label_type_id=label_types["stance"].pk,
        start=first.start,
        end=first.start + 10,
        quote=first.text[:10],
        attributes={"polarity": "against"},
    )
    page = login(browser, live_server.url, "mona")
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.select_option("[data-testid=interface-language]", "ar")
    page.click(".lang-switch button")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert untranslated(page) == []

    open_document(page, live_server.url, document.pk, "?target=ar")
    assert untranslated(page) == []
    badges = page.locator("[data-role=language]")
    assert badges.all_text_contents()[:3] == ["العربيّة", "مختلط", "الإنجليزيّة"]
    expect(page.locator(f"[data-segment-id='{first.pk}'] .seg-translation")).to_contain_text(
        "مكتوب أصلًا بـالعربيّة"
    )
    page.screenshot(path=str(SCREENSHOTS / "workspace-arabic-interface.png"))

    page.locator("mark[data-annotation-id]").first.click()
    expect(page.locator("[data-testid=detail-quote]")).to_be_visible()
    expect(page.locator(".attributes")).to_have_text("الموقفمعارض")
    assert untranslated(page) == []
    page.keyboard.press("Escape")

    select_text(page, segments[2].pk, "water network")
    page.keyboard.press("c")
    form = page.locator("[data-testid=annotation-form]")
    expect(form).to_be_visible()
    expect(form.locator("label[for=attr-checkworthy]")).to_contain_text("جدير بالتحقق")
    assert form.locator("[name=checkworthy] option").all_text_contents() == ["اختر…", "نعم", "لا"]
    assert untranslated(page) == []
    page.screenshot(path=str(SCREENSHOTS / "workspace-arabic-form.png"))
    page.keyboard.press("Escape")

    page.keyboard.press("?")
    expect(page.locator("#shortcuts-dialog")).to_be_visible()
    assert untranslated(page) == []


def test_notices_leave_the_draft_buttons_free(live_server, browser, project, team, label_types):
    """A notice (here: an annotator may not change a segment's language) shows in a corner
    where it covers neither the text nor any draft button."""
    document = make_document(project, "\n\n".join([TEXT] * 8), name="long.txt")
    page = login(browser, live_server.url, "amal")
    open_document(page, live_server.url, document.pk, "?target=ar")
    page.locator("[data-role=language]").nth(2).click()
    notice = page.locator("#live-region.shown")
    expect(notice).to_be_visible()
    covered = page.evaluate(
        """() => {
      const notice = document.getElementById("live-region").getBoundingClientRect();
      const overlaps = (box) => box.left < notice.right && notice.left < box.right &&
        box.top < notice.bottom && notice.top < box.bottom;
      return [...document.querySelectorAll(".seg-translation button, .seg-text")]
        .filter((element) => overlaps(element.getBoundingClientRect())).length;
    }"""
    )
    assert covered == 0


def test_language_menu_is_not_cut_off(live_server, browser, project, team, label_types):
    """At 1280 px the override menu of a segment shows its whole current choice."""
    document = make_document(project, TEXT, name="mixed.txt")
    page = login(browser, live_server.url, "rami")
    open_document(page, live_server.url, document.pk)
    page.locator("[data-role=language]").first.click()
    menu = page.locator("[data-testid=language-override]")
    expect(menu).to_be_focused()
    fits = """select => {
      const context = document.createElement("canvas").getContext("2d");
      context.font = getComputedStyle(select).font;
      const widest = Math.max(...[...select.options].map((o) => context.measureText(o.text).width));
      return select.getBoundingClientRect().width >= widest + 16;
    }"""
    assert menu.evaluate(fits)
    assert menu.evaluate(
        "select => select.getBoundingClientRect().right <= document.documentElement.clientWidth"
    )
