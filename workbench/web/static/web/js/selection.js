/**
 * The reader's selection as document code-point offsets, and back.
 *
 * A DOM boundary point is measured in UTF-16 units inside a segment's text element and
 * converted with offsets.js; a point outside any text element snaps to the nearest text
 * in the direction that keeps the selection inside what the user covered.
 */

import { toCodePoints, toUtf16 } from "./offsets.js";

const TEXT = ".seg-text";

function textElementOf(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element?.closest(TEXT) ?? null;
}

/** Units of text from the start of `textElement` to the DOM point (node, offset). */
function unitsBefore(textElement, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(textElement);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The segment text element at or after (forward) / before (backward) a DOM point. */
function nearestText(root, node, forward) {
  const all = root.querySelectorAll(TEXT);
  let low = 0;
  let high = all.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const position = all[middle].compareDocumentPosition(node);
    const nodeIsAfter =
      position & Node.DOCUMENT_POSITION_FOLLOWING || position & Node.DOCUMENT_POSITION_CONTAINED_BY;
    if (nodeIsAfter) low = middle + 1;
    else high = middle;
  }
  return forward ? all[low] ?? null : all[low - 1] ?? null;
}

export class SelectionMapper {
  constructor(root, store) {
    this.root = root;
    this.store = store;
  }

  segmentOf(textElement) {
    return this.store.segmentById.get(Number(textElement.closest("[data-segment-id]").dataset.segmentId));
  }

  /** The document offset of a DOM point; `forward` says which way to snap outside text. */
  pointOffset(node, offset, forward) {
    let textElement = textElementOf(node);
    if (textElement && this.root.contains(textElement)) {
      const segment = this.segmentOf(textElement);
      return segment.start + toCodePoints(segment.text, unitsBefore(textElement, node, offset));
    }
    textElement = nearestText(this.root, node.nodeType === Node.ELEMENT_NODE && node.childNodes[offset] ? node.childNodes[offset] : node, forward);
    if (!textElement) return null;
    const segment = this.segmentOf(textElement);
    return forward ? segment.start : segment.end;
  }

  /** The current selection as {start, end, quote} with surrounding white space trimmed. */
  current() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!this.root.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== this.root) {
      return null;
    }
    let start = this.pointOffset(range.startContainer, range.startOffset, true);
    let end = this.pointOffset(range.endContainer, range.endOffset, false);
    if (start === null || end === null || start >= end) return null;
    const quote = this.store.quote(start, end);
    const leading = quote.length - quote.trimStart().length;
    const trailing = quote.length - quote.trimEnd().length;
    const trimmed = quote.trim();
    if (!trimmed) return null;
    start += toCodePoints(quote, leading);
    end -= toCodePoints(quote.slice(quote.length - trailing), trailing);
    return { start, end, quote: trimmed };
  }

  /** The DOM point for a document offset (inside the segment holding it). */
  domPoint(offset, preferEnd) {
    const segments = this.store.segmentsOverlapping(preferEnd ? offset - 1 : offset, preferEnd ? offset : offset + 1);
    const segment = segments[preferEnd ? segments.length - 1 : 0];
    if (!segment) return null;
    const textElement = this.root.querySelector(`[data-segment-id="${segment.id}"] ${TEXT}`);
    let units = toUtf16(segment.text, Math.max(0, Math.min(offset, segment.end) - segment.start));
    const walker = document.createTreeWalker(textElement, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node) {
      if (units <= node.length) return { node, offset: units };
      units -= node.length;
      node = walker.nextNode();
    }
    return { node: textElement, offset: textElement.childNodes.length };
  }

  /** The selection's anchor and focus as document offsets, or null outside the reader. */
  raw() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!this.root.contains(range.commonAncestorContainer)) return null;
    const backward = range.startContainer !== selection.anchorNode || range.startOffset !== selection.anchorOffset;
    const start = this.pointOffset(range.startContainer, range.startOffset, true);
    const end = this.pointOffset(range.endContainer, range.endOffset, false);
    if (start === null || end === null || start > end) return null;
    return backward ? { anchor: end, focus: start } : { anchor: start, focus: end };
  }

  /** Put back a selection saved by raw() (after a redraw replaced the DOM under it). */
  restore(saved) {
    if (!saved) return;
    const forward = saved.anchor <= saved.focus;
    const anchor = this.domPoint(saved.anchor, !forward);
    const focus = this.domPoint(saved.focus, forward && saved.focus > saved.anchor);
    if (!anchor || !focus) return;
    window.getSelection().setBaseAndExtent(anchor.node, anchor.offset, focus.node, focus.offset);
  }
}
