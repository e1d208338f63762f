/**
 * HTML for a segment's text: language runs as `<span lang>`, annotations as nested marks.
 *
 * Neither runs nor marks touch the bidi order: they are plain inline elements, so the Unicode
 * Bidirectional Algorithm sees the segment as the plain text it is, and the words come out in
 * the order the same text gets in a `<div dir="auto">`. (An isolate per run, such as `<bdi>`,
 * would reorder the runs as blocks, and would hide the text from the parent's `dir="auto"`.)
 *
 * The text element's textContent is always exactly the segment's text: runs and marks only
 * wrap it. Overlapping annotations that do not nest are split into several marks with the
 * same data-annotation-id, so every piece stays readable.
 */

import { codePointIndex } from "./offsets.js";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for element content and quoted attributes. */
export function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Consecutive runs of the same language and script, merged. */
function mergedRuns(runs, length) {
  if (!runs || runs.length < 2) return [{ start: 0, end: length, language: null, script: null }];
  const merged = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && last.language === run.language && last.script === run.script) last.end = run.end;
    else merged.push({ ...run });
  }
  return merged.length > 1 ? merged : [{ start: 0, end: length, language: null, script: null }];
}

function byNesting(a, b) {
  return a.s - b.s || b.e - a.e || a.key - b.key;
}

function openMark(mark, depth) {
  const { annotation, label } = mark;
  if (!annotation) {
    return `<mark class="ann provisional" data-label="${escapeHtml(label.name)}" style="--c:${escapeHtml(label.colour)};--depth:${depth}">`;
  }
  return (
    `<mark class="ann" data-annotation-id="${annotation.id}" data-label="${escapeHtml(label.name)}"` +
    ` data-status="${escapeHtml(annotation.status)}" style="--c:${escapeHtml(label.colour)};--depth:${depth}">`
  );
}

/**
 * The inner HTML of a segment's text element.
 * `annotations` are those touching the segment (document offsets); `provisional` is
 * {start, end, label} for a span being tagged, or null; `labels` maps label type ids to types.
 */
export function segmentHtml(segment, annotations, provisional, labels) {
  const text = segment.text;
  const index = codePointIndex(text);
  const length = index.length - 1;
  const clip = (value) => Math.max(0, Math.min(length, value - segment.start));
  const marks = [];
  for (const annotation of annotations) {
    const label = labels.get(annotation.label_type);
    if (!label) continue;
    marks.push({ s: clip(annotation.start), e: clip(annotation.end), key: annotation.id, annotation, label });
  }
  if (provisional) {
    marks.push({ s: clip(provisional.start), e: clip(provisional.end), key: Infinity, label: provisional.label });
  }
  const live = marks.filter((mark) => mark.s < mark.e);
  const runs = mergedRuns(segment.runs, length);
  const marked = runs.length > 1;
  let html = "";
  for (const run of runs) {
    if (marked) {
      html += `<span class="run" data-lang="${escapeHtml(run.language)}" data-script="${escapeHtml(run.script)}" lang="${escapeHtml(run.language)}">`;
    }
    const points = new Set([run.start, run.end]);
    for (const mark of live) {
      if (mark.s > run.start && mark.s < run.end) points.add(mark.s);
      if (mark.e > run.start && mark.e < run.end) points.add(mark.e);
    }
    const cuts = [...points].sort((a, b) => a - b);
    let stack = [];
    for (let i = 0; i + 1 < cuts.length; i += 1) {
      const from = cuts[i];
      const to = cuts[i + 1];
      const active = live.filter((mark) => mark.s <= from && mark.e >= to).sort(byNesting);
      let keep = 0;
      while (keep < stack.length && keep < active.length && stack[keep] === active[keep]) keep += 1;
      html += "</mark>".repeat(stack.length - keep);
      for (let depth = keep; depth < active.length; depth += 1) html += openMark(active[depth], depth);
      stack = active;
      html += escapeHtml(text.slice(index[from], index[to]));
    }
    html += "</mark>".repeat(stack.length);
    if (marked) html += "</span>";
  }
  return html;
}
