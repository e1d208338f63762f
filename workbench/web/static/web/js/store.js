/**
 * The workspace's state: segments, annotations, links and translation drafts of one document,
 * indexed for the renderer. Changes are announced as events naming what must be redrawn.
 */

import { codePointIndex } from "./offsets.js";

export class Store extends EventTarget {
  constructor(payload) {
    super();
    this.document = payload.document;
    this.me = payload.me;
    this.members = payload.members;
    this.target = payload.target;
    this.linkTypes = payload.link_types;
    this.languageChoices = payload.language_choices ?? [];
    this.languageNames = new Map(Object.entries(payload.language_names ?? {}));
    this.filter = { label: "", status: "", author: null };
    this.labelTypes = new Map(payload.label_types.map((label) => [label.id, label]));
    this.labelsByName = new Map(payload.label_types.map((label) => [label.name, label]));
    this.textIndex = codePointIndex(this.document.text);
    this.segments = payload.segments;
    for (const segment of this.segments) segment.text ??= this.quote(segment.start, segment.end);
    this.segmentById = new Map(this.segments.map((segment) => [segment.id, segment]));
    this.starts = this.segments.map((segment) => segment.start);
    this.annotations = new Map();
    this.bySegment = new Map();
    this.links = new Map();
    this.translations = new Map();
    for (const annotation of payload.annotations) this.#index(annotation);
    for (const link of payload.links) this.links.set(link.id, link);
    for (const translation of payload.translations) this.translations.set(translation.segment, translation);
  }

  /** A language's name in the interface language (the page brings them; the code otherwise). */
  languageName(code) {
    return this.languageNames.get(code) ?? code;
  }

  /** Segments whose span overlaps [start, end) in document code points, in order. */
  segmentsOverlapping(start, end) {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.segments[middle].end <= start) low = middle + 1;
      else high = middle;
    }
    const found = [];
    for (let i = low; i < this.segments.length && this.segments[i].start < end; i += 1) {
      found.push(this.segments[i]);
    }
    return found;
  }

  /** Whether an annotation passes the filters chosen in the side list. */
  matches(annotation) {
    const { label, status, author } = this.filter;
    if (status && annotation.status !== status) return false;
    if (author !== null && annotation.author !== author) return false;
    if (label && this.labelTypes.get(annotation.label_type)?.name !== label) return false;
    return true;
  }

  setFilter(filter) {
    this.filter = filter;
    this.#emit("annotations", { segments: null, ids: new Set() });
  }

  /** Live annotations touching a segment. */
  annotationsIn(segmentId) {
    const ids = this.bySegment.get(segmentId);
    return ids ? [...ids].map((id) => this.annotations.get(id)) : [];
  }

  #index(annotation) {
    this.annotations.set(annotation.id, annotation);
    for (const segment of this.segmentsOverlapping(annotation.start, annotation.end)) {
      if (!this.bySegment.has(segment.id)) this.bySegment.set(segment.id, new Set());
      this.bySegment.get(segment.id).add(annotation.id);
    }
  }

  #unindex(annotation) {
    this.annotations.delete(annotation.id);
    for (const segment of this.segmentsOverlapping(annotation.start, annotation.end)) {
      this.bySegment.get(segment.id)?.delete(annotation.id);
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** Add or replace an annotation (a deleted one is removed); redraw the segments it touches. */
  putAnnotation(annotation) {
    const touched = new Set();
    const old = this.annotations.get(annotation.id);
    if (old) {
      if (old.version > annotation.version) return;
      for (const segment of this.segmentsOverlapping(old.start, old.end)) touched.add(segment.id);
      this.#unindex(old);
    }
    if (!annotation.deleted_at && annotation.document === this.document.id) {
      this.#index(annotation);
      for (const segment of this.segmentsOverlapping(annotation.start, annotation.end)) {
        touched.add(segment.id);
      }
    }
    this.#emit("annotations", { segments: touched, ids: new Set([annotation.id]) });
  }

  /** Forget an annotation that is gone (deleted, or not found any more). */
  dropAnnotation(id) {
    const old = this.annotations.get(id);
    if (!old) return;
    const touched = new Set(this.segmentsOverlapping(old.start, old.end).map((s) => s.id));
    this.#unindex(old);
    this.#emit("annotations", { segments: touched, ids: new Set([id]) });
  }

  setLinks(links) {
    this.links = new Map(links.map((link) => [link.id, link]));
    this.#emit("links", {});
  }

  putLink(link) {
    this.links.set(link.id, link);
    this.#emit("links", {});
  }

  dropLink(id) {
    this.links.delete(id);
    this.#emit("links", {});
  }

  /** Links from or to an annotation. */
  linksOf(annotationId) {
    return [...this.links.values()].filter(
      (link) => link.source === annotationId || link.target === annotationId,
    );
  }

  /** Replace the drafts shown (after a change of target language, or a full reload). */
  setTranslations(target, translations) {
    this.target = target;
    this.translations = new Map(translations.map((t) => [t.segment, t]));
    this.#emit("translations", { segments: null });
  }

  putTranslation(translation) {
    if (translation.target !== this.target) return;
    const old = this.translations.get(translation.segment);
    if (old && old.id === translation.id && old.version > translation.version) return;
    this.translations.set(translation.segment, translation);
    this.#emit("translations", { segments: new Set([translation.segment]) });
  }

  putSegment(segment) {
    const index = this.segments.findIndex((s) => s.id === segment.id);
    if (index < 0) return;
    this.segments[index] = segment;
    this.segmentById.set(segment.id, segment);
    this.#emit("segments", { segments: new Set([segment.id]) });
  }

  /** The document's text from code point `start` to `end`: the quote the API expects. */
  quote(start, end) {
    return this.document.text.slice(this.textIndex[start], this.textIndex[end]);
  }
}
