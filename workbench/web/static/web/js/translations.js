/**
 * Translation drafts next to each segment: origin and status, editing in place, approval,
 * a button that drafts the whole document, and the target language the column shows.
 */

import { api, etagOf, urls } from "./api.js";
import { resolveConflict } from "./conflict.js";
import { fill, gettext } from "./i18n.js";
import { textDirection } from "./bidi.js";
import { escapeHtml } from "./render.js";

const JOB_POLL_MS = 800;

export class TranslationColumn {
  constructor({ store, reader, targetSelect, draftButton, progress, announce, conflicts }) {
    this.store = store;
    this.reader = reader;
    this.targetSelect = targetSelect;
    this.draftButton = draftButton;
    this.progress = progress;
    this.announce = announce;
    this.conflicts = conflicts;
    this.editing = new Map();
    store.addEventListener("translations", (event) => {
      const ids = event.detail.segments ?? this.store.segments.map((s) => s.id);
      for (const id of ids) this.draw(this.store.segmentById.get(id));
    });
    store.addEventListener("segments", (event) => {
      for (const id of event.detail.segments) this.draw(this.store.segmentById.get(id));
    });
    reader.list.addEventListener("click", (event) => this.#onClick(event));
    reader.list.addEventListener("keydown", (event) => this.#onKey(event));
    targetSelect.addEventListener("change", () => this.switchTarget(targetSelect.value));
    draftButton.addEventListener("click", () => this.draftDocument());
  }

  cell(segmentId) {
    return this.reader.rows.get(segmentId)?.querySelector("[data-role=translation]") ?? null;
  }

  draw(segment) {
    if (!segment) return;
    const cell = this.cell(segment.id);
    if (!cell) return;
    const translation = this.store.translations.get(segment.id);
    if (this.editing.has(segment.id)) {
      const note = cell.querySelector("[data-role=changed]");
      const startedFrom = this.editing.get(segment.id);
      const changed = translation && (!startedFrom || translation.version !== startedFrom.version);
      if (note && changed) {
        note.textContent = fill(gettext("Changed meanwhile by %(name)s."), { name: translation.edited_by ?? translation.reviewed_by ?? "—" });
      }
      return;
    }
    cell.innerHTML = this.#html(segment, translation);
  }

  #html(segment, translation) {
    const target = this.store.target;
    if (!translation) {
      if (segment.effective_language === "und") return `<span class="meta" aria-hidden="true">—</span>`;
      if (segment.effective_language === target) {
        return `<p class="meta">${escapeHtml(fill(gettext("Already in %(code)s."), { code: target }))}</p>`;
      }
      return `<button type="button" class="button small ghost" data-action="write">${escapeHtml(gettext("Write a translation"))}</button>`;
    }
    const me = this.store.me;
    const review = me.can_review
      ? `<button type="button" class="button small accept" data-action="approve" data-testid="translation-approve"${translation.status === "approved" ? " disabled" : ""}>${escapeHtml(gettext("Approve"))}</button>` +
        `<button type="button" class="button small reject" data-action="reject-translation" data-testid="translation-reject"${translation.status === "rejected" ? " disabled" : ""}>${escapeHtml(gettext("Reject"))}</button>`
      : "";
    return (
      `<div class="draft" data-translation-id="${translation.id}" data-status="${escapeHtml(translation.status)}" data-origin="${escapeHtml(translation.origin)}">` +
      `<div class="draft-text" dir="${textDirection(translation.text)}" lang="${escapeHtml(target)}" data-role="draft-text">${escapeHtml(translation.text)}</div>` +
      `<div class="draft-meta"><span class="origin-badge" data-origin="${escapeHtml(translation.origin)}">${escapeHtml(gettext(translation.origin))}</span>` +
      `<span class="status-badge" data-status="${escapeHtml(translation.status)}" data-testid="translation-status">${escapeHtml(gettext(translation.status))}</span>` +
      `<button type="button" class="button small" data-action="edit-translation" data-testid="translation-edit">${escapeHtml(gettext("Edit"))}</button>${review}</div></div>`
    );
  }

  #segmentOf(element) {
    return this.store.segmentById.get(Number(element.closest("[data-segment-id]").dataset.segmentId));
  }

  startEdit(segment) {
    const translation = this.store.translations.get(segment.id) ?? null;
    this.editing.set(segment.id, translation);
    const cell = this.cell(segment.id);
    const target = this.store.target;
    cell.innerHTML =
      `<form class="draft-editor" data-form="translation">` +
      `<label class="visually-hidden" for="draft-${segment.id}">${escapeHtml(fill(gettext("Translation into %(code)s"), { code: target }))}</label>` +
      `<textarea id="draft-${segment.id}" name="text" dir="auto" lang="${escapeHtml(target)}" required data-testid="translation-text">${escapeHtml(translation?.text ?? "")}</textarea>` +
      `<p class="meta" data-role="changed" role="status"></p>` +
      `<div class="actions"><button type="submit" class="button small primary" data-testid="translation-save">${escapeHtml(gettext("Save"))}</button>` +
      `<button type="button" class="button small" data-action="cancel-edit">${escapeHtml(gettext("Cancel"))}</button></div></form>`;
    const form = cell.querySelector("form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save(segment, form.elements.text.value);
    });
    const textarea = form.elements.text;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  stopEdit(segment) {
    this.editing.delete(segment.id);
    this.draw(segment);
  }

  async save(segment, text) {
    const startedFrom = this.editing.get(segment.id);
    try {
      let response;
      if (startedFrom) {
        response = await api.patch(urls.translation(startedFrom.id), { text }, { ifMatch: etagOf(startedFrom) });
      } else {
        response = await api.post(urls.segmentTranslations(segment.id), { target: this.store.target, text });
      }
      this.editing.delete(segment.id);
      this.store.putTranslation(response.data);
      this.draw(segment);
      this.announce(gettext("Translation saved."));
    } catch (error) {
      if (!(await this.#conflict(segment, error, text))) {
        const note = this.cell(segment.id)?.querySelector("[data-role=changed]");
        if (note) note.textContent = error.message;
        this.announce(error.message, true);
      }
    }
  }

  #conflict(segment, error, mine) {
    return resolveConflict(error, {
      keep: (current) => {
        this.editing.delete(segment.id);
        this.store.putTranslation(current);
        this.draw(segment);
      },
      dialog: this.conflicts,
      question: (current) => ({
        title: gettext("Someone else changed this translation"),
        theirs: current.text,
        mine,
        author: current.edited_by ?? current.created_by,
      }),
      retry: async (current) => {
        this.editing.set(segment.id, current);
        await this.save(segment, mine);
      },
    });
  }

  async review(segment, decision) {
    const translation = this.store.translations.get(segment.id);
    try {
      const { data } = await api.post(urls.translationDecision(translation.id, decision), {}, { ifMatch: etagOf(translation) });
      this.store.putTranslation(data);
      this.announce(decision === "approve" ? gettext("Translation approved.") : gettext("Translation rejected."));
    } catch (error) {
      const handled = await resolveConflict(error, {
        keep: (current) => this.store.putTranslation(current),
        announce: this.announce,
        notice: gettext("Someone else changed this translation meanwhile; look at it again."),
      });
      if (!handled) this.announce(error.message, true);
    }
  }

  /** Show drafts in another target language. */
  async switchTarget(target) {
    await this.reload(target);
    const url = new URL(window.location.href);
    url.searchParams.set("target", target);
    window.history.replaceState(null, "", url);
  }

  async reload(target = this.store.target) {
    try {
      const { data } = await api.get(urls.documentTranslations(this.store.document.id, { target }));
      this.store.setTranslations(target, data);
    } catch (error) {
      this.announce(error.message, true);
    }
  }

  /** Queue a drafting job for the whole document and follow its progress. */
  async draftDocument() {
    this.draftButton.disabled = true;
    this.progress.textContent = gettext("Queued…");
    try {
      const { data: job } = await api.post(urls.documentTranslations(this.store.document.id), {
        target: this.store.target,
      });
      await this.follow(job);
    } catch (error) {
      this.progress.textContent = error.message;
      this.announce(error.message, true);
    } finally {
      this.draftButton.disabled = false;
    }
  }

  /** Show a job's progress until it ends; its drafts arrive through the activity feed. */
  async follow(job) {
    for (;;) {
      this.progress.innerHTML =
        `<progress max="${job.total}" value="${job.done}"></progress> ` +
        escapeHtml(fill(gettext("%(done)s of %(total)s segments · %(drafted)s drafted"), job));
      if (job.status === "done") {
        this.progress.textContent = fill(gettext("Done: %(drafted)s drafted, %(skipped)s skipped."), job);
        this.announce(this.progress.textContent);
        return;
      }
      if (job.status === "failed") {
        this.progress.textContent = fill(gettext("Drafting failed: %(error)s"), job);
        this.announce(this.progress.textContent, true);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
      ({ data: job } = await api.get(urls.job(job.id)));
    }
  }

  async #onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button || !button.closest("[data-role=translation]")) return;
    const segment = this.#segmentOf(button);
    const action = button.dataset.action;
    if (action === "write" || action === "edit-translation") this.startEdit(segment);
    else if (action === "cancel-edit") this.stopEdit(segment);
    else if (action === "approve") await this.review(segment, "approve");
    else if (action === "reject-translation") await this.review(segment, "reject");
  }

  #onKey(event) {
    const textarea = event.target.closest?.("[data-form=translation] textarea");
    if (!textarea) return;
    const segment = this.#segmentOf(textarea);
    if (event.key === "Escape") {
      event.preventDefault();
      this.stopEdit(segment);
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.save(segment, textarea.value);
    }
  }
}
