/**
 * The document reader: draws each segment's runs and highlights, keeps the user's selection
 * across redraws, and gives the keyboard a caret, a way to move between segments and select text.
 */

import { api, urls } from "./api.js";
import { Caret } from "./caret.js";
import { fill, gettext } from "./i18n.js";
import { escapeHtml, segmentHtml } from "./render.js";

export class Reader extends EventTarget {
  constructor(list, store, mapper, announce) {
    super();
    this.list = list;
    this.store = store;
    this.mapper = mapper;
    this.announce = announce;
    this.provisional = null;
    this.rows = new Map();
    this.caret = new Caret(list);
    for (const row of list.querySelectorAll("[data-segment-id]")) {
      this.rows.set(Number(row.dataset.segmentId), row);
    }
    store.addEventListener("annotations", (event) => this.redraw(event.detail.segments));
    store.addEventListener("segments", (event) => {
      this.redraw(event.detail.segments);
      for (const id of event.detail.segments) this.drawBadge(id);
    });
    list.addEventListener("click", (event) => this.#onClick(event));
    list.addEventListener("keydown", (event) => this.#onKey(event));
  }

  textElement(segmentId) {
    return this.rows.get(segmentId)?.querySelector(".seg-text") ?? null;
  }

  /** Draw one segment's text (runs and highlights) and its language attributes. */
  draw(segment) {
    const row = this.rows.get(segment.id);
    if (!row) return;
    const text = row.querySelector(".seg-text");
    const annotations = this.store.annotationsIn(segment.id).filter((a) => this.store.matches(a));
    const provisional =
      this.provisional && this.provisional.start < segment.end && this.provisional.end > segment.start
        ? this.provisional
        : null;
    const plain = annotations.length === 0 && !provisional && (segment.runs?.length ?? 0) < 2;
    if (plain) {
      if (text.childElementCount) text.textContent = segment.text;
    } else {
      text.innerHTML = segmentHtml(segment, annotations, provisional, this.store.labelTypes);
    }
    const language = segment.effective_language;
    if (language && language !== "mixed" && language !== "und") text.lang = language;
    else text.removeAttribute("lang");
    row.toggleAttribute("data-mixed", language === "mixed");
  }

  drawBadge(segmentId) {
    const segment = this.store.segmentById.get(segmentId);
    const badge = this.rows.get(segmentId)?.querySelector("[data-role=language]");
    if (!segment || !badge) return;
    const language = segment.effective_language;
    const name = this.store.languageName(language);
    badge.textContent = name;
    badge.dataset.lang = language;
    badge.classList.toggle("overridden", Boolean(segment.language_override));
    const detected = segment.language_override
      ? fill(gettext("detected: %(code)s"), { code: this.store.languageName(segment.language) })
      : "";
    badge.title = [fill(gettext("Segment language: %(code)s"), { code: name }), detected].filter(Boolean).join(" · ");
    badge.setAttribute("aria-label", badge.title);
  }

  /** Redraw segments by id (all when `ids` is null), keeping the user's selection. */
  redraw(ids) {
    const saved = this.mapper.raw();
    const segments = ids === null ? this.store.segments : [...ids].map((id) => this.store.segmentById.get(id));
    for (const segment of segments) if (segment) this.draw(segment);
    if (saved) this.mapper.restore(saved);
  }

  /** Show (or clear, with null) the span being tagged, in its label's colour. */
  setProvisional(provisional) {
    const touched = new Set();
    for (const span of [this.provisional, provisional]) {
      if (!span) continue;
      for (const segment of this.store.segmentsOverlapping(span.start, span.end)) touched.add(segment.id);
    }
    this.provisional = provisional;
    this.redraw(touched);
  }

  /** Scroll to an annotation's first highlight and flash it. */
  reveal(annotationId) {
    const annotation = this.store.annotations.get(annotationId);
    if (!annotation) return;
    const [segment] = this.store.segmentsOverlapping(annotation.start, annotation.end);
    for (const touched of this.store.segmentsOverlapping(annotation.start, annotation.end)) this.draw(touched);
    const mark = this.list.querySelector(`[data-annotation-id="${annotationId}"]`);
    const target = mark ?? this.textElement(segment?.id);
    target?.scrollIntoView({ block: "center", behavior: "instant" });
    if (mark) {
      for (const piece of this.list.querySelectorAll(`[data-annotation-id="${annotationId}"]`)) {
        piece.classList.remove("flash");
        void piece.offsetWidth;
        piece.classList.add("flash");
      }
    }
  }

  /** Annotations covering a document offset, innermost first. */
  annotationsAt(offset) {
    const [segment] = this.store.segmentsOverlapping(offset, offset + 1);
    if (!segment) return [];
    return this.store
      .annotationsIn(segment.id)
      .filter((a) => a.start <= offset && a.end > offset)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  #onClick(event) {
    const badge = event.target.closest("[data-role=language]");
    if (badge) {
      this.#editLanguage(badge);
      return;
    }
    const mark = event.target.closest("mark[data-annotation-id]");
    if (!mark) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    this.dispatchEvent(new CustomEvent("open", { detail: { id: Number(mark.dataset.annotationId) } }));
  }

  #onKey(event) {
    const text = event.target.closest?.(".seg-text");
    if (!text) return;
    const row = text.closest("[data-segment-id]");
    if (Caret.handles(event)) {
      event.preventDefault();
      this.caret.move(text, event);
      return;
    }
    if (!event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "j" || event.key === "k")) {
      const sibling = event.key === "j" ? row.nextElementSibling : row.previousElementSibling;
      const next = sibling?.querySelector(".seg-text");
      if (next) {
        event.preventDefault();
        window.getSelection()?.removeAllRanges();
        next.focus();
      }
      return;
    }
    if (event.key === "Enter") {
      const selection = window.getSelection();
      let offset = this.store.segmentById.get(Number(row.dataset.segmentId)).start;
      if (selection?.rangeCount && text.contains(selection.focusNode)) {
        offset = this.mapper.pointOffset(selection.focusNode, selection.focusOffset, true);
      }
      const [innermost] = this.annotationsAt(offset);
      const fallback = this.store.annotationsIn(Number(row.dataset.segmentId))[0];
      const chosen = innermost ?? fallback;
      if (chosen) {
        event.preventDefault();
        this.dispatchEvent(new CustomEvent("open", { detail: { id: chosen.id } }));
      }
    }
  }

  #editLanguage(badge) {
    if (!this.store.me.can_review) {
      this.announce(gettext("Only reviewers may change a segment's language."));
      return;
    }
    const row = badge.closest("[data-segment-id]");
    const segment = this.store.segmentById.get(Number(row.dataset.segmentId));
    const choices = new Set(this.store.languageChoices);
    choices.add(segment.language);
    const name = (code) => this.store.languageName(code);
    const options = [
      `<option value="">${escapeHtml(fill(gettext("detected: %(code)s"), { code: name(segment.language) }))}</option>`,
      ...[...choices].map(
        (code) => `<option value="${escapeHtml(code)}"${code === segment.language_override ? " selected" : ""}>${escapeHtml(name(code))}</option>`,
      ),
    ].join("");
    const select = document.createElement("select");
    select.className = "lang-select";
    select.setAttribute("aria-label", gettext("Segment language"));
    select.dataset.testid = "language-override";
    select.innerHTML = options;
    badge.hidden = true;
    badge.after(select);
    select.focus();
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      select.removeEventListener("blur", finish);
      select.remove();
      badge.hidden = false;
    };
    select.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        finish();
        badge.focus();
      }
    });
    select.addEventListener("blur", finish);
    select.addEventListener("change", async () => {
      const value = select.value;
      finish();
      try {
        const { data } = await api.patch(urls.segment(segment.id), { language_override: value });
        this.store.putSegment(data);
        this.announce(fill(gettext("Segment language set to %(code)s."), { code: this.store.languageName(data.effective_language) }));
      } catch (error) {
        this.announce(error.message, true);
      }
      badge.focus();
    });
  }
}
