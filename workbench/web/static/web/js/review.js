/**
 * The review queue: one pending span at a time with its sentence, neighbours, attributes,
 * links and comments; A accepts, R rejects with a reason, S skips; then the next one loads.
 */

import { api, urls } from "./api.js";
import { currentOf } from "./conflict.js";
import { fillHtml, gettext, when } from "./i18n.js";
import { escapeHtml, segmentHtml } from "./render.js";
import { attributeTitle, attributeValue } from "./schemaform.js";

const NOTICE_MS = 6000;

function isTyping(event) {
  const target = event.target;
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

class ReviewQueue {
  constructor(root) {
    this.root = root;
    this.project = root.dataset.projectId;
    this.card = root.querySelector("#review-item");
    this.remaining = root.querySelector("#review-remaining");
    this.region = root.querySelector("#live-region");
    this.labels = new Map(JSON.parse(document.getElementById("review-labels").textContent).map((l) => [l.id, l]));
    const params = new URLSearchParams(window.location.search);
    this.filters = { document: params.get("document") ?? "", labelType: params.get("label_type") ?? "" };
    this.skip = [];
    this.item = null;
    this.busy = false;
    this.card.addEventListener("click", (event) => this.#onClick(event));
    this.card.addEventListener("submit", (event) => this.#onSubmit(event));
    document.addEventListener("keydown", (event) => this.#onKey(event));
  }

  announce(message, isError = false) {
    this.region.textContent = message;
    this.region.classList.toggle("error", isError);
    this.region.classList.add("shown");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.region.classList.remove("shown"), NOTICE_MS);
  }

  async load() {
    try {
      const { data } = await api.get(urls.reviewQueue(this.project, { ...this.filters, skip: this.skip }));
      this.item = data;
      this.render();
    } catch (error) {
      this.announce(error.message, true);
    }
  }

  render() {
    const item = this.item;
    this.remaining.textContent = String(item.remaining);
    const annotation = item.annotation;
    this.root.dataset.annotationId = annotation ? String(annotation.id) : "";
    if (!annotation) {
      const message = this.skip.length ? gettext("Only the spans you skipped are left.") : gettext("Nothing left to review.");
      this.card.innerHTML =
        `<p class="empty" data-testid="review-empty">${escapeHtml(message)}</p>` +
        (this.skip.length ? `<button type="button" class="button" data-action="restart" data-testid="review-restart">${escapeHtml(gettext("Go through the skipped ones again"))}</button>` : "");
      return;
    }
    const label = this.labels.get(annotation.label_type);
    const segments = item.segments
      .map((segment) => {
        const marks = segment.role === "span" ? [annotation] : [];
        return (
          `<li class="segment context-${escapeHtml(segment.role)}" data-segment-id="${segment.id}">` +
          `<div class="seg-text" dir="${escapeHtml(segment.dir)}" lang="${escapeHtml(segment.effective_language)}">${segmentHtml(segment, marks, null, this.labels)}</div></li>`
        );
      })
      .join("");
    const attributes = Object.entries(annotation.attributes ?? {})
      .map(([key, value]) => {
        const schema = this.labels.get(annotation.label_type)?.schema;
        return `<dt>${escapeHtml(attributeTitle(schema, key))}</dt><dd dir="auto">${escapeHtml(attributeValue(schema, key, value))}</dd>`;
      })
      .join("");
    const links = item.links
      .map((link) => `<li>${escapeHtml(gettext(link.type))} ${link.direction === "out" ? "→" : "←"} ${escapeHtml(gettext(link.other.label_type_name))}: <q dir="auto">${escapeHtml(link.other.quote)}</q></li>`)
      .join("");
    const comments = item.comments
      .map((c) => `<li><p class="meta"><bdi>${escapeHtml(c.author_name ?? "")}</bdi> · <bdi>${escapeHtml(when(c.created_at))}</bdi></p><p dir="auto" class="comment-body">${escapeHtml(c.body)}</p></li>`)
      .join("");
    this.card.innerHTML =
      `<header class="panel-head"><h2><span class="swatch" style="--label-colour:${escapeHtml(label?.colour ?? "#888")}" aria-hidden="true"></span>${escapeHtml(gettext(label?.name ?? annotation.label_type_name))}</h2>` +
      `<a href="/documents/${annotation.document}/" dir="auto" data-testid="review-document-title">${escapeHtml(item.document_title)}</a></header>` +
      `<blockquote class="quote" dir="auto" data-testid="review-quote">${escapeHtml(annotation.quote)}</blockquote>` +
      `<p class="meta">${fillHtml(gettext("%(start)s–%(end)s · by %(name)s · %(when)s"), { start: annotation.start, end: annotation.end, name: annotation.author_name ?? "—", when: when(annotation.created_at) })}</p>` +
      `<ol class="segments context" data-testid="review-context">${segments}</ol>` +
      (attributes ? `<dl class="attributes" data-testid="review-attributes">${attributes}</dl>` : "") +
      `<section><h3>${escapeHtml(gettext("Links"))}</h3>` +
      (links ? `<ul class="plain" data-testid="review-links">${links}</ul>` : `<p class="meta">${escapeHtml(gettext("No links yet."))}</p>`) +
      `</section><section><h3>${escapeHtml(gettext("Comments"))}</h3>` +
      (comments ? `<ul class="plain comments" data-testid="review-comments">${comments}</ul>` : `<p class="meta">${escapeHtml(gettext("No comments."))}</p>`) +
      `</section>` +
      `<div class="actions"><button type="button" class="button accept" data-action="accept" data-testid="review-accept"><kbd>A</kbd> ${escapeHtml(gettext("Accept"))}</button>` +
      `<button type="button" class="button reject" data-action="reject" data-testid="review-reject"><kbd>R</kbd> ${escapeHtml(gettext("Reject"))}</button>` +
      `<button type="button" class="button" data-action="skip" data-testid="review-skip"><kbd>S</kbd> ${escapeHtml(gettext("Skip"))}</button></div>` +
      `<form class="reject-form" data-form="reject" hidden><label for="review-reason">${escapeHtml(gettext("Why is it rejected?"))}</label>` +
      `<textarea id="review-reason" name="reason" required dir="auto" data-testid="review-reason"></textarea>` +
      `<button type="submit" class="button reject" data-testid="review-reject-confirm">${escapeHtml(gettext("Reject"))}</button></form>`;
  }

  async decide(decision, reason = "") {
    const annotation = this.item?.annotation;
    if (!annotation || this.busy) return;
    this.busy = true;
    try {
      await api.post(urls.annotationReview(annotation.id), { decision, reason, version: annotation.version });
      this.announce(decision === "accept" ? gettext("Accepted.") : gettext("Rejected."));
      await this.load();
    } catch (error) {
      const current = currentOf(error);
      if (current) {
        this.item = { ...this.item, annotation: current };
        this.render();
        this.announce(gettext("Someone else changed this annotation meanwhile; look at it again and decide."), true);
        if (current.status !== "pending" || current.deleted_at) await this.load();
      } else {
        this.announce(error.message, true);
      }
    } finally {
      this.busy = false;
    }
  }

  openReject() {
    const form = this.card.querySelector("[data-form=reject]");
    if (!form) return;
    form.hidden = false;
    form.querySelector("textarea").focus();
  }

  async #onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "accept") await this.decide("accept");
    else if (action === "reject") this.openReject();
    else if (action === "skip") await this.skipCurrent();
    else if (action === "restart") {
      this.skip = [];
      await this.load();
    }
  }

  async skipCurrent() {
    if (!this.item?.annotation) return;
    this.skip.push(this.item.annotation.id);
    await this.load();
  }

  async #onSubmit(event) {
    event.preventDefault();
    const reason = event.target.elements.reason.value.trim();
    if (!reason) {
      this.announce(gettext("Say why the annotation is rejected."), true);
      return;
    }
    await this.decide("reject", reason);
  }

  async #onKey(event) {
    if (event.target.id === "review-reason" && event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      event.target.form.requestSubmit();
      return;
    }
    if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    // The physical key, so the shortcuts work with an Arabic keyboard layout too.
    const key = { KeyA: "a", KeyR: "r", KeyS: "s" }[event.code] ?? event.key.toLowerCase();
    if (key === "a") await this.decide("accept");
    else if (key === "r") {
      event.preventDefault();
      this.openReject();
    } else if (key === "s") await this.skipCurrent();
  }
}

const root = document.getElementById("review");
const queue = new ReviewQueue(root);
queue.load().then(() => {
  root.dataset.ready = "true";
});
