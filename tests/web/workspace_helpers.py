"""Helpers for driving the workspace in Chromium: logging in and selecting text."""

from playwright.sync_api import Browser, Page

from tests.web.conftest import PASSWORD

SELECT = """([segmentId, needle, occurrence]) => {
  const text = document.querySelector(`[data-segment-id="${segmentId}"] .seg-text`);
  const whole = text.textContent;
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) at = whole.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in segment ${segmentId}`);
  const point = (units) => {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (units <= node.length) return [node, units];
      units -= node.length;
    }
    throw new Error("offset past the text");
  };
  const range = document.createRange();
  range.setStart(...point(at));
  range.setEnd(...point(at + needle.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const box = range.getBoundingClientRect();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}"""


def login(browser: Browser, base_url: str, username: str, **context) -> Page:
    """A new browser context logged in through the login form (closed by the `browser`
    fixture after the test)."""
    options = {"viewport": {"width": 1280, "height": 800}, **context}
    page = browser.new_context(**options).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.goto(f"{base_url}/")
    page.wait_for_url("**/accounts/login/?next=/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_url(f"{base_url}/")
    return page


def open_document(page: Page, base_url: str, document_id: int, query: str = "") -> None:
    """Open a document's workspace and wait until it is ready."""
    page.goto(f"{base_url}/documents/{document_id}/{query}")
    page.wait_for_selector("#workspace[data-ready=true]")


def select_text(page: Page, segment_id: int, needle: str, occurrence: int = 0) -> dict:
    """Select `needle` inside a segment's text (as a mouse drag would); return its centre."""
    return page.evaluate(SELECT, [segment_id, needle, occurrence])


def word_centre(page: Page, segment_id: int, needle: str) -> dict:
    """The screen centre of `needle` in a segment, for clicking on it; clears the selection."""
    page.locator(f"[data-segment-id='{segment_id}'] .seg-text").scroll_into_view_if_needed()
    centre = select_text(page, segment_id, needle)
    page.evaluate("window.getSelection().removeAllRanges()")
    return centre
