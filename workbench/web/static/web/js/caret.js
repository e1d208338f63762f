/**
 * A keyboard caret inside a segment's text, so any span can be tagged without a mouse.
 *
 * Arrow keys move the caret by character (with Ctrl by word), Home and End to the ends of the
 * line (with Ctrl to the ends of the segment); with Shift they extend the selection from it.
 * Moves go through Selection.modify: "left" and "right" follow the direction of the segment,
 * and a letter with its harakat (one grapheme cluster) is one step. The text is not editable,
 * so the browser draws no caret: the collapsed selection is drawn as a thin bar. The caret
 * never leaves the segment it is in; j and k move between segments.
 */

const KEYS = new Set(["ArrowLeft", "ArrowRight", "Home", "End"]);

export class Caret {
  constructor(root) {
    this.root = root;
    this.bar = document.createElement("span");
    this.bar.className = "caret";
    this.bar.hidden = true;
    this.bar.setAttribute("aria-hidden", "true");
    this.bar.dataset.testid = "caret";
    document.body.append(this.bar);
    this.pointer = false;
    root.addEventListener("pointerdown", () => {
      this.pointer = true;
    });
    root.addEventListener("focusin", (event) => {
      const text = event.target.closest?.(".seg-text");
      if (text && !this.pointer) this.place(text);
      this.pointer = false;
      this.draw();
    });
    root.addEventListener("focusout", () => queueMicrotask(() => this.draw()));
    document.addEventListener("selectionchange", () => this.draw());
    window.addEventListener("resize", () => this.draw());
  }

  /** Whether `event` is a caret key (arrows, Home, End; with Shift and Ctrl or not). */
  static handles(event) {
    return KEYS.has(event.key) && !event.altKey && !event.metaKey;
  }

  /** Put the caret at the start of `text` unless the selection is already inside it. */
  place(text) {
    const selection = window.getSelection();
    if (selection.rangeCount && text.contains(selection.focusNode)) return;
    const first = document.createTreeWalker(text, NodeFilter.SHOW_TEXT).nextNode();
    if (first) selection.collapse(first, 0);
    else selection.collapse(text, 0);
  }

  /** Move or extend from the caret for a key event inside `text`. */
  move(text, event) {
    this.place(text);
    const selection = window.getSelection();
    const before = [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset];
    const alter = event.shiftKey ? "extend" : "move";
    if (event.key === "Home" || event.key === "End") {
      const granularity = event.ctrlKey ? "paragraphboundary" : "lineboundary";
      selection.modify(alter, event.key === "Home" ? "backward" : "forward", granularity);
    } else {
      const direction = event.key === "ArrowLeft" ? "left" : "right";
      selection.modify(alter, direction, event.ctrlKey ? "word" : "character");
    }
    if (!text.contains(selection.focusNode)) selection.setBaseAndExtent(...before);
    this.draw();
  }

  /** Draw the bar where a collapsed selection sits in the focused segment, or hide it. */
  draw() {
    const selection = window.getSelection();
    const text = document.activeElement?.closest?.(".seg-text");
    const inside =
      text && this.root.contains(text) && selection?.rangeCount && selection.isCollapsed && text.contains(selection.focusNode);
    const box = inside ? caretBox(selection.getRangeAt(0)) : null;
    if (!box) {
      this.bar.hidden = true;
      return;
    }
    this.bar.hidden = false;
    this.bar.style.insetInlineStart = "auto";
    this.bar.style.left = `${box.left + window.scrollX}px`;
    this.bar.style.top = `${box.top + window.scrollY}px`;
    this.bar.style.height = `${box.height}px`;
    this.bar.classList.remove("blink");
    void this.bar.offsetWidth;
    this.bar.classList.add("blink");
  }
}

/** The screen box of a collapsed range, or null when the browser gives none. */
function caretBox(range) {
  const rects = range.getClientRects();
  const box = rects.length ? rects[0] : range.getBoundingClientRect();
  return box.height > 0 ? box : null;
}
