/**
 * Tagging: a label button or shortcut key turns the selection into a provisional highlight,
 * a small form asks for the label type's attributes, and saving creates the annotation.
 * The same form edits an existing annotation's attributes.
 */

import { ApiError, api, etagOf, urls } from "./api.js";
import { resolveConflict } from "./conflict.js";
import { fill, gettext } from "./i18n.js";
import { escapeHtml } from "./render.js";
import { schemaFields, schemaValues } from "./schemaform.js";

/** Whether a key event comes from a place where typing means text, not a command. */
export function isTyping(event) {
  const target = event.target;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target?.isContentEditable ||
    Boolean(target?.closest?.("dialog[open]"))
  );
}

export class Tagger {
  constructor({ store, reader, mapper, dialog, toolbar, announce, conflicts }) {
    this.store = store;
    this.reader = reader;
    this.mapper = mapper;
    this.dialog = dialog;
    this.form = dialog.querySelector("form");
    this.toolbar = toolbar;
    this.announce = announce;
    this.conflicts = conflicts;
    this.pending = null;
    this.buttons = [...toolbar.querySelectorAll(".label-button")];
    this.shortcuts = new Map();
    for (const label of store.labelTypes.values()) {
      if (label.shortcut) this.shortcuts.set(label.shortcut.toLowerCase(), label);
    }
    for (const button of this.buttons) {
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => this.start(this.store.labelsByName.get(button.dataset.label)));
    }
    document.addEventListener("selectionchange", () => this.#syncButtons());
    document.addEventListener("keydown", (event) => this.#onKey(event));
    this.form.addEventListener("submit", (event) => this.#onSubmit(event));
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.#close("cancel");
      }
    });
  }

  #syncButtons() {
    const enabled = Boolean(this.mapper.current()) && !this.dialog.open;
    for (const button of this.buttons) button.disabled = !enabled;
  }

  #onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
    const label = this.shortcuts.get(event.key.toLowerCase());
    if (!label) return;
    if (!this.mapper.current()) return;
    event.preventDefault();
    this.start(label, event.timeStamp);
  }

  /** Tag the current selection with `label`: highlight it now, then ask for attributes. */
  start(label, keyTime = performance.now()) {
    const span = this.mapper.current();
    if (!span || !label) return;
    const pending = { mode: "create", label, span };
    this.pending = pending;
    this.reader.setProvisional({ ...span, label });
    // The highlight is painted first; the form opens in the task after that frame.
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__workbench.timings.tagToHighlight.push(performance.now() - keyTime);
        if (this.pending !== pending) return;
        this.#openForm(
          fill(gettext("New %(label)s"), { label: gettext(label.name) }),
          span.quote,
          schemaFields(label.schema, {}),
        );
      }),
    );
  }

  /** Edit an existing annotation's attributes in the same form. */
  edit(annotation) {
    const label = this.store.labelTypes.get(annotation.label_type);
    this.pending = { mode: "edit", label, annotation };
    this.#openForm(
      fill(gettext("Edit %(label)s"), { label: gettext(label.name) }),
      annotation.quote,
      schemaFields(label.schema, annotation.attributes),
    );
  }

  #openForm(title, quote, fields) {
    const { label } = this.pending;
    this.form.innerHTML =
      `<h2 id="annotation-form-title"><span class="swatch" style="--label-colour:${escapeHtml(label.colour)}" aria-hidden="true"></span>${escapeHtml(title)}</h2>` +
      `<blockquote class="quote" dir="auto">${escapeHtml(quote)}</blockquote>` +
      fields +
      `<p class="form-error" role="alert" data-role="form-error"></p>` +
      `<div class="actions"><button type="submit" class="button primary" value="save" data-testid="annotation-save">${escapeHtml(gettext("Save"))}</button>` +
      `<button type="button" class="button" value="cancel" data-action="cancel">${escapeHtml(gettext("Cancel"))}</button></div>`;
    this.form.querySelector("[data-action=cancel]").addEventListener("click", () => this.#close("cancel"));
    this.dialog.returnValue = "";
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Not modal: making the whole document inert costs a style pass over every segment.
    this.dialog.show();
    this.#placeAway();
    this.form.querySelector("input, select")?.focus({ preventScroll: true });
    this.#syncButtons();
  }

  /** Put the form below (or above) the span it is about, so the sentence stays in sight. */
  #placeAway() {
    const style = this.dialog.style;
    style.insetBlockStart = "";
    const annotation = this.pending?.annotation;
    const selector = annotation ? `mark[data-annotation-id="${annotation.id}"]` : "mark.provisional";
    const marks = [...document.querySelectorAll(selector)];
    if (!marks.length) return;
    const gap = 12;
    const height = this.dialog.offsetHeight;
    const box = () => {
      const rects = marks.flatMap((mark) => [...mark.getClientRects()]);
      return { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)) };
    };
    let { top, bottom } = box();
    if (top < 0 || bottom > window.innerHeight) {
      marks[0].scrollIntoView({ block: "center", behavior: "instant" });
      ({ top, bottom } = box());
    }
    if (bottom + gap + height > window.innerHeight && top - gap - height < 0) {
      marks[0].scrollIntoView({ block: "start", behavior: "instant" });
      ({ top, bottom } = box());
    }
    const below = bottom + gap + height <= window.innerHeight;
    const place = below ? bottom + gap : top - gap - height;
    style.insetBlockStart = `${Math.max(0, Math.min(place, window.innerHeight - height))}px`;
  }

  #showErrors(error) {
    for (const slot of this.form.querySelectorAll("[data-error-for]")) slot.textContent = "";
    const general = this.form.querySelector("[data-role=form-error]");
    general.textContent = "";
    const body = error instanceof ApiError ? error.body : null;
    const attributes = body?.attributes;
    if (attributes && !Array.isArray(attributes) && typeof attributes === "object") {
      for (const [name, messages] of Object.entries(attributes)) {
        const slot = this.form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
        if (slot) slot.textContent = [].concat(messages).join(" ");
      }
    }
    general.textContent = error.message;
  }

  async #onSubmit(event) {
    event.preventDefault();
    if (!this.form.reportValidity()) return;
    const { mode, label } = this.pending;
    const attributes = schemaValues(this.form, label.schema);
    const save = this.form.querySelector("[data-testid=annotation-save]");
    save.disabled = true;
    try {
      if (mode === "create") {
        const { span } = this.pending;
        const { data } = await api.post(urls.annotations(), {
          document: this.store.document.id,
          label_type: label.id,
          start: span.start,
          end: span.end,
          quote: span.quote,
          attributes,
        });
        this.#close("saved");
        window.getSelection()?.removeAllRanges();
        this.store.putAnnotation(data);
        this.announce(fill(gettext("%(label)s saved."), { label: gettext(label.name) }));
      } else {
        const { annotation } = this.pending;
        const { data } = await api.patch(
          urls.annotation(annotation.id),
          { attributes },
          { ifMatch: etagOf(annotation) },
        );
        this.#close("saved");
        this.store.putAnnotation(data);
        this.announce(gettext("Changes saved."));
      }
    } catch (error) {
      const handled = await this.#resolveConflict(error, attributes);
      if (!handled) this.#showErrors(error);
    } finally {
      save.disabled = false;
    }
  }

  #resolveConflict(error, mine) {
    return resolveConflict(error, {
      keep: (current) => {
        this.store.putAnnotation(current);
        this.#close("conflict");
      },
      dialog: this.conflicts,
      question: (current) => ({
        title: gettext("Someone else changed this annotation"),
        theirs: JSON.stringify(current.attributes, null, 1),
        mine: JSON.stringify(mine, null, 1),
        author: current.author_name,
      }),
      retry: async (current) => {
        try {
          const { data } = await api.patch(
            urls.annotation(current.id),
            { attributes: mine },
            { ifMatch: etagOf(current) },
          );
          this.store.putAnnotation(data);
          this.announce(gettext("Your version was saved."));
        } catch (error) {
          this.announce(error.message, true);
        }
      },
    });
  }

  /** Close the form and drop the provisional highlight, at once (the dialog's own close
   * event comes a task later, possibly after the next tag has started). */
  #close(result) {
    const hadFocus = this.dialog.contains(document.activeElement);
    this.dialog.close(result);
    if (hadFocus || this.dialog.contains(document.activeElement)) {
      const back = this.returnFocus?.isConnected ? this.returnFocus : null;
      if (back && back !== document.body) back.focus({ preventScroll: true });
      else document.activeElement?.blur?.();
    }
    this.pending = null;
    if (this.reader.provisional) this.reader.setProvisional(null);
    this.#syncButtons();
  }
}
