/**
 * The document workspace: wires the reader, tagging, the annotation panel, translation drafts,
 * the side list and live updates to the data delivered with the page.
 */

import { ConflictDialog } from "./conflict.js";
import { DetailPanel } from "./detail.js";
import { LiveFeed } from "./live.js";
import { Reader } from "./reader.js";
import { SelectionMapper } from "./selection.js";
import { Sidebar } from "./sidebar.js";
import { Store } from "./store.js";
import { Tagger, isTyping } from "./tagging.js";
import { TranslationColumn } from "./translations.js";

const NOTICE_MS = 6000;
/** Segments drawn before the page counts as ready: those around the viewport. */
const FIRST_SEGMENTS = 80;
/** Milliseconds of background drawing at a time. */
const SLICE_MS = 8;

/** The position of the segment in the middle of the screen (0 when none is there). */
function visibleIndex() {
  const element = document.elementFromPoint(window.innerWidth / 3, window.innerHeight / 2);
  const row = element?.closest?.("[data-segment-id]");
  return row ? Number(row.dataset.index) : 0;
}

/**
 * Draw every segment with `drawOne`: those around the viewport now, the others in idle time,
 * so a long document is usable at once. Resolves when all are drawn.
 */
function drawInSlices(segments, drawOne) {
  const centre = visibleIndex();
  const from = Math.max(0, centre - FIRST_SEGMENTS / 4);
  const first = segments.slice(from, from + FIRST_SEGMENTS);
  const rest = [...segments.slice(0, from), ...segments.slice(from + FIRST_SEGMENTS)];
  for (const segment of first) drawOne(segment);
  const idle =
    window.requestIdleCallback ?? ((callback) => setTimeout(() => callback({ didTimeout: true }), 0));
  let next = 0;
  return new Promise((resolve) => {
    const slice = (deadline) => {
      // Short slices, so a keystroke never waits long behind the background drawing.
      const budget = deadline.didTimeout ? SLICE_MS : Math.min(SLICE_MS, deadline.timeRemaining());
      const until = performance.now() + budget;
      do {
        drawOne(rest[next]);
        next += 1;
      } while (next < rest.length && performance.now() < until);
      if (next < rest.length) idle(slice, { timeout: 200 });
      else resolve();
    };
    if (rest.length) idle(slice, { timeout: 200 });
    else resolve();
  });
}

function announcer(region) {
  let timer = null;
  return (message, isError = false) => {
    region.textContent = message;
    region.classList.toggle("error", isError);
    region.classList.add("shown");
    clearTimeout(timer);
    timer = setTimeout(() => region.classList.remove("shown"), NOTICE_MS);
  };
}

function boot() {
  window.__workbench = { timings: { tagToHighlight: [] }, ready: false };
  const root = document.getElementById("workspace");
  const payload = JSON.parse(document.getElementById("workspace-data").textContent);
  const list = document.getElementById("segments");
  const announce = announcer(document.getElementById("live-region"));
  const store = new Store(payload);
  const mapper = new SelectionMapper(list, store);
  const conflicts = new ConflictDialog(document.getElementById("conflict-dialog"));
  const reader = new Reader(list, store, mapper, announce);
  const translations = new TranslationColumn({
    store,
    reader,
    targetSelect: document.getElementById("target-language"),
    draftButton: document.getElementById("draft-document"),
    progress: document.getElementById("job-progress"),
    announce,
    conflicts,
  });
  const tagger = new Tagger({
    store,
    reader,
    mapper,
    dialog: document.getElementById("annotation-dialog"),
    toolbar: root.querySelector("[role=toolbar]"),
    announce,
    conflicts,
  });
  const detail = new DetailPanel({ panel: document.getElementById("detail"), store, reader, tagger, announce });
  const sidebar = new Sidebar({
    list: document.getElementById("annotation-list"),
    filters: document.getElementById("annotation-filters"),
    count: document.getElementById("annotation-count"),
    store,
  });
  reader.addEventListener("open", (event) => detail.open(event.detail.id));
  sidebar.addEventListener("open", (event) => detail.open(event.detail.id));
  const shortcuts = document.getElementById("shortcuts-dialog");
  document.addEventListener("keydown", (event) => {
    if (event.key === "?" && !isTyping(event)) shortcuts.showModal();
  });
  const live = new LiveFeed({ store, detail, cursor: payload.activity_cursor, announce });
  Object.assign(window.__workbench, { store, reader, live });
  const drawn = drawInSlices(store.segments, (segment) => {
    reader.draw(segment);
    if (segment.language_override) reader.drawBadge(segment.id);
    translations.draw(segment);
  });
  performance.mark("workspace-ready");
  window.__workbench.ready = true;
  root.dataset.ready = "true";
  live.start();
  requestAnimationFrame(() => sidebar.render());
  drawn.then(() => {
    performance.mark("workspace-drawn");
    root.dataset.drawn = "true";
  });
}

boot();
