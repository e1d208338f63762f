/**
 * The annotation panel: details, review, links (made by picking the other end), comments and
 * history of the annotation the user opened. It redraws itself when live changes arrive.
 */

import { api, etagOf, getAll, urls } from "./api.js";
import { resolveConflict } from "./conflict.js";
import { fill, fillHtml, gettext, when } from "./i18n.js";
import { escapeHtml } from "./render.js";
import { attributeTitle, attributeValue } from "./schemaform.js";

const STATUS = { pending: "pending", accepted: "accepted", rejected: "rejected" };
/** The translated name of a field a history entry lists as changed. */
function changeLabel(field) {
  const labels = {
    label_type: gettext("type"),
    start: gettext("start"),
    end: gettext("end"),
    quote: gettext("quote"),
    attributes: gettext("attributes"),
    status: gettext("status"),
    review_reason: gettext("reason"),
    reviewed_by: gettext("reviewed by"),
    deleted_by: gettext("deleted by"),
  };
  return labels[field] ?? field;
}
/** Bookkeeping the history does not spell out (the status and who already say it). */
const CHANGE_HIDDEN = new Set(["reviewed_at", "deleted_at"]);

export class DetailPanel extends EventTarget {
  constructor({ panel, store, reader, tagger, announce }) {
    super();
    this.panel = panel;
    this.store = store;
    this.reader = reader;
    this.tagger = tagger;
    this.announce = announce;
    this.id = null;
    this.comments = [];
    this.history = [];
    this.picking = null;
    panel.addEventListener("click", (event) => this.#onClick(event));
    panel.addEventListener("submit", (event) => this.#onSubmit(event));
    store.addEventListener("annotations", (event) => {
      if (this.id !== null && event.detail.ids.has(this.id)) this.#afterChange();
    });
    store.addEventListener("links", () => this.id !== null && this.render());
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || document.querySelector("dialog[open]")) return;
      if (this.picking) this.cancelPick();
      else if (this.id !== null) this.close();
    });
  }

  get annotation() {
    return this.store.annotations.get(this.id) ?? null;
  }

  async open(id) {
    if (this.picking) {
      await this.completePick(id);
      return;
    }
    this.id = id;
    this.comments = [];
    this.history = [];
    this.panel.hidden = false;
    this.render();
    this.panel.focus();
    this.reader.reveal(id);
    await this.refreshThread();
  }

  close() {
    this.id = null;
    this.picking = null;
    this.panel.hidden = true;
    this.panel.innerHTML = "";
  }

  /** Reload comments and history of the open annotation. */
  async refreshThread() {
    const id = this.id;
    if (id === null) return;
    try {
      const [comments, history] = await Promise.all([
        getAll(urls.annotationComments(id, { page_size: 500 })),
        getAll(urls.annotationHistory(id, { page_size: 500 })),
      ]);
      if (this.id !== id) return;
      this.comments = comments;
      this.history = history;
      this.render();
    } catch (error) {
      this.announce(error.message, true);
    }
  }

  #afterChange() {
    if (!this.annotation) {
      this.panel.innerHTML = `<p class="notice" role="status">${escapeHtml(gettext("This annotation was deleted."))}</p>`;
      return;
    }
    this.render();
    this.refreshThread();
  }

  #mayChange(annotation) {
    const me = this.store.me;
    // Authors fix their own pending or rejected spans (a fixed rejection goes back to review).
    return me.can_moderate || (annotation.author === me.id && annotation.status !== STATUS.accepted);
  }

  #linkChoices(label) {
    const choices = [];
    for (const kind of this.store.linkTypes) {
      if (kind.source === label.name) choices.push({ value: `${kind.type}:out`, text: fill(gettext("%(link)s → a %(other)s"), { link: kind.label, other: gettext(kind.target) }) });
      if (kind.target === label.name) choices.push({ value: `${kind.type}:in`, text: fill(gettext("a %(other)s %(link)s → this"), { link: kind.label, other: gettext(kind.source) }) });
    }
    return choices;
  }

  #linkItem(link, annotation) {
    const outgoing = link.source === annotation.id;
    const otherId = outgoing ? link.target : link.source;
    const other = this.store.annotations.get(otherId);
    const kind = this.store.linkTypes.find((k) => k.type === link.type);
    const otherLabel = other ? this.store.labelTypes.get(other.label_type)?.name : "";
    const arrow = outgoing ? "→" : "←";
    const removable = this.store.me.can_moderate || link.author === this.store.me.id;
    return (
      `<li data-link-id="${link.id}"><span class="link-type">${escapeHtml(kind?.label ?? link.type)} ${arrow}</span> ` +
      `<button type="button" class="linklike" data-action="jump" data-id="${otherId}">${escapeHtml(gettext(otherLabel))}: <q dir="auto">${escapeHtml(other?.quote ?? "#" + otherId)}</q></button>` +
      (removable ? ` <button type="button" class="button small" data-action="unlink" data-id="${link.id}" aria-label="${escapeHtml(gettext("Remove link"))}">×</button>` : "") +
      `</li>`
    );
  }

  render() {
    const annotation = this.annotation;
    if (!annotation) return;
    const label = this.store.labelTypes.get(annotation.label_type);
    const me = this.store.me;
    const attributes = Object.entries(annotation.attributes ?? {})
      .map(([key, value]) => `<dt>${escapeHtml(attributeTitle(label?.schema, key))}</dt><dd dir="auto">${escapeHtml(attributeValue(label?.schema, key, value))}</dd>`)
      .join("");
    const review =
      annotation.status !== STATUS.pending
        ? `<p class="meta" data-testid="review-info">${fillHtml(gettext("%(status)s by %(name)s, %(when)s"), { status: gettext(annotation.status), name: this.#username(annotation.reviewed_by), when: when(annotation.reviewed_at) })}` +
          (annotation.review_reason ? `: <q dir="auto">${escapeHtml(annotation.review_reason)}</q>` : "") +
          `</p>`
        : "";
    const actions = [];
    if (me.can_review) {
      actions.push(`<button type="button" class="button accept" data-action="accept" data-testid="accept"${annotation.status === STATUS.accepted ? " disabled" : ""}>${escapeHtml(gettext("Accept"))}</button>`);
      actions.push(`<button type="button" class="button reject" data-action="reject" data-testid="reject"${annotation.status === STATUS.rejected ? " disabled" : ""}>${escapeHtml(gettext("Reject"))}</button>`);
    }
    if (this.#mayChange(annotation)) {
      actions.push(`<button type="button" class="button" data-action="edit" data-testid="edit">${escapeHtml(gettext("Edit"))}</button>`);
      actions.push(`<button type="button" class="button danger" data-action="delete" data-testid="delete">${escapeHtml(gettext("Delete"))}</button>`);
    }
    const overlapping = this.reader
      .annotationsAt(annotation.start)
      .filter((other) => other.id !== annotation.id)
      .map((other) => `<li><button type="button" class="linklike" data-action="jump" data-id="${other.id}">${escapeHtml(gettext(this.store.labelTypes.get(other.label_type)?.name ?? ""))}: <q dir="auto">${escapeHtml(other.quote)}</q></button></li>`)
      .join("");
    const links = this.store.linksOf(annotation.id).map((link) => this.#linkItem(link, annotation)).join("");
    const choices = this.#linkChoices(label);
    const linkForm = choices.length
      ? `<form class="inline" data-form="link"><label for="link-type">${escapeHtml(gettext("New link"))}</label>` +
        `<select id="link-type" name="type" data-testid="link-type">${choices.map((c) => `<option value="${escapeHtml(c.value)}">${escapeHtml(c.text)}</option>`).join("")}</select>` +
        `<button type="submit" class="button small" data-testid="link-pick">${escapeHtml(gettext("Pick the other end"))}</button></form>`
      : "";
    const picking = this.picking
      ? `<p class="notice" role="status" data-testid="link-picking">${escapeHtml(gettext("Click the annotation to link to, or press Esc."))} <button type="button" class="button small" data-action="cancel-pick">${escapeHtml(gettext("Cancel"))}</button></p>`
      : "";
    const comments = this.comments
      .map((c) => `<li><p class="meta"><bdi>${escapeHtml(c.author_name ?? "")}</bdi> · <bdi>${escapeHtml(when(c.created_at))}</bdi></p><p dir="auto" class="comment-body">${escapeHtml(c.body)}</p></li>`)
      .join("");
    const history = this.history
      .map((entry) => `<li><bdi class="meta">${escapeHtml(when(entry.at))}</bdi> <bdi>${escapeHtml(entry.actor_name ?? "")}</bdi> <strong>${escapeHtml(gettext(entry.action))}</strong>${entry.after?.status && entry.action === "review" ? ` (${escapeHtml(gettext(entry.after.status))})` : ""}${this.#changes(entry)}</li>`)
      .join("");
    this.panel.innerHTML =
      `<header class="panel-head"><h2 id="detail-title"><span class="swatch" style="--label-colour:${escapeHtml(label?.colour ?? "#888")}" aria-hidden="true"></span>${escapeHtml(gettext(label?.name ?? ""))}</h2>` +
      `<span class="status-badge" data-status="${escapeHtml(annotation.status)}" data-testid="detail-status">${escapeHtml(gettext(annotation.status))}</span>` +
      `<button type="button" class="button small close" data-action="close" aria-label="${escapeHtml(gettext("Close"))}">×</button></header>` +
      `<blockquote class="quote" dir="auto" data-testid="detail-quote">${escapeHtml(annotation.quote)}</blockquote>` +
      `<p class="meta">${fillHtml(gettext("%(start)s–%(end)s · by %(name)s · %(when)s"), { start: annotation.start, end: annotation.end, name: annotation.author_name ?? "—", when: when(annotation.created_at) })}</p>` +
      (attributes ? `<dl class="attributes">${attributes}</dl>` : "") +
      review +
      (actions.length ? `<div class="actions">${actions.join("")}</div>` : "") +
      `<form class="reject-form" data-form="reject" hidden><label for="reject-reason">${escapeHtml(gettext("Why is it rejected?"))}</label>` +
      `<textarea id="reject-reason" name="reason" required dir="auto" data-testid="reject-reason"></textarea>` +
      `<button type="submit" class="button reject" data-testid="reject-confirm">${escapeHtml(gettext("Reject"))}</button></form>` +
      (overlapping ? `<section><h3>${escapeHtml(gettext("Also here"))}</h3><ul class="plain">${overlapping}</ul></section>` : "") +
      `<section aria-labelledby="links-title"><h3 id="links-title">${escapeHtml(gettext("Links"))}</h3>` +
      (links ? `<ul class="plain" data-testid="links">${links}</ul>` : `<p class="meta">${escapeHtml(gettext("No links yet."))}</p>`) +
      linkForm + picking + `</section>` +
      `<section aria-labelledby="comments-title"><h3 id="comments-title">${escapeHtml(gettext("Comments"))}</h3>` +
      `<ul class="plain comments" data-testid="comments">${comments}</ul>` +
      `<form data-form="comment"><label for="comment-body" class="visually-hidden">${escapeHtml(gettext("Comment"))}</label>` +
      `<textarea id="comment-body" name="body" required dir="auto" placeholder="${escapeHtml(gettext("Add a comment"))}" data-testid="comment-body"></textarea>` +
      `<button type="submit" class="button small" data-testid="comment-submit">${escapeHtml(gettext("Comment"))}</button></form></section>` +
      `<section aria-labelledby="history-title"><h3 id="history-title">${escapeHtml(gettext("History"))}</h3><ol class="plain history" data-testid="history">${history}</ol></section>`;
  }

  /** What an audit entry changed, one "field: before → after" line each. */
  #changes(entry) {
    const changes = (entry.changes ?? []).filter((change) => !CHANGE_HIDDEN.has(change.field));
    if (!changes.length) return "";
    const show = (field, value) => {
      if (value === null || value === undefined || value === "") return "—";
      if (field === "label_type") return gettext(this.store.labelTypes.get(value)?.name ?? String(value));
      if (field === "status") return gettext(value);
      if (field === "reviewed_by" || field === "deleted_by") return this.#username(value);
      if (field.endsWith("_at")) return when(value);
      return typeof value === "string" ? value : JSON.stringify(value);
    };
    const items = changes
      .map((change) => `<li><span class="field">${escapeHtml(changeLabel(change.field))}</span>: <bdi>${escapeHtml(show(change.field, change.before))}</bdi> → <bdi>${escapeHtml(show(change.field, change.after))}</bdi></li>`)
      .join("");
    return `<ul class="plain changes" data-testid="history-changes">${items}</ul>`;
  }

  #username(id) {
    return this.store.members.find((m) => m.id === id)?.username ?? "—";
  }

  async #review(decision, reason = "") {
    const annotation = this.annotation;
    try {
      const { data } = await api.post(
        urls.annotationReview(annotation.id),
        { decision, reason },
        { ifMatch: etagOf(annotation) },
      );
      this.store.putAnnotation(data);
      this.announce(decision === "accept" ? gettext("Accepted.") : gettext("Rejected."));
    } catch (error) {
      const handled = await resolveConflict(error, {
        keep: (current) => this.store.putAnnotation(current),
        announce: this.announce,
        notice: gettext("Someone else changed this annotation meanwhile; look at it again and decide."),
      });
      if (!handled) this.announce(error.message, true);
    }
  }

  async #delete() {
    const annotation = this.annotation;
    if (!window.confirm(gettext("Delete this annotation?"))) return;
    try {
      await api.delete(urls.annotation(annotation.id), { ifMatch: etagOf(annotation) });
      this.store.dropAnnotation(annotation.id);
      this.close();
      this.announce(gettext("Deleted."));
      if (annotation.author === this.store.me.id || this.store.me.can_moderate) this.#offerUndo(annotation);
    } catch (error) {
      const handled = await resolveConflict(error, {
        keep: (current) => this.store.putAnnotation(current),
        announce: this.announce,
      });
      if (!handled) this.announce(error.message, true);
    }
  }

  /** A bar with "Undo" that restores the annotation just deleted. */
  #offerUndo(annotation) {
    const bar = document.getElementById("undo-bar");
    if (!bar) return;
    bar.innerHTML =
      `<span>${escapeHtml(fill(gettext("Deleted: %(quote)s"), { quote: [...annotation.quote].slice(0, 60).join("") }))}</span> ` +
      `<button type="button" class="button small" data-testid="undo-delete">${escapeHtml(gettext("Undo"))}</button>`;
    bar.hidden = false;
    bar.querySelector("button").addEventListener(
      "click",
      async () => {
        bar.hidden = true;
        try {
          const { data } = await api.post(urls.annotationRestore(annotation.id));
          this.store.putAnnotation(data);
          this.announce(gettext("Restored."));
        } catch (error) {
          this.announce(error.message, true);
        }
      },
      { once: true },
    );
  }

  startPick(value) {
    const [type, direction] = value.split(":");
    this.picking = { type, direction, from: this.id };
    document.body.classList.add("picking");
    this.render();
    this.announce(gettext("Click the annotation to link to, or press Esc."));
  }

  cancelPick() {
    this.picking = null;
    document.body.classList.remove("picking");
    if (this.id !== null) this.render();
  }

  async completePick(otherId) {
    const { type, direction, from } = this.picking;
    this.picking = null;
    document.body.classList.remove("picking");
    const body = direction === "out" ? { type, source: from, target: otherId } : { type, source: otherId, target: from };
    try {
      const { data } = await api.post(urls.links(), body);
      this.store.putLink(data);
      this.announce(gettext("Linked."));
    } catch (error) {
      this.announce(error.message, true);
      this.render();
    }
  }

  async #onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "close") this.close();
    else if (action === "accept") await this.#review("accept");
    else if (action === "reject") {
      const form = this.panel.querySelector("[data-form=reject]");
      form.hidden = false;
      form.querySelector("textarea").focus();
    } else if (action === "edit") this.tagger.edit(this.annotation);
    else if (action === "delete") await this.#delete();
    else if (action === "cancel-pick") this.cancelPick();
    else if (action === "jump") await this.open(Number(button.dataset.id));
    else if (action === "unlink") {
      try {
        await api.delete(urls.link(button.dataset.id));
        this.store.dropLink(Number(button.dataset.id));
      } catch (error) {
        this.announce(error.message, true);
      }
    }
  }

  async #onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const kind = form.dataset.form;
    if (kind === "reject") {
      await this.#review("reject", form.elements.reason.value.trim());
    } else if (kind === "link") {
      this.startPick(form.elements.type.value);
    } else if (kind === "comment") {
      const body = form.elements.body.value.trim();
      if (!body) return;
      try {
        await api.post(urls.annotationComments(this.id), { body });
        await this.refreshThread();
        this.panel.querySelector("[data-form=comment] textarea")?.focus();
      } catch (error) {
        this.announce(error.message, true);
      }
    }
  }
}
